package io.camelitwin.client.ratelimit;

import io.github.bucket4j.BandwidthBuilder.BandwidthBuilderBuildStage;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Duration;

/**
 * How many requests one OAuth client may send: per minute, and per hour for the tiers that have an hourly limit
 * ({@code perHour} 0: none). Every limiter in this package is configured with one.
 */
public record RequestLimits(long perMinute, long perHour) {

    /** The Trial and Community tiers' requests per minute: the default of every limiter and of the component. */
    public static final int TRIAL_PER_MINUTE = 500;

    /** The Trial and Community tiers' requests per hour; Basic/Standard, Premium and Custom have no hourly limit. */
    public static final int TRIAL_PER_HOUR = 5000;

    public static final RequestLimits TRIAL = new RequestLimits(TRIAL_PER_MINUTE, TRIAL_PER_HOUR);

    public RequestLimits {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("perMinute must be positive, was " + perMinute);
        }
        if (perHour < 0) {
            throw new IllegalArgumentException("perHour must be positive, or 0 for no hourly limit, was " + perHour);
        }
    }

    /** The limits of a tier that counts per minute only. */
    public static RequestLimits perMinuteOnly(long perMinute) {
        return new RequestLimits(perMinute, 0);
    }

    public boolean hasHourlyLimit() {
        return perHour > 0;
    }

    /** One of {@code replicas} equal shares, never below one request: together the shares stay within the limits. */
    public RequestLimits share(int replicas) {
        if (replicas <= 0) {
            throw new IllegalArgumentException("replicas must be positive, was " + replicas);
        }
        return new RequestLimits(
                Math.max(1, perMinute / replicas), hasHourlyLimit() ? Math.max(1, perHour / replicas) : 0);
    }

    /**
     * The limits as Bucket4j bandwidths with greedy refill, so that after a burst the sustained rate is exactly the
     * limit. Each bucket holds one permit less than the limit: the platform's bucket starts refilling when the first
     * request arrives, later than ours by that request's latency, and the one-permit lead absorbs the difference (and
     * later jitter) so that a client running at exactly the platform's limit is not answered 429.
     */
    public BucketConfiguration bucketConfiguration() {
        return bucketConfiguration(false);
    }

    /**
     * The same limits with nothing left to spend in either period: for a budget that takes over from another whose
     * spending it cannot see, so that together they never send more than the limits allow.
     */
    public BucketConfiguration emptyBucketConfiguration() {
        return bucketConfiguration(true);
    }

    private BucketConfiguration bucketConfiguration(boolean empty) {
        ConfigurationBuilder configuration = BucketConfiguration.builder()
                .addLimit(limit -> initially(
                        limit.capacity(withLead(perMinute)).refillGreedy(perMinute, Duration.ofMinutes(1)), empty));
        if (hasHourlyLimit()) {
            configuration.addLimit(limit ->
                    initially(limit.capacity(withLead(perHour)).refillGreedy(perHour, Duration.ofHours(1)), empty));
        }
        return configuration.build();
    }

    private static BandwidthBuilderBuildStage initially(BandwidthBuilderBuildStage limit, boolean empty) {
        return empty ? limit.initialTokens(0) : limit;
    }

    private static long withLead(long limit) {
        return Math.max(1, limit - 1);
    }
}
