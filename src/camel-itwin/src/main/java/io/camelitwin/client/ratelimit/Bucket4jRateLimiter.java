package io.camelitwin.client.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The platform's per-OAuth-client {@link RequestLimits limits} as Bucket4j token buckets (see
 * {@link RequestLimits#bucketConfiguration()}). The bucket is either local to this JVM or a Bucket4j distributed bucket
 * that several replicas share; both are used the same way.
 *
 * <p>A 429 means the platform allows less than configured (another client on the same budget, a stricter operation
 * limit, a tier misread), or that it sheds load. The limiter then learns: besides pausing everyone for the 429's
 * {@code Retry-After}, it paces the requests of the refused operation at a lower rate measured from what the platform
 * accepted, when its own pace can explain the 429, and raises that rate again while answers are good
 * ({@link AdaptivePace}). Each operation learns its own pace, so that one with a stricter limit of its own does not
 * slow the others; a limit of the whole OAuth client teaches each operation in turn. The learnt paces live beside the
 * bucket, not in its configuration, so they work the same over any Bucket4j bucket.
 */
public final class Bucket4jRateLimiter extends PausingRateLimiter {

    private final Bucket bucket;
    private final BlockingBucket permits;
    private final RequestLimits limits;
    private final LongSupplier nanoClock;
    private final Map<String, AdaptivePace> paces = new ConcurrentHashMap<>();

    private Bucket4jRateLimiter(Bucket bucket, RequestLimits limits, PauseState pause, LongSupplier nanoClock) {
        super(pause);
        this.bucket = bucket;
        this.permits = bucket.asBlocking();
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /** Starts from the Trial tier's limits ({@link RequestLimits#TRIAL}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Waits for the operation's learnt pace (after a 429), then for a permit of the configured bucket. */
    @Override
    void awaitPermit(String operation) throws InterruptedException {
        pace(operation).await();
        permits.consume(1);
    }

    @Override
    public void pauseUntil(Instant instant) {
        pauseUntil(instant, UNNAMED_OPERATION);
    }

    @Override
    public void pauseUntil(Instant instant, String operation) {
        super.pauseUntil(instant);
        pace(operation).onRateLimited(Duration.between(Instant.now(), instant));
    }

    @Override
    public void onAccepted() {
        onAccepted(UNNAMED_OPERATION);
    }

    @Override
    public void onAccepted(String operation) {
        AdaptivePace pace = paces.get(operation);
        if (pace != null) {
            pace.onAccepted();
        }
    }

    /**
     * Takes every permit left, in every period of the limits, so that the budget continues empty from now: for a
     * budget that takes over from another whose spending it cannot see (a replica's own budget while the shared one is
     * out of reach, or a shared one that may have been lost and started over full). A budget in debt stays in debt.
     */
    public void spendAll() {
        if (bucket.getAvailableTokens() > 0) {
            bucket.replaceConfiguration(limits.emptyBucketConfiguration(), TokensInheritanceStrategy.RESET);
        }
    }

    /**
     * Counts {@code permits} spent elsewhere against this budget, going into debt if it holds fewer: the requests that
     * follow wait until the debt has refilled.
     */
    public void charge(long permits) {
        if (permits > 0) {
            bucket.consumeIgnoringRateLimits(permits);
        }
    }

    /**
     * Permits of the per-minute limit taken and not yet refilled: at most what was sent through this budget within
     * the last minute.
     */
    public long unrefilledPermits() {
        long capacity = Math.max(1, limits.perMinute() - 1);
        return Math.max(0, capacity - Math.max(0, bucket.getAvailableTokens()));
    }

    /**
     * The rate this limiter lets requests go at, per minute: the configured per-minute limit until the platform answers
     * 429, then the lowest pace learnt from its answers, whichever the operation.
     */
    public double currentPerMinute() {
        return paces.values().stream()
                .mapToDouble(AdaptivePace::perMinute)
                .min()
                .orElse(limits.perMinute());
    }

    /** The rate requests of {@code operation} go at, per minute: its learnt pace, or the configured limit. */
    public double currentPerMinute(String operation) {
        AdaptivePace pace = paces.get(operation);
        return pace == null ? limits.perMinute() : pace.perMinute();
    }

    /** An operation's pace, created on its first request: until its first 429 it lets every request through. */
    private AdaptivePace pace(String operation) {
        return paces.computeIfAbsent(operation, name -> new AdaptivePace(limits.perMinute(), nanoClock));
    }

    public static final class Builder {
        private RequestLimits limits = RequestLimits.TRIAL;
        private PauseState pause;

        private Builder() {}

        public Builder limits(RequestLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The pause after a 429; by default {@link PauseState#local()}. Share one across replicas with the bucket. */
        public Builder pauseState(PauseState pause) {
            this.pause = Objects.requireNonNull(pause, "pause");
            return this;
        }

        /** A limiter whose budget lives in this JVM. */
        public Bucket4jRateLimiter build() {
            LocalBucketBuilder local = Bucket.builder();
            for (Bandwidth limit : limits.bucketConfiguration().getBandwidths()) {
                local.addLimit(limit);
            }
            return build(local.build());
        }

        /**
         * A limiter whose budget is the distributed bucket {@code key} of {@code proxyManager}, created with these
         * limits if it does not exist yet, so that every replica using the same key spends one budget.
         */
        public <K> Bucket4jRateLimiter build(ProxyManager<K> proxyManager, K key) {
            return build(proxyManager.builder().build(key, limits::bucketConfiguration));
        }

        private Bucket4jRateLimiter build(Bucket bucket) {
            return new Bucket4jRateLimiter(
                    bucket, limits, pause == null ? PauseState.local() : pause, System::nanoTime);
        }
    }
}
