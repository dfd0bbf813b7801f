package io.camelitwin.app;

import io.camelitwin.app.health.ChangeSyncBaselineCheck;
import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.IModelAccess;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the application's tests share: the embedded emulator the application started, fresh iTwins and iModels of the
 * demo client (so that tests stay apart although they share one running application), and the requests it received.
 */
abstract class AppTestSupport {

    /** How long a test waits for what the running application does in the background. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    PlatformConnection platform;

    @Inject
    @Readiness
    ChangeSyncBaselineCheck changeSyncBaseline;

    /**
     * As a user waits for readiness: until the change sync has recorded what was there at the start, a test's first
     * image could be taken for part of it.
     */
    @BeforeEach
    void awaitChangeSyncBaseline() {
        Await.until(
                "the change sync's baseline",
                TIMEOUT,
                () -> changeSyncBaseline.call().getStatus() == HealthCheckResponse.Status.UP);
    }

    ITwinEmulator emulator() {
        return platform.emulator().orElseThrow();
    }

    String newITwin() {
        String id = UUID.randomUUID().toString();
        emulator().addITwin(id, "test iTwin " + id, DemoData.DEMO_CLIENT_ID);
        return id;
    }

    String newIModel() {
        String id = UUID.randomUUID().toString();
        emulator().addIModel(id, newITwin(), true);
        emulator().grantIModel(id, DemoData.DEMO_CLIENT_ID, IModelAccess.MANAGE);
        return id;
    }

    /** Requests of the demo client with this method whose path is this one. */
    List<RecordedRequest> requests(String method, String path) {
        return emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    static Path write(Path folder, String relativePath, byte[] content) throws IOException {
        Path file = folder.resolve(relativePath);
        Files.createDirectories(file.getParent());
        // written beside and moved in, as a user's copy would appear complete
        Path partial = file.resolveSibling("." + file.getFileName() + ".part");
        Files.write(partial, content);
        return Files.move(partial, file);
    }

    static boolean exists(Path folder, String relativePath) {
        return Files.exists(folder.resolve(relativePath));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
