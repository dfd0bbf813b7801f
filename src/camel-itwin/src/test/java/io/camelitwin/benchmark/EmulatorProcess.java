package io.camelitwin.benchmark;

import io.camelitwin.emulator.EmulatorMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator in its own JVM on a free port, rate limit off, with extra iTwins for the uploads: its CPU and heap are
 * not the client's.
 */
final class EmulatorProcess implements AutoCloseable {

    private static final Pattern BANNER = Pattern.compile("iTwin Platform emulator on (http://\\S+)");

    private final Process process;
    private final String baseUrl;

    private EmulatorProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static EmulatorProcess start(int extraITwins) throws Exception {
        Process process = ChildJvm.command(
                        List.of("-Xmx1g"),
                        EmulatorMain.class,
                        List.of(
                                "--port", "0",
                                "--per-minute", "0",
                                "--per-hour", "0",
                                "--itwins", String.valueOf(extraITwins)))
                .start();
        CompletableFuture<String> baseUrl = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process, baseUrl), "emulator-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new EmulatorProcess(process, baseUrl.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Reads the child's output to the end, so that it never blocks on a full pipe. */
    private static void drain(Process process, CompletableFuture<String> baseUrl) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher banner = BANNER.matcher(line);
                if (banner.find()) {
                    baseUrl.complete(banner.group(1));
                } else if (!baseUrl.isDone()) {
                    System.out.println("emulator: " + line);
                }
            }
        } catch (IOException e) {
            baseUrl.completeExceptionally(e);
        }
        baseUrl.completeExceptionally(new IllegalStateException("the emulator exited before it started"));
    }

    String baseUrl() {
        return baseUrl;
    }

    String tokenUrl() {
        return baseUrl + "/connect/token";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
