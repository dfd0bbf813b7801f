package io.camelitwin.app;

import com.sun.net.httpserver.HttpServer;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.SecretsLedger;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * What the application under test needs around it: its folders in a fresh temporary directory (so that no state of an
 * earlier run is read) and a real HTTP server as the asset system, which records what it receives and can be made to
 * answer 503 as if it were down.
 */
public class AppTestResources implements QuarkusTestResourceLifecycleManager {

    /** One request the asset system received. */
    public record Received(String idempotencyKey, String contentType, String body) {}

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean DOWN = new AtomicBoolean();
    private static Path root;

    private HttpServer assetSystem;

    @Override
    public Map<String, String> start() {
        SecretsLedger.record(DemoData.DEMO_CLIENT_SECRET);
        try {
            root = Files.createTempDirectory("camel-itwin-app");
            assetSystem = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assetSystem.createContext("/assets", exchange -> {
            try (exchange;
                    InputStream body = exchange.getRequestBody()) {
                RECEIVED.add(new Received(
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(DOWN.get() ? 503 : 202, -1);
            }
        });
        assetSystem.start();
        return Map.of(
                "itwin.folder.inbox", root.resolve("inbox").toString(),
                "itwin.folder.done", root.resolve("done").toString(),
                "itwin.folder.failed", root.resolve("failed").toString(),
                "itwin.folder.state-file",
                        root.resolve("state/folder-last-uploads.dat").toString(),
                "itwin.folder.journal-file",
                        root.resolve("state/folder-uploads-in-flight.dat").toString(),
                "itwin.sync.folder", root.resolve("assets").toString(),
                "itwin.sync.state-file", root.resolve("state/image-changes.dat").toString(),
                "itwin.sync.http.url",
                        "http://127.0.0.1:" + assetSystem.getAddress().getPort() + "/assets",
                "itwin.sync.http.max-redeliveries", "2",
                "itwin.sync.http.initial-delay", "50");
    }

    @Override
    public void stop() {
        if (assetSystem != null) {
            assetSystem.stop(0);
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Path folder(String name) {
        return root.resolve(name);
    }

    /** Everything the asset system received so far. */
    static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    static void assetSystemDown(boolean down) {
        DOWN.set(down);
    }
}
