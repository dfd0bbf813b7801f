package io.camelitwin.emulator;

/**
 * The per-client rate limit: two token buckets, one per minute and one per hour. A limit of 0 or less switches that
 * bucket off.
 *
 * @param tier       the tier name sent in {@code ITwinPlatform-RateLimited-Tier}
 * @param perMinute  requests per minute
 * @param perHour    requests per hour
 */
public record RateLimitSettings(String tier, long perMinute, long perHour) {

    /** The platform's Trial tier: 500 a minute and 5000 an hour. */
    public static final RateLimitSettings TRIAL = new RateLimitSettings("Trial", 500, 5000);

    public RateLimitSettings {
        if (tier == null || tier.isBlank()) {
            throw new IllegalArgumentException("tier must not be blank");
        }
    }
}
