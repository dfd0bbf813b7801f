package io.camelitwin.client.error;

/**
 * Root of everything the platform client throws. Unchecked, so that a Camel route's error handler sees the precise
 * subtype (validation, API error, rate limit, transient fault) without wrapping.
 */
public class ITwinException extends RuntimeException {

    public ITwinException(String message) {
        super(message);
    }

    public ITwinException(String message, Throwable cause) {
        super(message, cause);
    }
}
