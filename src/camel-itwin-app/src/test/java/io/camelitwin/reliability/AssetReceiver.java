package io.camelitwin.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A real HTTP endpoint standing in for an asset system: records every POST it receives (its Idempotency-Key header and
 * JSON body). A hook may act when a delivery has arrived and before it is answered, which is where a crash test kills
 * the sender: the receiver has the delivery, the sender never learns it.
 */
final class AssetReceiver implements AutoCloseable {

    record Delivery(String idempotencyKey, String iTwinId, String imageName, String keyInBody, byte[] image) {}

    private final ObjectMapper json = new ObjectMapper();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final HttpServer server;
    private volatile Consumer<Delivery> beforeAnswer = delivery -> {};

    AssetReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/assets", this::receive);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/assets";
    }

    void beforeAnswer(Consumer<Delivery> hook) {
        this.beforeAnswer = hook;
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = json.readTree(exchange.getRequestBody());
            String image = body.path("imageBase64").asText(null);
            Delivery delivery = new Delivery(
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    body.path("iTwinId").asText(null),
                    body.path("imageName").asText(null),
                    body.path("idempotencyKey").asText(null),
                    image == null ? null : Base64.getDecoder().decode(image));
            synchronized (this) {
                deliveries.add(delivery);
            }
            beforeAnswer.accept(delivery);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
