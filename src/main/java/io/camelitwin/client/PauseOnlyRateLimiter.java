package io.camelitwin.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** No permits to count; only honours the pause the platform asked for with its last 429. */
final class PauseOnlyRateLimiter implements PlatformRateLimiter {

    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

    @Override
    public Duration acquire() throws InterruptedException {
        long start = System.nanoTime();
        Instant until;
        while ((until = pausedUntil.get()).isAfter(Instant.now())) {
            LockSupport.parkNanos(Duration.between(Instant.now(), until).toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the platform's Retry-After");
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void pauseUntil(Instant instant) {
        pausedUntil.accumulateAndGet(instant, (current, candidate) -> candidate.isAfter(current) ? candidate : current);
    }
}
