package io.camelitwin.app.platform;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import io.camelitwin.client.ratelimit.RequestLimits;
import io.camelitwin.client.ratelimit.redis.RedisRateLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The rate budget of the application's OAuth client, which every route spends: the client's limits
 * ({@code camel.component.itwin.requests-per-minute} and {@code -per-hour}). In Redis when {@code itwin.redis.url} is
 * set: the limits are then the OAuth client's for all replicas together, and a 429 seen by one holds them all. Without
 * Redis each replica keeps its own budget. While Redis is down each replica keeps to its share
 * ({@code itwin.rate-limit.replicas}); the readiness check and the gauge {@code itwin.rate.budget.shared} say which
 * mode it is in, and the gauge {@code itwin.rate.pause.remaining} how long the pause after a 429 still holds every
 * request.
 */
@Singleton
public class SharedRateBudget {

    private static final Logger LOG = Logger.getLogger(SharedRateBudget.class);

    @Inject
    AppSettings settings;

    @ConfigProperty(
            name = "camel.component.itwin.requests-per-minute",
            defaultValue = "" + RequestLimits.TRIAL_PER_MINUTE)
    long perMinute;

    @ConfigProperty(name = "camel.component.itwin.requests-per-hour", defaultValue = "" + RequestLimits.TRIAL_PER_HOUR)
    long perHour;

    @Inject
    PlatformConnection platform;

    @Inject
    MeterRegistry meters;

    private PlatformRateLimiter limiter;
    private RedisRateLimiter redis;

    @PostConstruct
    void connect() {
        Optional<String> redisUrl = settings.redis().url();
        if (redisUrl.isEmpty()) {
            limiter = Bucket4jRateLimiter.builder()
                    .limits(new RequestLimits(perMinute, perHour))
                    .build();
        } else {
            limiter = redis = shared(redisUrl.get());
        }
        Gauge.builder("itwin.rate.pause.remaining", limiter, SharedRateBudget::pauseRemainingSeconds)
                .description("Seconds the pause after a 429 still holds every request of the OAuth client; 0 without"
                        + " one")
                .baseUnit("seconds")
                .register(meters);
    }

    private RedisRateLimiter shared(String url) {
        RedisRateLimiter limiter = RedisRateLimiter.builder(url)
                .keyPrefix(RedisKeys.of(platform.clientId(), "rate-limit"))
                .limits(new RequestLimits(perMinute, perHour))
                .replicas(settings.rateLimit().replicas())
                .build();
        Gauge.builder("itwin.rate.budget.shared", limiter, l -> l.isShared() ? 1 : 0)
                .description(
                        "1 while the rate budget is shared through Redis, 0 while degraded to this replica's share")
                .register(meters);
        LOG.infof(
                "Rate budget shared through Redis at %s: %d a minute%s for all replicas together (%d a minute each"
                        + " while Redis is down)",
                limiter.redisAddress(),
                perMinute,
                perHour > 0 ? " and " + perHour + " an hour" : "",
                limiter.fallbackPerMinute());
        return limiter;
    }

    /** The limiter every route of the OAuth client waits for. */
    public PlatformRateLimiter limiter() {
        return limiter;
    }

    /** The Redis-backed limiter, when Redis is configured. */
    public Optional<RedisRateLimiter> redis() {
        return Optional.ofNullable(redis);
    }

    /** How long the pause after a 429 still lasts; zero without one. */
    public static Duration pauseRemaining(PlatformRateLimiter limiter, Instant now) {
        Instant until = limiter.pausedUntil();
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    private static double pauseRemainingSeconds(PlatformRateLimiter limiter) {
        return pauseRemaining(limiter, Instant.now()).toMillis() / 1000.0;
    }

    @PreDestroy
    void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
