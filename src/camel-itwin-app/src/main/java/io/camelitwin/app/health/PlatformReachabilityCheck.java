package io.camelitwin.app.health;

import io.camelitwin.client.ClientListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.HealthGroup;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The platform answered the application's last call: in the {@value PlatformTokenCheck#GROUP} health group and as the
 * gauge {@code itwin.platform.reachable}, not in readiness (a Bentley outage would take every replica out of service at
 * once, while the routes only queue and retry). A cached token says nothing about whether the platform can be reached,
 * so this listens to the client's own calls instead of sending probes of its own (a probe every few seconds would spend
 * the rate limit): down from the first call that got no answer or a 5xx, up again at the first answer that is not a
 * server fault. An application that calls nothing stays as it was.
 */
@HealthGroup(PlatformTokenCheck.GROUP)
@Singleton
public class PlatformReachabilityCheck implements HealthCheck, ClientListener {

    private final Clock clock = Clock.systemUTC();
    private volatile Failure lastFailure;

    public PlatformReachabilityCheck(MeterRegistry meters) {
        Gauge.builder("itwin.platform.reachable", this, reachability -> reachability.lastFailure == null ? 1 : 0)
                .description("1 while the platform answered the last call, 0 from a call that got no answer or a 5xx")
                .register(meters);
    }

    @Override
    public void onResponse(String operation, int statusCode) {
        if (statusCode < 500) {
            lastFailure = null;
        }
    }

    @Override
    public void onTransientFailure(String operation, int statusCode) {
        lastFailure = new Failure(operation, statusCode == 0 ? "no answer" : "HTTP " + statusCode, clock.instant());
    }

    @Override
    public HealthCheckResponse call() {
        Failure failure = lastFailure;
        var response = HealthCheckResponse.named("itwin-platform-reachable");
        if (failure == null) {
            return response.up().build();
        }
        return response.down()
                .withData("lastCall", failure.operation())
                .withData("outcome", failure.outcome())
                .withData("since", failure.at().toString())
                .build();
    }

    private record Failure(String operation, String outcome, Instant at) {}
}
