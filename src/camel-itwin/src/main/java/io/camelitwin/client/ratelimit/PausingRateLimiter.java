package io.camelitwin.client.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * What every limiter does with a 429: nobody sharing it sends anything before the pause the platform asked for is
 * over. A subclass adds what it counts besides ({@link #awaitPermit}); the pause is local to this JVM or shared by
 * the replicas, as its {@link PauseState} is.
 */
abstract class PausingRateLimiter implements PlatformRateLimiter {

    final PauseState pause;

    PausingRateLimiter(PauseState pause) {
        this.pause = pause;
    }

    @Override
    public final Duration acquire() throws InterruptedException {
        return acquire(UNNAMED_OPERATION);
    }

    /** Waits for any pause, then for a permit of {@code operation}, then for any pause set while it waited. */
    @Override
    public final Duration acquire(String operation) throws InterruptedException {
        long start = System.nanoTime();
        pause.awaitEnd();
        awaitPermit(operation);
        // a 429 seen by another caller while this one queued for its permit pauses this one too
        pause.awaitEnd();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Blocks until this limiter lets one more request of {@code operation} go, pauses apart. */
    abstract void awaitPermit(String operation) throws InterruptedException;

    @Override
    public final void awaitPause() throws InterruptedException {
        pause.awaitEnd();
    }

    @Override
    public void pauseUntil(Instant instant) {
        pause.pauseUntil(instant);
    }

    @Override
    public final Instant pausedUntil() {
        return pause.pausedUntil();
    }
}
