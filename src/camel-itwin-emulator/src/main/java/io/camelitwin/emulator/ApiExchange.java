package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * One API request on its way through the dispatcher. It is handed to the request log just before the first response
 * byte is written, so that a test which has its response can already see it recorded.
 */
final class ApiExchange {

    private static final long MAX_DISCARDED_BYTES = 32L * 1024 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> query;
    private final String fallbackBaseUrl;
    private final Consumer<ApiExchange> recorder;
    private boolean recorded;
    private boolean early;
    private Matcher path;
    private String clientId;
    private long bodyLength;
    private boolean bodyRead;
    private String bodySha256;
    private int status = -1;

    ApiExchange(HttpExchange exchange, String fallbackBaseUrl, Consumer<ApiExchange> recorder) {
        this.exchange = exchange;
        this.fallbackBaseUrl = fallbackBaseUrl;
        this.recorder = recorder;
        this.query = HttpIo.queryParameters(exchange.getRequestURI().getRawQuery());
    }

    HttpExchange exchange() {
        return exchange;
    }

    void route(Matcher matchedPath) {
        this.path = matchedPath;
    }

    String pathParameter(String name) {
        return HttpIo.decodePathSegment(path.group(name));
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    String clientId() {
        return clientId;
    }

    void clientId(String authenticatedClientId) {
        this.clientId = authenticatedClientId;
    }

    String baseUrl() {
        return HttpIo.baseUrl(exchange, fallbackBaseUrl);
    }

    /** Reads the body up to the limit, noting its length and digest for the request log. */
    HttpIo.BoundedBody readBody(long limit) throws IOException {
        HttpIo.BoundedBody body = HttpIo.readBounded(exchange.getRequestBody(), limit);
        bodyRead = true;
        bodyLength = body.bytesRead();
        bodySha256 = body.tooLarge() ? null : sha256(body.bytes());
        return body;
    }

    void respond(int status, String contentType, byte[] body) throws IOException {
        this.status = status;
        record();
        discardUnreadBody();
        HttpIo.send(exchange, status, contentType, body);
    }

    void respondJson(int status, Object body) throws IOException {
        this.status = status;
        record();
        discardUnreadBody();
        HttpIo.sendJson(exchange, status, body);
    }

    /**
     * An answer given before the body was read (a 429, a 401, an unknown iTwin, an injected 503) must still reach a
     * client that is sending a large upload, as the platform's answer does: the JDK server would close the connection
     * with more than 64 KB unread, and the client, still writing, would see a reset instead of the answer.
     */
    private void discardUnreadBody() throws IOException {
        if (!bodyRead) {
            bodyRead = true;
            HttpIo.discard(exchange.getRequestBody(), MAX_DISCARDED_BYTES);
        }
    }

    void respondError(ApiException error) throws IOException {
        respondJson(error.status(), error.envelope());
    }

    /**
     * Answers at once, then reads and throws away what the client is still sending (up to a bound) before the
     * connection closes: closing with unread bytes makes the kernel reset the connection, and a client that is still
     * uploading would then lose the answer it has not read yet. Nothing is kept, so memory stays constant.
     */
    void respondErrorAndDiscardBody(ApiException error) throws IOException {
        status = error.status();
        record();
        byte[] body = Json.MAPPER.writeValueAsBytes(error.envelope());
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body);
        out.flush();
        HttpIo.discard(exchange.getRequestBody(), MAX_DISCARDED_BYTES);
        out.close();
    }

    /** Hands the call to the request log once; later calls do nothing. */
    void record() {
        if (!recorded) {
            recorded = true;
            recorder.accept(this);
        }
    }

    boolean early() {
        return early;
    }

    void early(boolean arrivedEarly) {
        this.early = arrivedEarly;
    }

    int status() {
        return status;
    }

    long bodyLength() {
        return bodyLength;
    }

    String bodySha256() {
        return bodySha256;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
