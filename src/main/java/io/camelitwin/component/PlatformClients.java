package io.camelitwin.component;

import io.camelitwin.client.ClientListener;
import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.auth.StaticTokenProvider;
import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.util.ObjectHelper;

/**
 * The platform clients of one component, one per identity. The rate limit and the token belong to the OAuth client,
 * not to an endpoint, so every endpoint with the same base URL and credentials must share one client.
 */
final class PlatformClients {

    private final Map<Identity, ITwinPlatformClient> clients = new ConcurrentHashMap<>();

    ITwinPlatformClient clientFor(ITwinConfiguration configuration) {
        if (configuration.getPlatformClient() != null) {
            return configuration.getPlatformClient();
        }
        return clients.computeIfAbsent(Identity.of(configuration), identity -> create(configuration));
    }

    /** Closes the clients this component created; a client bean given as {@code platformClient} is left open. */
    void clear() {
        clients.values().forEach(ITwinPlatformClient::close);
        clients.clear();
    }

    private static ITwinPlatformClient create(ITwinConfiguration configuration) {
        return ITwinPlatformClient.builder()
                .baseUrl(configuration.getBaseUrl())
                .tokenProvider(tokenProvider(configuration))
                .connectTimeout(Duration.ofMillis(configuration.getConnectTimeout()))
                .requestTimeout(Duration.ofMillis(configuration.getRequestTimeout()))
                .rateLimiter(rateLimiter(configuration))
                .listener(
                        configuration.getClientListener() != null
                                ? configuration.getClientListener()
                                : ClientListener.NONE)
                .build();
    }

    private static PlatformRateLimiter rateLimiter(ITwinConfiguration configuration) {
        if (configuration.getRateLimiter() != null) {
            return configuration.getRateLimiter();
        }
        Bucket4jRateLimiter.Builder limiter =
                Bucket4jRateLimiter.builder().perMinute(configuration.getRequestsPerMinute());
        return configuration.getRequestsPerHour() > 0
                ? limiter.perHour(configuration.getRequestsPerHour()).build()
                : limiter.withoutHourlyLimit().build();
    }

    private static TokenProvider tokenProvider(ITwinConfiguration configuration) {
        if (configuration.getTokenProvider() != null) {
            return configuration.getTokenProvider();
        }
        if (ObjectHelper.isNotEmpty(configuration.getAccessToken())) {
            return new StaticTokenProvider(configuration.getAccessToken());
        }
        if (ObjectHelper.isEmpty(configuration.getClientId())
                || ObjectHelper.isEmpty(configuration.getClientSecret())) {
            throw new IllegalArgumentException("The itwin component needs credentials: set clientId and clientSecret"
                    + " (client credentials), accessToken, or a tokenProvider bean");
        }
        return ClientCredentialsTokenProvider.builder()
                .tokenUrl(configuration.getTokenUrl())
                .clientId(configuration.getClientId())
                .clientSecret(configuration.getClientSecret())
                .scope(configuration.getScope())
                .build();
    }

    /**
     * What makes two endpoints the same OAuth client. Holds the secrets only to compare them: {@link #toString()}
     * leaves them out.
     */
    private record Identity(
            String baseUrl,
            String tokenUrl,
            String clientId,
            String scope,
            String clientSecret,
            String accessToken,
            TokenProvider tokenProvider,
            long connectTimeout,
            long requestTimeout,
            int requestsPerMinute,
            int requestsPerHour,
            PlatformRateLimiter rateLimiter,
            ClientListener clientListener) {

        static Identity of(ITwinConfiguration c) {
            return new Identity(
                    c.getBaseUrl(),
                    c.getTokenUrl(),
                    c.getClientId(),
                    c.getScope(),
                    c.getClientSecret(),
                    c.getAccessToken(),
                    c.getTokenProvider(),
                    c.getConnectTimeout(),
                    c.getRequestTimeout(),
                    c.getRequestsPerMinute(),
                    c.getRequestsPerHour(),
                    c.getRateLimiter(),
                    c.getClientListener());
        }

        @Override
        public String toString() {
            return "Identity[baseUrl=" + baseUrl + ", clientId=" + clientId + "]";
        }
    }
}
