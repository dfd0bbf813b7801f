package io.camelitwin.app;

import io.camelitwin.client.auth.TokenProvider;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: a platform token can be had with the configured credentials. Its data say which platform
 * ({@code itwin.platform}) and warn when the embedded emulator stands in for it. The provider caches its token until shortly
 * before expiry, so this asks the token endpoint only when a token is due anyway.
 */
@Readiness
@ApplicationScoped
public class PlatformTokenCheck implements HealthCheck {

    private final TokenProvider tokens;
    private final PlatformConnection platform;

    public PlatformTokenCheck(TokenProvider tokens, PlatformConnection platform) {
        this.tokens = tokens;
        this.platform = platform;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("itwin-platform-token")
                .withData("platform", platform.baseUrl())
                .withData("itwin.platform", platform.platform().name())
                .withData("clientId", platform.clientId());
        if (platform.emulator().isPresent()) {
            // ready, since the quickstart runs so; but an operator reading this must see that nothing reaches Bentley
            response.withData("warning", "the embedded emulator stands in for the iTwin Platform");
        }
        try {
            tokens.getAccessToken();
            return response.up().build();
        } catch (RuntimeException e) {
            // the client's exceptions carry no secret; the class says what kind of failure it was
            return response.down()
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .build();
        }
    }
}
