package io.camelitwin.client;

import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Recording stand-ins for what the client talks to besides HTTP. */
final class ClientDoubles {

    private ClientDoubles() {}

    /** Hands out {@code token-1}, {@code token-2}, ... : a new token only after the current one was invalidated. */
    static final class RenewingTokens implements TokenProvider {
        private final AtomicInteger generation = new AtomicInteger(1);
        final List<String> invalidated = new CopyOnWriteArrayList<>();

        @Override
        public String getAccessToken() {
            return "token-" + generation.get();
        }

        @Override
        public void invalidate(String rejectedToken) {
            invalidated.add(rejectedToken);
            generation.incrementAndGet();
        }
    }

    static final class RecordingLimiter implements PlatformRateLimiter {
        final AtomicInteger permits = new AtomicInteger();
        final List<Instant> pauses = new CopyOnWriteArrayList<>();

        @Override
        public Duration acquire() {
            permits.incrementAndGet();
            return Duration.ofMillis(5);
        }

        @Override
        public void awaitPause() {}

        @Override
        public void pauseUntil(Instant instant) {
            pauses.add(instant);
        }
    }

    static final class RecordingListener implements ClientListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(String operation) {
            events.add("request " + operation);
        }

        @Override
        public void onLimiterWait(Duration waited) {
            events.add("wait " + waited.toMillis());
        }

        @Override
        public void onRateLimited(String operation, Duration retryAfter) {
            events.add("rateLimited " + operation + " " + retryAfter.toSeconds());
        }

        @Override
        public void onPauseCapped(String operation, Duration asked, Duration applied) {
            events.add("pauseCapped " + operation + " " + applied.toSeconds());
        }

        @Override
        public void onTransientFailure(String operation, int statusCode) {
            events.add("transient " + operation + " " + statusCode);
        }
    }
}
