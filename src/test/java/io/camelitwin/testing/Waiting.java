package io.camelitwin.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something that happens on another thread (a route, a poll, a broker), without sleeping blind. */
public final class Waiting {

    private Waiting() {}

    /** Checks {@code condition} every 200 ms until it holds; fails naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
