package io.camelitwin.client.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The pause the platform asked for with a 429's {@code Retry-After}, shared by everyone who spends the same rate-limit
 * budget. The local implementation covers one JVM; replicas sharing one OAuth client need one backed by a shared store.
 */
public interface PauseState {

    /** A pause shared by the users of this instance only, within this JVM. */
    static PauseState local() {
        return new LocalPauseState();
    }

    /** Nothing may be sent before this instant; an instant in the past means there is no pause. */
    Instant pausedUntil();

    /** Extends the pause to {@code instant}; a pause never gets shorter, so an earlier instant changes nothing. */
    void pauseUntil(Instant instant);

    /** Blocks until {@link #pausedUntil()} has passed, re-reading it so that a pause extended meanwhile is honoured. */
    default void awaitEnd() throws InterruptedException {
        Instant until;
        while ((until = pausedUntil()).isAfter(Instant.now())) {
            LockSupport.parkNanos(Duration.between(Instant.now(), until).toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the platform's Retry-After");
            }
        }
    }
}
