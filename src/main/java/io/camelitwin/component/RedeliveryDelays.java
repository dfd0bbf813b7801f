package io.camelitwin.component;

import io.camelitwin.client.ITwinRateLimitException;
import org.apache.camel.Exchange;

/**
 * Makes a route's redelivery wait as long as the platform asked. Camel's error handler prefers the
 * {@link Exchange#REDELIVERY_DELAY} header over its policy's delay, and does not apply its maximum to it: the cap is
 * applied here.
 */
final class RedeliveryDelays {

    private RedeliveryDelays() {
    }

    static void fromRetryAfter(Exchange exchange, ITwinRateLimitException e, ITwinConfiguration configuration) {
        long delay = Math.min(e.getRetryAfter().toMillis(), configuration.getMaxRetryAfter());
        exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, delay);
    }

    /** Any other failure backs off by the route's own policy, not by an earlier 429's Retry-After. */
    static void clear(Exchange exchange) {
        exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
    }
}
