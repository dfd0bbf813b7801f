package io.camelitwin.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** A local HTTP server that answers with canned responses, in order, and records every request it got. */
public final class ScriptedServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Response> script = new LinkedBlockingQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    public ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ScriptedServer enqueue(Response... responses) {
        script.addAll(List.of(responses));
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests.size());
        }
        return requests.get(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        long arrived = System.nanoTime();
        Response response = script.poll();
        if (response == null) {
            response = Response.text(500, "unscripted request");
        }
        requests.add(new Recorded(
                exchange.getRequestMethod(),
                exchange.getRequestURI(),
                exchange.getRequestHeaders(),
                body,
                arrived,
                response.status(),
                exchange.getRemoteAddress().getPort()));
        sleep(response.delay());
        if (response.drop()) {
            // closing before the status line is sent drops the connection: the client sees no response at all
            exchange.close();
            return;
        }
        response.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        sleep(response.bodyDelay());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * @param arrivedNanos {@link System#nanoTime()} when the request had arrived, body included
     * @param answeredWith the status of the scripted answer (0 for a dropped connection)
     */
    /** {@code clientPort}: the client's end of the connection, the same for requests sent on one connection. */
    public record Recorded(
            String method, URI uri, Headers headers, byte[] body, long arrivedNanos, int answeredWith, int clientPort) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public record Response(
            int status, Map<String, String> headers, byte[] body, boolean drop, Duration delay, Duration bodyDelay) {

        public static Response json(int status, String json) {
            return new Response(
                    status,
                    Map.of("Content-Type", "application/json"),
                    json.getBytes(StandardCharsets.UTF_8),
                    false,
                    Duration.ZERO,
                    Duration.ZERO);
        }

        public static Response text(int status, String text) {
            return new Response(
                    status,
                    Map.of("Content-Type", "text/plain"),
                    text.getBytes(StandardCharsets.UTF_8),
                    false,
                    Duration.ZERO,
                    Duration.ZERO);
        }

        public static Response bytes(int status, String contentType, byte[] body) {
            return new Response(status, Map.of("Content-Type", contentType), body, false, Duration.ZERO, Duration.ZERO);
        }

        public static Response empty(int status) {
            return new Response(status, Map.of(), new byte[0], false, Duration.ZERO, Duration.ZERO);
        }

        static Response dropConnection() {
            return new Response(0, Map.of(), new byte[0], true, Duration.ZERO, Duration.ZERO);
        }

        public Response header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, more, body, drop, delay, bodyDelay);
        }

        /** Sends the status line and headers at once, the body only {@code by} later. */
        public Response bodyDelayed(Duration by) {
            return new Response(status, headers, body, drop, delay, by);
        }

        public Response delayed(Duration by) {
            return new Response(status, headers, body, drop, by, bodyDelay);
        }
    }
}
