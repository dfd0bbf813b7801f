package io.camelitwin.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /__emulator/...}: inspection (read-only) and run-time settings for tests and demos. There is no
 * authentication: the emulator binds to the loopback interface unless told otherwise.
 */
final class AdminHandler implements HttpHandler {

    static final String PREFIX = "/__emulator/";
    private static final Pattern CLIENT_PATH = Pattern.compile("/__emulator/clients/([^/]+)/(stats|expire-tokens)");
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final ITwinEmulator emulator;

    AdminHandler(ITwinEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                route(exchange, method, path);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                HttpIo.sendJson(
                        exchange,
                        400,
                        Map.of(
                                "error",
                                Map.of(
                                        "code",
                                        "InvalidAdminRequest",
                                        "message",
                                        e.getMessage() == null ? "Invalid request." : e.getMessage())));
            }
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        Matcher client = CLIENT_PATH.matcher(path);
        if (client.matches()) {
            String clientId = HttpIo.decodePathSegment(client.group(1));
            if ("stats".equals(client.group(2)) && "GET".equals(method)) {
                Map<String, Object> stats = new LinkedHashMap<>();
                stats.put("clientId", clientId);
                stats.put("tokenRequests", emulator.tokenRequestCount(clientId));
                stats.put("earlyRequests", emulator.earlyRequestCount(clientId));
                stats.put("requests", emulator.requests(clientId).size());
                HttpIo.sendJson(exchange, 200, stats);
                return;
            }
            if ("expire-tokens".equals(client.group(2)) && "POST".equals(method)) {
                emulator.expireTokens(clientId);
                HttpIo.send(exchange, 204, null, null);
                return;
            }
        }
        switch (method + " " + path) {
            case "GET /__emulator/requests" -> {
                String clientId = HttpIo.queryParameters(
                                exchange.getRequestURI().getRawQuery())
                        .get("clientId");
                List<RecordedRequest> requests = clientId == null ? emulator.requests() : emulator.requests(clientId);
                HttpIo.sendJson(
                        exchange,
                        200,
                        Map.of(
                                "requests",
                                requests.stream().map(AdminHandler::view).toList()));
            }
            case "GET /__emulator/faults" -> HttpIo.sendJson(exchange, 200, emulator.faults());
            case "PUT /__emulator/faults" -> {
                emulator.faults(merged(emulator.faults(), body(exchange), FaultSettings.class));
                HttpIo.sendJson(exchange, 200, emulator.faults());
            }
            case "GET /__emulator/rate-limits" -> HttpIo.sendJson(exchange, 200, emulator.rateLimits());
            case "PUT /__emulator/rate-limits" -> {
                emulator.rateLimits(merged(emulator.rateLimits(), body(exchange), RateLimitSettings.class));
                HttpIo.sendJson(exchange, 200, emulator.rateLimits());
            }
            case "POST /__emulator/reset" -> {
                emulator.reset();
                HttpIo.send(exchange, 204, null, null);
            }
            default ->
                HttpIo.sendJson(
                        exchange,
                        404,
                        Map.of("error", Map.of("code", "NotFound", "message", "Unknown admin endpoint.")));
        }
    }

    /** The fields given replace those of the current settings; the others stay as they are. */
    private static <T> T merged(T current, byte[] changes, Class<T> type) throws IOException {
        JsonNode given = Json.MAPPER.readTree(changes);
        if (given == null || !given.isObject()) {
            throw new IllegalArgumentException("Expected a JSON object.");
        }
        ObjectNode settings = Json.MAPPER.valueToTree(current);
        settings.setAll((ObjectNode) given);
        return Json.MAPPER.treeToValue(settings, type);
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        HttpIo.BoundedBody body = HttpIo.readBounded(exchange.getRequestBody(), MAX_BODY_BYTES);
        if (body.tooLarge()) {
            throw new IllegalArgumentException("The settings document is too large.");
        }
        return body.bytes();
    }

    private static Map<String, Object> view(RecordedRequest request) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", request.at().toString());
        view.put("clientId", request.clientId());
        view.put("method", request.method());
        view.put("path", request.path());
        view.put("query", request.query());
        view.put("accept", request.accept());
        view.put("contentType", request.contentType());
        view.put("prefer", request.prefer());
        view.put("bodyLength", request.bodyLength());
        view.put("bodySha256", request.bodySha256());
        view.put("status", request.status());
        view.put("early", request.early());
        return view;
    }
}
