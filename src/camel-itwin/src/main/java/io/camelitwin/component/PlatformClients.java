package io.camelitwin.component;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.auth.StaticTokenProvider;
import io.camelitwin.client.auth.TokenProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.util.ObjectHelper;

/**
 * The platform clients of one component, one per OAuth identity, and the one place they are cached. The rate limit and
 * the token belong to the OAuth client, not to an endpoint, so every endpoint with the same base URL and credentials
 * shares one client, built when the first of them needs it, with the component's {@link ClientSettings}.
 */
final class PlatformClients {

    private final ClientSettings settings;
    private final Map<Identity, ITwinPlatformClient> clients = new ConcurrentHashMap<>();

    PlatformClients(ClientSettings settings) {
        this.settings = settings;
    }

    ITwinPlatformClient clientFor(ITwinConfiguration configuration) {
        return clients.computeIfAbsent(Identity.of(configuration), identity -> create(configuration));
    }

    /** Fails when the endpoint could not authenticate, so that a route without credentials does not start. */
    static void requireCredentials(ITwinConfiguration configuration) {
        if (configuration.getTokenProvider() == null
                && ObjectHelper.isEmpty(configuration.getAccessToken())
                && (ObjectHelper.isEmpty(configuration.getClientId())
                        || ObjectHelper.isEmpty(configuration.getClientSecret()))) {
            throw new IllegalArgumentException("The itwin component needs credentials: set clientId and clientSecret"
                    + " (client credentials), accessToken, or a tokenProvider bean");
        }
    }

    /** Closes the clients built here. */
    void close() {
        clients.values().forEach(ITwinPlatformClient::close);
        clients.clear();
    }

    private ITwinPlatformClient create(ITwinConfiguration configuration) {
        requireCredentials(configuration);
        ITwinPlatformClient.Builder client = ITwinPlatformClient.builder()
                .baseUrl(configuration.getBaseUrl())
                .connectTimeout(settings.connectTimeout())
                .requestTimeout(settings.requestTimeout())
                .maxPause(settings.maxPause())
                .rateLimiter(settings.limiterForIdentity())
                .listener(settings.listener());
        if (configuration.getTokenProvider() != null) {
            client.tokenProvider(configuration.getTokenProvider());
        } else if (ObjectHelper.isNotEmpty(configuration.getAccessToken())) {
            client.tokenProvider(new StaticTokenProvider(configuration.getAccessToken()));
        } else {
            client.clientCredentials(ClientCredentialsTokenProvider.builder()
                    .tokenUrl(configuration.getTokenUrl())
                    .clientId(configuration.getClientId())
                    .clientSecret(configuration.getClientSecret())
                    .scope(configuration.getScope()));
        }
        return client.build();
    }

    /**
     * What makes two endpoints the same OAuth client, and nothing else: endpoints that differ in any other option
     * share the token and the rate budget. Holds the secrets only to compare them: {@link #toString()} leaves them out.
     */
    private record Identity(
            String baseUrl,
            String tokenUrl,
            String clientId,
            String scope,
            String clientSecret,
            String accessToken,
            TokenProvider tokenProvider) {

        static Identity of(ITwinConfiguration c) {
            return new Identity(
                    c.getBaseUrl(),
                    c.getTokenUrl(),
                    c.getClientId(),
                    c.getScope(),
                    c.getClientSecret(),
                    c.getAccessToken(),
                    c.getTokenProvider());
        }

        @Override
        public String toString() {
            return "Identity[baseUrl=" + baseUrl + ", clientId=" + clientId + "]";
        }
    }
}
