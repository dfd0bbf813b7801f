package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reading and writing of exchanges that every endpoint shares. */
final class HttpIo {

    /** What was read of a body: {@code bytes} is null when the body was larger than the limit. */
    record BoundedBody(byte[] bytes, long bytesRead) {
        boolean tooLarge() {
            return bytes == null;
        }
    }

    private HttpIo() {}

    /** Reads at most {@code limit + 1} bytes, so that an oversized body is detected without ever being held. */
    static BoundedBody readBounded(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total <= limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - total));
            if (n < 0) {
                return new BoundedBody(out.toByteArray(), total);
            }
            total += n;
            if (total <= limit) {
                out.write(buffer, 0, n);
            }
        }
        return new BoundedBody(null, total);
    }

    static void discard(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) >= 0) {
            total += n;
        }
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    /** A path segment: unlike a form value, a '+' in a path is a plus. */
    static String decodePathSegment(String raw) {
        return decode(raw.replace("+", "%2B"));
    }

    /** The media type of a Content-Type header, lower case and without parameters; null when absent or blank. */
    static String mediaType(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Type");
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String type =
                (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    /** The base URL as the caller addressed the server, so that links work behind a port mapping too. */
    static String baseUrl(HttpExchange exchange, String fallback) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null || host.isBlank() ? fallback : "http://" + host;
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(body));
    }
}
