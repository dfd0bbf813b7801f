package io.camelitwin.client.internal;

import io.camelitwin.client.Redaction;
import io.camelitwin.client.error.ErrorDetail;
import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hc.core5.http.MessageHeaders;

/**
 * Turns an error answer of the platform into the matching exception: the one place that knows which status means
 * which type. It only builds the exception; the caller decides what else a 429 or a 5xx implies.
 */
public final class ErrorResponseParser {

    /** Enough of a foreign body (a proxy's HTML page) to recognise it, not enough to flood a log. */
    static final int EXCERPT_LIMIT = 200;

    private final JsonMapping json;
    private final Duration fallbackRetryAfter;
    private final Duration maxPause;

    /**
     * @param fallbackRetryAfter the wait after a 429 without a usable {@code Retry-After}
     * @param maxPause           the longest wait a single 429 may impose, whatever its {@code Retry-After} says
     */
    public ErrorResponseParser(JsonMapping json, Duration fallbackRetryAfter, Duration maxPause) {
        this.json = json;
        this.fallbackRetryAfter = fallbackRetryAfter;
        this.maxPause = maxPause;
    }

    /**
     * @param operation the client operation, e.g. {@code getITwinImage}
     * @param where     the method and redacted path of the request that failed
     * @param now       when the answer arrived, to read an HTTP-date {@code Retry-After}
     */
    ITwinException toException(
            String operation, String where, int status, MessageHeaders headers, byte[] body, Instant now) {
        Optional<JsonMapping.ErrorBody> envelope = json.errorEnvelope(body);
        String code = envelope.map(JsonMapping.ErrorBody::code).orElse(null);
        String target = envelope.map(JsonMapping.ErrorBody::target).orElse(null);
        List<ErrorDetail> details =
                envelope.map(JsonMapping.ErrorBody::toDetails).orElse(List.of());
        String message = operation + " " + where + " failed: HTTP " + status
                + envelope.map(error -> " " + error.code() + ": " + Redaction.redactText(error.message()))
                        .orElseGet(() -> " without an error envelope" + excerpt(body));

        if (status == 401) {
            return new ITwinAuthenticationException(status, code, message);
        }
        if (status == 429) {
            Optional<Duration> asked = askedRetryAfter(headers, now);
            RateLimitPause pause = pause(headers, now);
            return new ITwinRateLimitException(
                    code,
                    message + " (retry after " + pause.applied().toSeconds() + " s"
                            + (pause.capped()
                                    ? ", capped: Retry-After asked for "
                                            + pause.asked().toSeconds() + " s"
                                    : "")
                            + ")",
                    details,
                    pause.applied(),
                    asked.isPresent(),
                    rateLimitedBy(headers));
        }
        // 408: the server gave up waiting for the request; sending it again is expected to work
        if (status >= 500 || status == 408) {
            return new ITwinTransientException(status, message, null);
        }
        return new ITwinApiException(status, code, message, target, details);
    }

    /**
     * How long a 429 with these headers holds the client: its {@code Retry-After} (or the fallback without a usable
     * one), at most the longest pause.
     */
    public RateLimitPause pause(MessageHeaders headers, Instant now) {
        Duration asked = askedRetryAfter(headers, now).orElse(fallbackRetryAfter);
        return new RateLimitPause(asked, asked.compareTo(maxPause) > 0 ? maxPause : asked);
    }

    /** What a 429 asked for and the pause taken, shorter when the request was longer than the longest pause. */
    public record RateLimitPause(Duration asked, Duration applied) {
        public boolean capped() {
            return applied.compareTo(asked) < 0;
        }
    }

    private static Optional<Duration> askedRetryAfter(MessageHeaders headers, Instant now) {
        return RetryAfter.parse(PlatformResponse.firstValue(headers, "Retry-After"), now);
    }

    private static ITwinRateLimitException.RateLimitedBy rateLimitedBy(MessageHeaders headers) {
        return new ITwinRateLimitException.RateLimitedBy(
                PlatformResponse.firstValue(headers, "ITwinPlatform-RateLimited-Tier"),
                PlatformResponse.firstValue(headers, "ITwinPlatform-RateLimited-API"),
                PlatformResponse.firstValue(headers, "ITwinPlatform-RateLimited-Operation"),
                PlatformResponse.firstValue(headers, "ITwinPlatform-RateLimited-Application"));
    }

    static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return " (empty body)";
        }
        // decode a bounded prefix only: the body may be megabytes of HTML
        int prefix = Math.min(body.length, EXCERPT_LIMIT * 4);
        String text = new String(body, 0, prefix, StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ")
                .trim();
        // redact before cutting, so that a cut cannot leave half a signature unrecognised
        String redacted = Redaction.redactText(text);
        String cut = redacted.length() > EXCERPT_LIMIT ? redacted.substring(0, EXCERPT_LIMIT) + "..." : redacted;
        return ", body: \"" + cut + "\"";
    }
}
