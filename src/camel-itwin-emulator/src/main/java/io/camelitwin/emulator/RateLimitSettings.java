package io.camelitwin.emulator;

/**
 * The per-client rate limit: two token buckets, one per minute and one per hour. A limit of 0 or less switches that
 * bucket off.
 *
 * @param tier          the tier name sent in {@code ITwinPlatform-RateLimited-Tier}
 * @param perMinute     requests per minute
 * @param perHour       requests per hour
 * @param minuteBurst   how many requests the per-minute bucket lets through at once; 0 or less means a whole minute's
 *                      worth, as the platform documents it. A smaller burst shapes a limit that a client configured per
 *                      minute would misjudge: {@code perMinute} 360 with {@code minuteBurst} 60 is 60 per 10 seconds
 */
public record RateLimitSettings(String tier, long perMinute, long perHour, long minuteBurst) {

    /** The platform's Trial tier: 500 a minute and 5000 an hour. */
    public static final RateLimitSettings TRIAL = new RateLimitSettings("Trial", 500, 5000);

    public RateLimitSettings {
        if (tier == null || tier.isBlank()) {
            throw new IllegalArgumentException("tier must not be blank");
        }
    }

    /** Limits whose per-minute bucket holds a whole minute's worth. */
    public RateLimitSettings(String tier, long perMinute, long perHour) {
        this(tier, perMinute, perHour, 0);
    }
}
