package io.camelitwin.client.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The client side of the platform's per-OAuth-client rate limit. One instance is shared by everything that calls the
 * platform with the same client id. Callers wait for a permit; they are never refused.
 */
public interface PlatformRateLimiter {

    /**
     * Blocks until one request may be sent: a permit is available and any pause set by {@link #pauseUntil} is over.
     *
     * @return how long the caller waited
     */
    Duration acquire() throws InterruptedException;

    /** The platform answered 429: nobody sharing this limiter sends anything before {@code instant}. */
    void pauseUntil(Instant instant);

    /** A limiter that never waits, except for a pause after a 429. */
    static PlatformRateLimiter unlimited() {
        return new PauseOnlyRateLimiter();
    }
}
