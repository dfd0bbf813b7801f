package io.camelitwin.component;

import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import org.apache.camel.Exchange;

/**
 * What a failed call tells Camel's error handler, set on the exchange before the exception leaves the producer.
 *
 * <p>A 429 sets {@link Exchange#REDELIVERY_DELAY} to the platform's Retry-After: the error handler prefers that header
 * over its policy's delay and does not apply its maximum to it, so the cap ({@code maxRetryAfter}) is applied here. Any
 * other failure removes it, so that it backs off by the route's own policy.
 *
 * <p>Camel keeps one redelivery counter per exchange, whatever the cause. The failures are also counted per cause, in
 * the exchange properties {@value ITwinConstants#RATE_LIMITED_FAILURES} and
 * {@value ITwinConstants#TRANSIENT_FAILURES}, so that a route can give each cause its own budget (the shipped
 * {@code itwin-resilience} configuration does, with {@code retryWhile}): a long 429 storm must not use up the retries
 * meant for a dropped connection.
 */
public final class RedeliveryHints {

    private RedeliveryHints() {}

    /**
     * Sets the hints for a failed call. The producer calls it; so may code that calls the endpoint's client itself
     * from a route, so that the route's error handler treats that failure like one of the producer's.
     */
    public static void onFailure(Exchange exchange, RuntimeException failure, ITwinConfiguration configuration) {
        if (failure instanceof ITwinRateLimitException rateLimited) {
            long delay = Math.min(rateLimited.getRetryAfter().toMillis(), configuration.getMaxRetryAfter());
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
            count(exchange, ITwinConstants.RATE_LIMITED_FAILURES);
            return;
        }
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        if (failure instanceof ITwinTransientException) {
            count(exchange, ITwinConstants.TRANSIENT_FAILURES);
        }
    }

    private static void count(Exchange exchange, String property) {
        Integer failures = exchange.getProperty(property, Integer.class);
        exchange.setProperty(property, failures == null ? 1 : failures + 1);
    }
}
