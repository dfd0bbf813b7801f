package io.camelitwin.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The suite's one way to wait for what happens in the background (a route, a child process, a server starting): poll
 * a condition until it holds, or fail with what was awaited. The first looks come quickly, so that a test waiting for
 * something almost done does not lose a whole period; later ones every 100 ms, so that a long wait costs little CPU.
 */
public final class Await {

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 100;

    private Await() {}

    /** Waits until the condition holds; fails with an {@link AssertionError} naming {@code what} after the timeout. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * As {@link #until(String, Duration, BooleanSupplier)}, with {@code state} added to the failure: what was seen
     * instead (a count so far, a process's last lines). A condition may also throw to end the wait early, e.g. when
     * the process it waits for has exited.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String seen = state.get();
                throw new AssertionError(
                        "timed out after " + timeout + " waiting until " + what + (seen.isEmpty() ? "" : ": " + seen));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting until " + what, e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }
}
