package io.camelitwin.app;

import io.camelitwin.app.health.PlatformReachabilityCheck;
import io.camelitwin.app.health.PlatformTokenCheck;
import io.camelitwin.app.metrics.ClientMetrics;
import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.app.platform.SharedRateBudget;
import io.camelitwin.client.ClientListener;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.component.ITwinComponent;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code itwin} component of the application: pointed at the platform or the embedded emulator, with one token
 * provider (which the platform health group also asks) and the client's events counted as metrics. Every other option stays
 * settable as {@code camel.component.itwin.*}.
 */
public class ITwinComponentProducers {

    @Produces
    @Singleton
    ClientCredentialsTokenProvider tokenProvider(
            PlatformConnection platform,
            @ConfigProperty(name = "camel.component.itwin.max-pause", defaultValue = "300000") long maxPauseMillis) {
        return ClientCredentialsTokenProvider.builder()
                .tokenUrl(platform.tokenUrl())
                .clientId(platform.clientId())
                .clientSecret(platform.clientSecret())
                .maxPause(Duration.ofMillis(maxPauseMillis))
                .build();
    }

    /** Releases the token requests' pooled connections. */
    void close(@Disposes ClientCredentialsTokenProvider tokenProvider) {
        tokenProvider.close();
    }

    @Produces
    @Singleton
    @Named("itwin")
    ITwinComponent itwinComponent(
            PlatformConnection platform,
            TokenProvider tokenProvider,
            ClientMetrics metrics,
            SharedRateBudget budget,
            @HealthGroup(PlatformTokenCheck.GROUP) PlatformReachabilityCheck reachability) {
        ITwinComponent component = new ITwinComponent();
        component.getConfiguration().setBaseUrl(platform.baseUrl());
        component.getConfiguration().setTokenUrl(platform.tokenUrl());
        component.getConfiguration().setClientId(platform.clientId());
        component.getConfiguration().setTokenProvider(tokenProvider);
        component.setClientListener(ClientListener.all(metrics, reachability));
        component.setRateLimiter(budget.limiter());
        return component;
    }
}
