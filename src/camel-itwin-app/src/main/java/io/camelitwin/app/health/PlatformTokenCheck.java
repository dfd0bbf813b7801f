package io.camelitwin.app.health;

import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.component.ITwinComponent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.health.api.HealthGroup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A platform token can be had with the configured credentials: in the {@value #GROUP} health group
 * ({@code /q/health/group/platform}) and as the gauge {@code itwin.platform.token.ok}, not in readiness. A rotated or
 * refused secret is for an operator to fix, and every replica would see it at once: as readiness it would take them
 * all out of service and stall a rollout, while the routes only queue and retry. Its data say which platform
 * ({@code itwin.platform}) and warn when the embedded emulator stands in for it. It asks the component's own platform
 * client, whose token provider caches its token until shortly before expiry and holds a refusal for a back-off, so a
 * probe or a scrape asks the token endpoint only when a token is due anyway; until the component has started it is
 * down, saying so.
 */
@HealthGroup(PlatformTokenCheck.GROUP)
@Startup
@Singleton
public class PlatformTokenCheck implements HealthCheck {

    /** The health group of the checks that follow the iTwin Platform. */
    public static final String GROUP = "platform";

    private final Runnable askForToken;
    private final PlatformConnection platform;

    /** Asks the component through the context, which starts it if no route has yet (nothing else would). */
    @Inject
    public PlatformTokenCheck(CamelContext camel, PlatformConnection platform, MeterRegistry meters) {
        this(
                () -> camel.getComponent("itwin", ITwinComponent.class)
                        .defaultClient()
                        .checkCredentials(),
                platform,
                meters);
    }

    /** @param askForToken gets a token as the routes' client would, throwing when none can be had */
    public PlatformTokenCheck(Runnable askForToken, PlatformConnection platform, MeterRegistry meters) {
        this.askForToken = askForToken;
        this.platform = platform;
        Gauge.builder("itwin.platform.token.ok", this, check -> check.tokenRefusal() == null ? 1 : 0)
                .description("1 while a platform token can be had with the configured credentials, 0 while it cannot")
                .register(meters);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("itwin-platform-token")
                .withData("platform", platform.baseUrl())
                .withData("itwin.platform", platform.platform().name())
                .withData("clientId", platform.clientId());
        if (platform.emulator().isPresent()) {
            // up, since the quickstart runs so; but an operator reading this must see that nothing reaches Bentley
            response.withData("warning", "the embedded emulator stands in for the iTwin Platform");
        }
        RuntimeException refusal = tokenRefusal();
        if (refusal == null) {
            return response.up().build();
        }
        // the client's exceptions carry no secret; the class says what kind of failure it was
        return response.down()
                .withData("error", refusal.getClass().getSimpleName() + ": " + refusal.getMessage())
                .build();
    }

    private RuntimeException tokenRefusal() {
        try {
            askForToken.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
