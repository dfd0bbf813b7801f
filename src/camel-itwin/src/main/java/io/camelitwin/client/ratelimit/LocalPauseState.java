package io.camelitwin.client.ratelimit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** {@link PauseState} in one JVM. */
final class LocalPauseState implements PauseState {

    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);

    @Override
    public Instant pausedUntil() {
        return pausedUntil.get();
    }

    @Override
    public void pauseUntil(Instant instant) {
        pausedUntil.accumulateAndGet(instant, (current, candidate) -> candidate.isAfter(current) ? candidate : current);
    }
}
