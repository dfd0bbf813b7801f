package io.camelitwin.client.error;

import java.util.List;

/**
 * The platform answered with an error status. {@link #getCode()} is the envelope's {@code error.code} (e.g.
 * {@code iTwinNotFound}), or {@code null} when the body was not an error envelope (a bare 502 from a proxy, say).
 */
public class ITwinApiException extends ITwinException {

    private final int statusCode;
    private final String code;
    private final String target;
    private final List<ErrorDetail> details;

    public ITwinApiException(int statusCode, String code, String message, String target, List<ErrorDetail> details) {
        super(message);
        this.statusCode = statusCode;
        this.code = code;
        this.target = target;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public int getStatusCode() {
        return statusCode;
    }

    public String getCode() {
        return code;
    }

    public String getTarget() {
        return target;
    }

    public List<ErrorDetail> getDetails() {
        return details;
    }
}
