package io.camelitwin.client.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The platform's per-OAuth-client limits as Bucket4j token buckets: requests per minute and, for the Trial tier,
 * per hour too. Refill is greedy, so after a burst the sustained rate is exactly the limit. Each bucket holds one
 * permit less than the limit: the platform's bucket starts refilling when the first request arrives, later than ours by
 * that request's latency, and the one-permit lead absorbs the difference (and later jitter) so that a client running
 * at exactly the platform's limit is not answered 429. The bucket is either local
 * to this JVM or a Bucket4j distributed bucket that several replicas share; both are used the same way.
 *
 * <p>A 429 means the platform allows less than configured (another client on the same budget, a stricter operation
 * limit, a tier misread). The limiter then learns: besides pausing
 * everyone for the 429's {@code Retry-After}, it paces its requests at a lower rate measured from what the platform
 * accepted, and raises that rate again slowly while answers are good ({@link AdaptivePace}). The learnt pace lives
 * beside the bucket, not in its configuration, so it works the same over any Bucket4j bucket.
 */
public final class Bucket4jRateLimiter implements PlatformRateLimiter {

    /** Trial and Community tiers. */
    public static final long TRIAL_PER_MINUTE = 500;

    public static final long TRIAL_PER_HOUR = 5000;
    /** Basic/Standard, Premium and Custom tiers: no hourly limit. */
    public static final long PAID_PER_MINUTE = 5000;

    private final BlockingBucket permits;
    private final PauseState pause;
    private final AdaptivePace pace;

    private Bucket4jRateLimiter(Bucket bucket, PauseState pause, AdaptivePace pace) {
        this.permits = bucket.asBlocking();
        this.pause = pause;
        this.pace = pace;
    }

    /** Starts from the Trial tier: {@value #TRIAL_PER_MINUTE}/minute and {@value #TRIAL_PER_HOUR}/hour. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Waits for any pause, then for the learnt pace (after a 429), then for a permit of the configured bucket, then for
     * any pause set while it waited.
     */
    @Override
    public Duration acquire() throws InterruptedException {
        long start = System.nanoTime();
        pause.awaitEnd();
        pace.await();
        permits.consume(1);
        // a 429 seen by another caller while this one queued for its permit pauses this one too
        pause.awaitEnd();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void awaitPause() throws InterruptedException {
        pause.awaitEnd();
    }

    @Override
    public void pauseUntil(Instant instant) {
        pause.pauseUntil(instant);
        pace.onRateLimited(Duration.between(Instant.now(), instant));
    }

    @Override
    public void onAccepted() {
        pace.onAccepted();
    }

    /**
     * The rate this limiter lets requests go at, per minute: the configured per-minute limit until the platform answers
     * 429, then the pace learnt from its answers.
     */
    public double currentPerMinute() {
        return pace.perMinute();
    }

    public static final class Builder {
        private long perMinute = TRIAL_PER_MINUTE;
        private long perHour = TRIAL_PER_HOUR;
        private PauseState pause;

        private Builder() {}

        public Builder perMinute(long requests) {
            this.perMinute = requirePositive("perMinute", requests);
            return this;
        }

        public Builder perHour(long requests) {
            this.perHour = requirePositive("perHour", requests);
            return this;
        }

        /** For the tiers that limit per minute only. */
        public Builder withoutHourlyLimit() {
            this.perHour = 0;
            return this;
        }

        /** The pause after a 429; by default {@link PauseState#local()}. Share one across replicas with the bucket. */
        public Builder pauseState(PauseState pause) {
            this.pause = Objects.requireNonNull(pause, "pause");
            return this;
        }

        /** The limits as a Bucket4j configuration, for callers that build their own bucket. */
        public BucketConfiguration configuration() {
            ConfigurationBuilder configuration = BucketConfiguration.builder()
                    .addLimit(limit ->
                            limit.capacity(withLead(perMinute)).refillGreedy(perMinute, Duration.ofMinutes(1)));
            if (perHour > 0) {
                configuration.addLimit(
                        limit -> limit.capacity(withLead(perHour)).refillGreedy(perHour, Duration.ofHours(1)));
            }
            return configuration.build();
        }

        /** A limiter whose budget lives in this JVM. */
        public Bucket4jRateLimiter build() {
            LocalBucketBuilder local = Bucket.builder();
            for (Bandwidth limit : configuration().getBandwidths()) {
                local.addLimit(limit);
            }
            return build(local.build());
        }

        /**
         * A limiter whose budget is the distributed bucket {@code key} of {@code proxyManager}, created with this
         * configuration if it does not exist yet, so that every replica using the same key spends one budget.
         */
        public <K> Bucket4jRateLimiter build(ProxyManager<K> proxyManager, K key) {
            return build(proxyManager.builder().build(key, this::configuration));
        }

        private Bucket4jRateLimiter build(Bucket bucket) {
            return new Bucket4jRateLimiter(
                    bucket, pause == null ? PauseState.local() : pause, new AdaptivePace(perMinute, System::nanoTime));
        }

        private static long withLead(long limit) {
            return Math.max(1, limit - 1);
        }

        private static long requirePositive(String name, long requests) {
            if (requests <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + requests);
            }
            return requests;
        }
    }
}
