package io.camelitwin.client.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The client side of the platform's per-OAuth-client rate limit. One instance is shared by everything that calls the
 * platform with the same client id. Callers wait for a permit; they are never refused.
 */
public interface PlatformRateLimiter {

    /**
     * The longest single pause a 429 imposes by default (the client's {@code maxPause}): long enough for any
     * {@code Retry-After} the platform gives, short enough that a wrong one does not stop the routes for a day.
     */
    Duration DEFAULT_MAX_PAUSE = Duration.ofMinutes(5);

    /** The operation of the calls that name none ({@link #acquire()}, ...): they learn one pace together. */
    String UNNAMED_OPERATION = "";

    /**
     * Blocks until one request may be sent: a permit is available and any pause set by {@link #pauseUntil} is over.
     *
     * @return how long the caller waited
     */
    Duration acquire() throws InterruptedException;

    /**
     * As {@link #acquire()}, for a request of {@code operation} (the client's method name): a limiter that learns a
     * pace per operation also waits for that operation's, so that one limited apart does not slow the others.
     */
    default Duration acquire(String operation) throws InterruptedException {
        return acquire();
    }

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

    /** As {@link #pauseUntil(Instant)}, for a 429 to a request of {@code operation}: the pause holds every operation. */
    default void pauseUntil(Instant instant, String operation) {
        pauseUntil(instant);
    }

    /**
     * The platform answered a request with neither 429 nor a server error: the request was within its limit. A limiter
     * that learns raises its rate again, slowly. Called for every such answer: must be cheap.
     */
    default void onAccepted() {}

    /** As {@link #onAccepted()}, for a request of {@code operation}. */
    default void onAccepted(String operation) {
        onAccepted();
    }

    /**
     * The instant the pause set by {@link #pauseUntil} ends, as this limiter knows it (shared by the replicas when its
     * pause is); in the past when there is no pause, {@link Instant#MIN} from a limiter that does not tell. For health
     * checks and metrics: may ask a shared store.
     */
    default Instant pausedUntil() {
        return Instant.MIN;
    }

    /** A limiter that never waits, except for a pause after a 429. */
    static PlatformRateLimiter unlimited() {
        return new PauseOnlyRateLimiter();
    }
}
