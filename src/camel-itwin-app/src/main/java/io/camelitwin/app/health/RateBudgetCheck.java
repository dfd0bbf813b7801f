package io.camelitwin.app.health;

import io.camelitwin.app.platform.SharedRateBudget;
import io.camelitwin.client.ratelimit.redis.RedisRateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The rate budget: shared through Redis, degraded to this replica's share, or local; and the pause after a 429, with
 * its end, while one holds every request. Always up: a degraded replica keeps working within its share, and a paused
 * one is waiting as the platform asked, so taking either out of service would only lose capacity (and readiness must
 * not follow the platform). The check says so in its data, and asks Redis, so that a recovery shows here even when
 * nothing is being sent.
 */
@Readiness
@ApplicationScoped
public class RateBudgetCheck implements HealthCheck {

    @Inject
    SharedRateBudget budget;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("itwin-rate-budget").up();
        Optional<RedisRateLimiter> redis = budget.redis();
        if (redis.isEmpty()) {
            response.withData("mode", "local");
        } else {
            boolean shared = redis.get().checkStore();
            response.withData("mode", shared ? "shared" : "degraded")
                    .withData("redis", redis.get().redisAddress() + (shared ? " reachable" : " unreachable"))
                    .withData("fallbackPerMinute", redis.get().fallbackPerMinute());
        }
        Instant now = Instant.now();
        Duration pause = SharedRateBudget.pauseRemaining(budget.limiter(), now);
        if (!pause.isZero()) {
            response.withData("pausedUntil", now.plus(pause).toString())
                    .withData("pauseRemainingSeconds", pause.toSeconds());
        }
        return response.build();
    }
}
