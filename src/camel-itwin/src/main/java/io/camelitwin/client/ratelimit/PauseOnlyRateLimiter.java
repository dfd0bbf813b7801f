package io.camelitwin.client.ratelimit;

import java.time.Duration;
import java.time.Instant;

/** No permits to count; only honours the pause the platform asked for with its last 429. */
final class PauseOnlyRateLimiter implements PlatformRateLimiter {

    private final PauseState pause = PauseState.local();

    @Override
    public Duration acquire() throws InterruptedException {
        long start = System.nanoTime();
        pause.awaitEnd();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void awaitPause() throws InterruptedException {
        pause.awaitEnd();
    }

    @Override
    public void pauseUntil(Instant instant) {
        pause.pauseUntil(instant);
    }

    @Override
    public Instant pausedUntil() {
        return pause.pausedUntil();
    }
}
