package io.camelitwin.client.error;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may well pass if the same request is tried again later: HTTP 5xx or 408, a reset or refused
 * connection, a timeout. Routes back off exponentially on it, or wait for the server's {@code Retry-After} when it
 * sent one (a 503 may); no other 4xx answer is transient.
 *
 * <p>{@link #getStatusCode()} is 0 when no HTTP response was received at all.
 */
public class ITwinTransientException extends ITwinException {

    private final int statusCode;
    private final Duration retryAfter;

    public ITwinTransientException(int statusCode, String message, Throwable cause) {
        this(statusCode, message, cause, null);
    }

    /** @param retryAfter the server's {@code Retry-After}, or null when it sent none */
    public ITwinTransientException(int statusCode, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.statusCode = statusCode;
        this.retryAfter = retryAfter;
    }

    public int getStatusCode() {
        return statusCode;
    }

    /** How long the server asked to wait before trying again, if it did. */
    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
