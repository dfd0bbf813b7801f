package io.camelitwin.component;

import io.camelitwin.client.ClientListener;
import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import io.camelitwin.client.ratelimit.RequestLimits;
import java.time.Duration;

/**
 * The component's options that every platform client it builds shares, whatever the identity: read once from the
 * component when its first client is built.
 *
 * @param rateLimiter a limiter every identity shares; null for one limiter of {@code limits} per identity
 */
record ClientSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        Duration maxPause,
        RequestLimits limits,
        PlatformRateLimiter rateLimiter,
        ClientListener listener) {

    /** The limiter of a new identity: the shared one, or a budget of its own. */
    PlatformRateLimiter limiterForIdentity() {
        return rateLimiter != null
                ? rateLimiter
                : Bucket4jRateLimiter.builder().limits(limits).build();
    }
}
