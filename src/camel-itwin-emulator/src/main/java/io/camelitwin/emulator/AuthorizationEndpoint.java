package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/**
 * {@code /connect/authorize}: named by the discovery document because OpenID Connect requires it, but the emulator
 * serves service applications only (client credentials), so every authorization request gets the OAuth error for it.
 */
final class AuthorizationEndpoint implements HttpHandler {

    static final String PATH = "/connect/authorize";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpIo.sendJson(
                    exchange,
                    400,
                    Map.of(
                            "error",
                            "unsupported_response_type",
                            "error_description",
                            "The emulator issues tokens by the client credentials grant only: POST "
                                    + TokenEndpoint.PATH));
        }
    }
}
