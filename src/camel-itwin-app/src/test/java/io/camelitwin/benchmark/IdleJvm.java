package io.camelitwin.benchmark;

/**
 * The floor of {@link ApplicationStartupBenchmark}: a JVM that loads nothing but this class, says so, and waits to be
 * stopped, so that its start time and resident memory are the JVM's own.
 */
public final class IdleJvm {

    static final String READY = "idle JVM ready";

    private IdleJvm() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
