package io.camelitwin.client.ratelimit.redis;

import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.PauseState;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import io.camelitwin.client.ratelimit.RequestLimits;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rate budget for every replica that calls the platform with the same OAuth client: a {@link Bucket4jRateLimiter}
 * whose bucket is a Bucket4j distributed bucket in Redis (Bucket4j's Lettuce integration) and whose pause after a 429
 * is a {@link RedisPauseState}, so that one replica's 429 holds the others too.
 *
 * <p>When Redis cannot be reached the limiter degrades instead of failing: each replica falls back to a local budget
 * of the limit divided by the configured replica count (together they still stay under the limit), logs that once,
 * and reports {@link #isShared()} false for a health check. It tries Redis again at most once per probe interval, on
 * the next request or on {@link #checkStore()}, and shares the budget again as soon as Redis answers.
 *
 * <p>Neither switch may send more than the limit allows. The local budget starts empty when the replica degrades: it
 * cannot know what the shared one had left, and the other replicas spent from it up to that moment. On the way back
 * the shared budget is emptied too (Redis may have restarted and created it anew, full, and it has not seen what the
 * replicas sent meanwhile) and charged with what this replica sent from its local budget within the last minute; and
 * a pause this replica learnt while degraded is written to Redis, so that the others honour it from then on.
 */
public final class RedisRateLimiter implements PlatformRateLimiter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final RedisConnector redis;
    private final Bucket4jRateLimiter shared;
    private final RedisPauseState sharedPause;
    private final Bucket4jRateLimiter fallback;
    /** Every pause this replica heard of, kept locally too, so that one learnt while degraded is not forgotten. */
    private final PauseState knownPause = PauseState.local();

    private final long fallbackPerMinute;
    private final int replicas;
    private final long probeIntervalNanos;
    private final AtomicBoolean degraded = new AtomicBoolean();
    /** Permits taken from the local budget since this replica last degraded. */
    private final AtomicLong sentWhileDegraded = new AtomicLong();

    private final AtomicLong nextProbeNanos = new AtomicLong();

    private RedisRateLimiter(Builder builder) {
        this.redis = new RedisConnector(builder.uri, builder.timeout);
        this.replicas = builder.replicas;
        this.probeIntervalNanos = builder.probeInterval.toNanos();
        ProxyManager<String> buckets = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(
                        connectingOnUse(() -> redis.connection().async()))
                // an idle budget is full again after one refill period: Redis need not keep it longer
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        this.sharedPause = new RedisPauseState(redis, builder.keyPrefix + ":pause");
        this.shared = Bucket4jRateLimiter.builder()
                .limits(builder.limits)
                .pauseState(sharedPause)
                .build(buckets, builder.keyPrefix + ":bucket");
        RequestLimits replicaShare = builder.limits.share(builder.replicas);
        this.fallbackPerMinute = replicaShare.perMinute();
        this.fallback = Bucket4jRateLimiter.builder()
                .limits(replicaShare)
                .pauseState(knownPause)
                .build();
    }

    /** A limiter sharing its budget through the Redis at {@code redisUrl} ({@code redis://host:port}). */
    public static Builder builder(String redisUrl) {
        return new Builder(RedisURI.create(redisUrl));
    }

    @Override
    public Duration acquire() throws InterruptedException {
        return acquire(UNNAMED_OPERATION);
    }

    @Override
    public Duration acquire(String operation) throws InterruptedException {
        if (shouldTryRedis()) {
            long start = System.nanoTime();
            try {
                knownPause.awaitEnd();
                rejoin();
                shared.acquire(operation);
                return Duration.ofNanos(System.nanoTime() - start);
            } catch (RedisException e) {
                throwIfInterrupted(e);
                degrade(e);
            }
        }
        Duration waited = fallback.acquire(operation);
        sentWhileDegraded.incrementAndGet();
        return waited;
    }

    @Override
    public void awaitPause() throws InterruptedException {
        knownPause.awaitEnd();
        if (shouldTryRedis()) {
            try {
                shared.awaitPause();
            } catch (RedisException e) {
                throwIfInterrupted(e);
                degrade(e);
            }
        }
    }

    /** Both learn: the pace each has learnt is local to this replica, and the fallback may be the one in use next. */
    @Override
    public void onAccepted() {
        onAccepted(UNNAMED_OPERATION);
    }

    @Override
    public void onAccepted(String operation) {
        shared.onAccepted(operation);
        fallback.onAccepted(operation);
    }

    @Override
    public void pauseUntil(Instant instant) {
        pauseUntil(instant, UNNAMED_OPERATION);
    }

    @Override
    public void pauseUntil(Instant instant, String operation) {
        // the fallback's pause is knownPause: this replica keeps the pause even if Redis goes away
        fallback.pauseUntil(instant, operation);
        if (shouldTryRedis()) {
            try {
                shared.pauseUntil(instant, operation);
            } catch (RedisException e) {
                degrade(e);
            }
        }
    }

    /**
     * The end of the pause: the shared one and any this replica heard of, or only the latter while Redis is out of
     * reach. Asks Redis, unless degraded.
     */
    @Override
    public Instant pausedUntil() {
        Instant known = knownPause.pausedUntil();
        if (degraded.get()) {
            return known;
        }
        try {
            Instant sharedUntil = shared.pausedUntil();
            return sharedUntil.isAfter(known) ? sharedUntil : known;
        } catch (RedisException e) {
            degrade(e);
            return known;
        }
    }

    /** False while degraded to the local share of the budget. */
    public boolean isShared() {
        return !degraded.get();
    }

    /**
     * Asks Redis now rather than on the next request (at most once per probe interval while degraded), so that a
     * health check sees a recovery even when nothing is being sent.
     *
     * @return {@link #isShared()} after the check
     */
    public boolean checkStore() {
        if (shouldTryRedis()) {
            try {
                redis.connection().sync().ping();
                rejoin();
            } catch (RedisException e) {
                degrade(e);
            }
        }
        return isShared();
    }

    /** The budget per minute this replica keeps to while degraded. */
    public long fallbackPerMinute() {
        return fallbackPerMinute;
    }

    /** Host and port of the Redis holding the budget (never its password). */
    public String redisAddress() {
        return redis.address();
    }

    @Override
    public void close() {
        redis.close();
    }

    private boolean shouldTryRedis() {
        if (!degraded.get()) {
            return true;
        }
        // one caller per interval probes Redis; the others keep to the local budget meanwhile
        long due = nextProbeNanos.get();
        return System.nanoTime() - due >= 0
                && nextProbeNanos.compareAndSet(due, System.nanoTime() + probeIntervalNanos);
    }

    /** Bucket4j reports an interrupted wait for Redis as a RedisException: that is the caller's interrupt, not an outage. */
    private static void throwIfInterrupted(RedisException e) throws InterruptedException {
        if (Thread.interrupted() || e.getCause() instanceof InterruptedException) {
            InterruptedException interrupted = new InterruptedException("interrupted while waiting for a permit");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private void degrade(RedisException e) {
        nextProbeNanos.set(System.nanoTime() + probeIntervalNanos);
        if (!degraded.get()) {
            degradeOnce(e);
        }
    }

    private synchronized void degradeOnce(RedisException e) {
        if (!degraded.get()) {
            fallback.spendAll();
            sentWhileDegraded.set(0);
            degraded.set(true);
            LOG.warn(
                    "Redis at {} cannot be reached ({}): rate budget degraded to this replica's share, {} requests/minute"
                            + " (the limit divided by {} replicas, starting empty), until Redis answers again",
                    redis.address(),
                    e.getClass().getSimpleName(),
                    fallbackPerMinute,
                    replicas);
        }
    }

    /** Back to the shared budget, if degraded; throws a RedisException if Redis still cannot be reached. */
    private void rejoin() {
        if (degraded.get()) {
            rejoinOnce();
        }
    }

    private synchronized void rejoinOnce() {
        if (!degraded.get()) {
            return;
        }
        shared.spendAll();
        // what this replica sent on its own within the last minute, which the shared budget never saw
        shared.charge(Math.min(fallback.unrefilledPermits(), sentWhileDegraded.get()));
        Instant known = knownPause.pausedUntil();
        if (known.isAfter(Instant.now())) {
            sharedPause.pauseUntil(known);
        }
        degraded.set(false);
        LOG.info("Redis at {} answers again: the rate budget is shared by all replicas again", redis.address());
    }

    /**
     * Bucket4j's Redis access, taking the connection at each call rather than once at start. Generic in the key type
     * on purpose: Bucket4j passes the keys as an {@code Object[]}, which a {@code String[]} parameter would refuse.
     */
    private static <K> RedisApi<K> connectingOnUse(Supplier<RedisAsyncCommands<K, byte[]>> commands) {
        return new RedisApi<>() {
            @Override
            public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params) {
                return commands.get().eval(script, type, keys, params);
            }

            @Override
            public RedisFuture<byte[]> get(K key) {
                return commands.get().get(key);
            }

            @Override
            public RedisFuture<?> delete(K key) {
                return commands.get().del(key);
            }
        };
    }

    public static final class Builder {
        private final RedisURI uri;
        private String keyPrefix = "camel-itwin:rate-limit";
        private RequestLimits limits = RequestLimits.TRIAL;
        private int replicas = 1;
        private Duration timeout = Duration.ofSeconds(2);
        private Duration probeInterval = Duration.ofSeconds(5);

        private Builder(RedisURI uri) {
            this.uri = uri;
        }

        /** Keys of this budget start with it; one budget per OAuth client, so make it name the client. */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /** The limits of the whole budget, all replicas together. */
        public Builder limits(RequestLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** How many replicas share the budget: each keeps to its share of it while Redis is down. */
        public Builder replicas(int replicas) {
            if (replicas <= 0) {
                throw new IllegalArgumentException("replicas must be positive, was " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /** How long a Redis command or connection attempt may take before this replica degrades. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How often a degraded limiter tries Redis again. */
        public Builder probeInterval(Duration probeInterval) {
            this.probeInterval = Objects.requireNonNull(probeInterval, "probeInterval");
            return this;
        }

        public RedisRateLimiter build() {
            return new RedisRateLimiter(this);
        }
    }
}
