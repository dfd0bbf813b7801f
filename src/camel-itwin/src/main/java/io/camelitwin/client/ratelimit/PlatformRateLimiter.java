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

    /**
     * Blocks while a pause set by {@link #pauseUntil} is in force. Called immediately before each request is sent, after
     * its permit and its token: a 429 read by another caller meanwhile holds this request too.
     */
    void awaitPause() throws InterruptedException;

    /**
     * The platform answered 429: nobody sharing this limiter sends anything before {@code instant}. Called as soon as the
     * answer's status line is read, before anything else of it. A limiter that learns also lowers its rate.
     */
    void pauseUntil(Instant instant);

    /**
     * The platform answered a request with neither 429 nor a server error: the request was within its limit. A limiter
     * that learns raises its rate again, slowly. Called for every such answer: must be cheap.
     */
    default void onAccepted() {}

    /** A limiter that never waits, except for a pause after a 429. */
    static PlatformRateLimiter unlimited() {
        return new PauseOnlyRateLimiter();
    }
}
