package io.camelitwin.client;

import java.time.Duration;

/**
 * Hooks for metrics: what the client did and how long it waited. Called on the calling thread; implementations must be
 * cheap and thread-safe.
 */
public interface ClientListener {

    ClientListener NONE = new ClientListener() {};

    /** A request to the platform is about to be sent ({@code operation} is the client method, e.g. {@code getITwinImage}). */
    default void onRequest(String operation) {}

    /** The platform answered (any status, redirects and 429s included). */
    default void onResponse(String operation, int statusCode) {}

    /** The platform accepted an upload of this many bytes. */
    default void onUploaded(String operation, long bytes) {}

    /** The caller waited this long for a rate-limit permit (including a pause after a 429). */
    default void onLimiterWait(Duration waited) {}

    /** The platform answered 429 and asked to wait {@code retryAfter}. */
    default void onRateLimited(String operation, Duration retryAfter) {}

    /** A transient failure (5xx, connection error, timeout); {@code statusCode} is 0 without a response. */
    default void onTransientFailure(String operation, int statusCode) {}
}
