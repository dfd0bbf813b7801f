package io.camelitwin.client.error;

import java.time.Duration;
import java.util.List;

/**
 * HTTP 429. {@link #getRetryAfter()} is how long the platform asked us to wait (from {@code Retry-After}, in
 * delta-seconds or HTTP-date form), or the client's fallback back-off when the header was absent or unreadable.
 */
public class ITwinRateLimitException extends ITwinApiException {

    private final Duration retryAfter;
    private final boolean retryAfterFromServer;
    private final RateLimitedBy rateLimitedBy;

    public ITwinRateLimitException(
            String code,
            String message,
            List<ErrorDetail> details,
            Duration retryAfter,
            boolean retryAfterFromServer,
            RateLimitedBy rateLimitedBy) {
        super(429, code, message, null, details);
        this.retryAfter = retryAfter;
        this.retryAfterFromServer = retryAfterFromServer;
        this.rateLimitedBy = rateLimitedBy;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    /** False when {@link #getRetryAfter()} is the client's fallback because the server sent no usable header. */
    public boolean isRetryAfterFromServer() {
        return retryAfterFromServer;
    }

    /** The {@code ITwinPlatform-RateLimited-*} headers; their fields are null when absent. */
    public RateLimitedBy getRateLimitedBy() {
        return rateLimitedBy;
    }

    /** The {@code ITwinPlatform-RateLimited-Tier}, {@code -API}, {@code -Operation} and {@code -Application} headers. */
    public record RateLimitedBy(String tier, String api, String operation, String application) {}
}
