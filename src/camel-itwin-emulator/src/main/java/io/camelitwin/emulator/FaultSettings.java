package io.camelitwin.emulator;

/**
 * Faults injected into API calls and token requests (never into blob URLs or the admin endpoints). An API call's
 * fault is drawn once per request from one seeded random sequence, in this order: 429, 503, 500, dropped connection,
 * HTML page; their sum must not exceed 1. A token request draws its own, from the same sequence, only when
 * {@code tokenHtmlProbability} is above 0. The latency is added to every API call.
 *
 * @param throttleProbability       chance of a 429 (with {@code RateLimitExceeded}/{@code TooManyRequests} body)
 * @param throttleRetryAfterSeconds the Retry-After of an injected 429
 * @param unavailableProbability    chance of a 503 with a plain-text body, as a gateway would send
 * @param internalErrorProbability  chance of a 500 with the error envelope
 * @param dropProbability           chance of closing the connection without any response
 * @param latencyMillis             delay added before every API call is handled
 * @param htmlProbability           chance of a 200 with an HTML page instead of the documented answer (a proxy's
 *                                  maintenance or login page), without the call being handled
 * @param tokenHtmlProbability      chance that a token request is answered 200 with an HTML page instead of a token
 */
public record FaultSettings(
        double throttleProbability,
        int throttleRetryAfterSeconds,
        double unavailableProbability,
        double internalErrorProbability,
        double dropProbability,
        long latencyMillis,
        double htmlProbability,
        double tokenHtmlProbability) {

    public static final FaultSettings NONE = new FaultSettings(0, 1, 0, 0, 0, 0, 0, 0);

    public FaultSettings {
        for (double p : new double[] {
            throttleProbability,
            unavailableProbability,
            internalErrorProbability,
            dropProbability,
            htmlProbability,
            tokenHtmlProbability
        }) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("probabilities must be within [0, 1]");
            }
        }
        if (throttleProbability + unavailableProbability + internalErrorProbability + dropProbability + htmlProbability
                > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault probabilities must not add up to more than 1");
        }
        if (throttleRetryAfterSeconds < 1) {
            throw new IllegalArgumentException("throttleRetryAfterSeconds must be at least 1");
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must not be negative");
        }
    }

    public FaultSettings withThrottle(double probability, int retryAfterSeconds) {
        return new FaultSettings(
                probability,
                retryAfterSeconds,
                unavailableProbability,
                internalErrorProbability,
                dropProbability,
                latencyMillis,
                htmlProbability,
                tokenHtmlProbability);
    }

    public FaultSettings withUnavailable(double probability) {
        return new FaultSettings(
                throttleProbability,
                throttleRetryAfterSeconds,
                probability,
                internalErrorProbability,
                dropProbability,
                latencyMillis,
                htmlProbability,
                tokenHtmlProbability);
    }

    public FaultSettings withInternalError(double probability) {
        return new FaultSettings(
                throttleProbability,
                throttleRetryAfterSeconds,
                unavailableProbability,
                probability,
                dropProbability,
                latencyMillis,
                htmlProbability,
                tokenHtmlProbability);
    }

    public FaultSettings withDrop(double probability) {
        return new FaultSettings(
                throttleProbability,
                throttleRetryAfterSeconds,
                unavailableProbability,
                internalErrorProbability,
                probability,
                latencyMillis,
                htmlProbability,
                tokenHtmlProbability);
    }

    public FaultSettings withLatencyMillis(long millis) {
        return new FaultSettings(
                throttleProbability,
                throttleRetryAfterSeconds,
                unavailableProbability,
                internalErrorProbability,
                dropProbability,
                millis,
                htmlProbability,
                tokenHtmlProbability);
    }

    /** API calls answered 200 with an HTML page, as a proxy's maintenance page would be, with this probability. */
    public FaultSettings withHtml(double probability) {
        return new FaultSettings(
                throttleProbability,
                throttleRetryAfterSeconds,
                unavailableProbability,
                internalErrorProbability,
                dropProbability,
                latencyMillis,
                probability,
                tokenHtmlProbability);
    }

    /** Token requests answered 200 with an HTML page instead of a token, with this probability. */
    public FaultSettings withTokenHtml(double probability) {
        return new FaultSettings(
                throttleProbability,
                throttleRetryAfterSeconds,
                unavailableProbability,
                internalErrorProbability,
                dropProbability,
                latencyMillis,
                htmlProbability,
                probability);
    }
}
