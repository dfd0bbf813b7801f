package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect metadata of the emulator: the discovery document ({@code /.well-known/openid-configuration}), with
 * every field OpenID Connect Discovery 1.0 requires so that standard clients accept it, and the key set it names
 * ({@code /.well-known/jwks}), empty because the emulator's tokens are opaque and it signs no ID token.
 */
final class DiscoveryEndpoint implements HttpHandler {

    static final String PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/.well-known/jwks";

    private final String fallbackBaseUrl;

    DiscoveryEndpoint(String fallbackBaseUrl) {
        this.fallbackBaseUrl = fallbackBaseUrl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) || !(PATH.equals(path) || JWKS_PATH.equals(path))) {
                HttpIo.sendJson(exchange, 404, Map.of("error", "not_found"));
                return;
            }
            HttpIo.sendJson(
                    exchange,
                    200,
                    PATH.equals(path)
                            ? document(HttpIo.baseUrl(exchange, fallbackBaseUrl))
                            : Map.of("keys", List.of()));
        }
    }

    private static Map<String, Object> document(String baseUrl) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", baseUrl);
        document.put("authorization_endpoint", baseUrl + AuthorizationEndpoint.PATH);
        document.put("token_endpoint", baseUrl + TokenEndpoint.PATH);
        document.put("jwks_uri", baseUrl + JWKS_PATH);
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        // the specification makes RS256 mandatory here, although the emulator issues no ID token at all
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("scopes_supported", List.of(TokenEndpoint.SCOPE));
        return document;
    }
}
