package io.camelitwin.app;

import io.camelitwin.app.health.PlatformReachabilityCheck;
import io.camelitwin.app.health.PlatformTokenCheck;
import io.camelitwin.app.metrics.ClientMetrics;
import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.app.platform.SharedRateBudget;
import io.camelitwin.client.ClientListener;
import io.camelitwin.component.ITwinComponent;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The {@code itwin} component of the application: pointed at the platform or the embedded emulator with the service
 * app's credentials, its client's events counted as metrics, its requests paced by the shared rate budget. The
 * component builds the one platform client of that identity (one token, one connection pool), which the platform health
 * group asks too. Every other option stays settable as {@code camel.component.itwin.*}.
 */
public class ITwinComponentProducers {

    @Produces
    @Singleton
    @Named("itwin")
    ITwinComponent itwinComponent(
            PlatformConnection platform,
            ClientMetrics metrics,
            SharedRateBudget budget,
            @HealthGroup(PlatformTokenCheck.GROUP) PlatformReachabilityCheck reachability) {
        ITwinComponent component = new ITwinComponent();
        component.getConfiguration().setBaseUrl(platform.baseUrl());
        component.getConfiguration().setTokenUrl(platform.tokenUrl());
        component.getConfiguration().setClientId(platform.clientId());
        component.getConfiguration().setClientSecret(platform.clientSecret());
        component.setClientListener(ClientListener.all(metrics, reachability));
        component.setRateLimiter(budget.limiter());
        return component;
    }
}
