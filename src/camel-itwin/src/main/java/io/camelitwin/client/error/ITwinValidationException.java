package io.camelitwin.client.error;

/**
 * A request refused before it was sent: the platform would have rejected it, so no request (and no rate-limit permit)
 * is spent on it. Never worth retrying.
 */
public class ITwinValidationException extends ITwinException {

    private final String field;

    public ITwinValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** What was wrong: {@code body}, {@code contentType}, {@code iTwinId}, {@code repositoryId} ... */
    public String getField() {
        return field;
    }
}
