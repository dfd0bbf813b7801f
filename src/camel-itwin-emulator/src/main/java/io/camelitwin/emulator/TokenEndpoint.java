package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /connect/token}: the OAuth 2.0 client-credentials grant, with the client authenticated either by HTTP
 * Basic (client_secret_basic) or by form fields (client_secret_post).
 */
final class TokenEndpoint implements HttpHandler {

    static final String PATH = "/connect/token";
    static final String SCOPE = "itwin-platform";
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final long MAX_FORM_BYTES = 64 * 1024;

    private record ClientCredentials(String clientId, String secret, boolean basic) {
        @Override
        public String toString() {
            return "ClientCredentials[" + clientId + "]";
        }
    }

    private final EmulatorState state;
    private final TokenService tokens;
    private final FaultInjector faults;

    TokenEndpoint(EmulatorState state, TokenService tokens, FaultInjector faults) {
        this.state = state;
        this.tokens = tokens;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            tokens.countAnyRequest();
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                oauthError(exchange, 404, "invalid_request", "Unknown endpoint.");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                oauthError(exchange, 405, "invalid_request", "Use POST.");
                return;
            }
            HttpIo.BoundedBody body = HttpIo.readBounded(exchange.getRequestBody(), MAX_FORM_BYTES);
            if (body.tooLarge()) {
                oauthError(exchange, 400, "invalid_request", "The form is too large.");
                return;
            }
            Map<String, String> form = HttpIo.queryParameters(new String(body.bytes(), StandardCharsets.UTF_8));
            ClientCredentials credentials = credentials(exchange, form);
            if (credentials == null) {
                oauthError(exchange, 401, "invalid_client", "Client authentication is missing.");
                return;
            }
            if (state.hasClient(credentials.clientId())) {
                tokens.countRequest(credentials.clientId());
            }
            if (faults.nextTokenIsHtml(faults.settings())) {
                // what a proxy's maintenance page looks like to a client: a 200 that is no token answer,
                // whatever the credentials
                HttpIo.send(exchange, 200, "text/html; charset=utf-8", FaultInjector.HTML_PAGE);
                return;
            }
            if (!state.secretMatches(credentials.clientId(), credentials.secret())) {
                LOG.info(
                        "Token refused: client authentication failed for {}",
                        state.hasClient(credentials.clientId())
                                ? "client '" + credentials.clientId() + "'"
                                : "an unknown client");
                if (credentials.basic()) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"itwin-emulator\"");
                }
                oauthError(
                        exchange, credentials.basic() ? 401 : 400, "invalid_client", "Client authentication failed.");
                return;
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                oauthError(exchange, 400, "unsupported_grant_type", "Only client_credentials is supported.");
                return;
            }
            String scope = form.get("scope");
            if (scope == null || !List.of(scope.trim().split("\\s+")).equals(List.of(SCOPE))) {
                oauthError(exchange, 400, "invalid_scope", "The scope must be '" + SCOPE + "'.");
                return;
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("access_token", tokens.issue(credentials.clientId()));
            response.put("token_type", "Bearer");
            response.put("expires_in", tokens.lifetime().toSeconds());
            response.put("scope", SCOPE);
            LOG.debug("Token issued to client '{}'", credentials.clientId());
            HttpIo.sendJson(exchange, 200, response);
        }
    }

    /** Basic wins over form fields when both are present; null when the request carries neither. */
    private static ClientCredentials credentials(HttpExchange exchange, Map<String, String> form) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new ClientCredentials(null, null, true);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return new ClientCredentials(null, null, true);
            }
            // RFC 6749 2.3.1: both parts are form-encoded before they are joined
            return new ClientCredentials(
                    HttpIo.decode(decoded.substring(0, colon)), HttpIo.decode(decoded.substring(colon + 1)), true);
        }
        if (form.containsKey("client_id")) {
            return new ClientCredentials(form.get("client_id"), form.get("client_secret"), false);
        }
        return null;
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description)
            throws IOException {
        HttpIo.sendJson(exchange, status, Map.of("error", error, "error_description", description));
    }
}
