package io.camelitwin.app;

import io.camelitwin.client.ratelimit.RequestLimits;
import io.camelitwin.client.ratelimit.redis.RedisRateLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One rate budget for all replicas of the application, in Redis, when {@code itwin.redis.url} is set: the client's
 * limits ({@code camel.component.itwin.requests-per-minute} and {@code -per-hour}) are then the OAuth client's limits
 * for all replicas together, and a 429 seen by one holds them all. Without Redis each replica keeps its own budget.
 * While Redis is down each replica keeps to its share ({@code itwin.rate-limit.replicas}); the readiness check and the
 * gauge {@code itwin.rate.budget.shared} say which mode it is in.
 */
@Singleton
public class SharedRateBudget {

    private static final Logger LOG = Logger.getLogger(SharedRateBudget.class);

    @ConfigProperty(name = "itwin.redis.url")
    Optional<String> redisUrl;

    @ConfigProperty(name = "itwin.rate-limit.replicas", defaultValue = "1")
    int replicas;

    @ConfigProperty(name = "camel.component.itwin.requests-per-minute", defaultValue = "500")
    long perMinute;

    @ConfigProperty(name = "camel.component.itwin.requests-per-hour", defaultValue = "5000")
    long perHour;

    @Inject
    PlatformConnection platform;

    @Inject
    MeterRegistry meters;

    private RedisRateLimiter limiter;

    @PostConstruct
    void connect() {
        if (redisUrl.isEmpty()) {
            return;
        }
        limiter = RedisRateLimiter.builder(redisUrl.get())
                .keyPrefix(RedisKeys.of(platform.clientId(), "rate-limit"))
                .limits(new RequestLimits(perMinute, perHour))
                .replicas(replicas)
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
    }

    /** The Redis-backed limiter, when Redis is configured. */
    public Optional<RedisRateLimiter> limiter() {
        return Optional.ofNullable(limiter);
    }

    @PreDestroy
    void close() {
        if (limiter != null) {
            limiter.close();
        }
    }
}
