package io.camelitwin.client.error;

/**
 * A failure that may well pass if the same request is tried again later: HTTP 5xx or 408, a reset or refused
 * connection, a timeout. Routes back off exponentially on it; no other 4xx answer is transient.
 *
 * <p>{@link #getStatusCode()} is 0 when no HTTP response was received at all.
 */
public class ITwinTransientException extends ITwinException {

    private final int statusCode;

    public ITwinTransientException(int statusCode, String message, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    public int getStatusCode() {
        return statusCode;
    }
}
