package io.camelitwin.client;

import java.time.Duration;

/**
 * Hooks for metrics: what the client did and how long it waited. Called on the calling thread; implementations must be
 * cheap and thread-safe.
 */
public interface ClientListener {

    ClientListener NONE = new ClientListener() {};

    /** One listener that tells each of these, in order: e.g. metrics and a health check. */
    static ClientListener all(ClientListener... listeners) {
        ClientListener[] each = listeners.clone();
        return new ClientListener() {
            @Override
            public void onRequest(String operation) {
                for (ClientListener listener : each) {
                    listener.onRequest(operation);
                }
            }

            @Override
            public void onResponse(String operation, int statusCode) {
                for (ClientListener listener : each) {
                    listener.onResponse(operation, statusCode);
                }
            }

            @Override
            public void onUploaded(String operation, long bytes) {
                for (ClientListener listener : each) {
                    listener.onUploaded(operation, bytes);
                }
            }

            @Override
            public void onLimiterWait(Duration waited) {
                for (ClientListener listener : each) {
                    listener.onLimiterWait(waited);
                }
            }

            @Override
            public void onRateLimited(String operation, Duration retryAfter) {
                for (ClientListener listener : each) {
                    listener.onRateLimited(operation, retryAfter);
                }
            }

            @Override
            public void onPauseCapped(String operation, Duration asked, Duration applied) {
                for (ClientListener listener : each) {
                    listener.onPauseCapped(operation, asked, applied);
                }
            }

            @Override
            public void onTransientFailure(String operation, int statusCode) {
                for (ClientListener listener : each) {
                    listener.onTransientFailure(operation, statusCode);
                }
            }
        };
    }

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

    /**
     * A 429 asked to wait {@code asked}, longer than the longest pause: every request of the OAuth client waits
     * {@code applied} instead.
     */
    default void onPauseCapped(String operation, Duration asked, Duration applied) {}

    /** A transient failure (5xx, connection error, timeout); {@code statusCode} is 0 without a response. */
    default void onTransientFailure(String operation, int statusCode) {}
}
