package io.camelitwin.app;

import io.camelitwin.client.ratelimit.redis.RedisRateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether the rate budget is shared through Redis or degraded to this replica's share. Degraded is still up: the
 * replica keeps working within its share, so taking it out of service would only lose capacity; the check says so in
 * its data (and asks Redis, so that a recovery shows here even when nothing is being sent).
 */
@Readiness
@ApplicationScoped
public class RateBudgetHealthCheck implements HealthCheck {

    @Inject
    SharedRateBudget budget;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("itwin-rate-budget").up();
        if (budget.limiter().isEmpty()) {
            return response.withData("mode", "local").build();
        }
        RedisRateLimiter limiter = budget.limiter().get();
        boolean shared = limiter.checkStore();
        return response.withData("mode", shared ? "shared" : "degraded")
                .withData("redis", limiter.redisAddress() + (shared ? " reachable" : " unreachable"))
                .withData("fallbackPerMinute", limiter.fallbackPerMinute())
                .build();
    }
}
