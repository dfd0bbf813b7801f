package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /.well-known/openid-configuration}, pointing clients at this emulator's token endpoint. */
final class DiscoveryEndpoint implements HttpHandler {

    static final String PATH = "/.well-known/openid-configuration";

    private final String fallbackBaseUrl;

    DiscoveryEndpoint(String fallbackBaseUrl) {
        this.fallbackBaseUrl = fallbackBaseUrl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath()) || !"GET".equals(exchange.getRequestMethod())) {
                HttpIo.sendJson(exchange, 404, Map.of("error", "not_found"));
                return;
            }
            String baseUrl = HttpIo.baseUrl(exchange, fallbackBaseUrl);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("issuer", baseUrl);
            document.put("token_endpoint", baseUrl + TokenEndpoint.PATH);
            document.put("grant_types_supported", List.of("client_credentials"));
            document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
            document.put("scopes_supported", List.of(TokenEndpoint.SCOPE));
            document.put("response_types_supported", List.of("token"));
            HttpIo.sendJson(exchange, 200, document);
        }
    }
}
