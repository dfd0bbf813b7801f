package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A change made at the first moment the application reports ready is synced, however late the change sync's first
 * poll comes. Here it comes late on purpose: leadership is taken 3 s after the start, as when a previous leader's lock
 * is released slowly, so without the readiness check the file's upload would be part of the first poll's baseline.
 */
@QuarkusTest
@TestProfile(ReadyMeansChangesAreSyncedTest.SlowLeadership.class)
@WithTestResource(AppTestResources.class)
class ReadyMeansChangesAreSyncedTest {

    public static final class SlowLeadership implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("itwin.cluster.file.retry-interval", "3s");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    PlatformConnection platform;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @Test
    void aFileDroppedAtTheFirstMomentOfReadinessIsSynced() throws Exception {
        String iTwinId = UUID.randomUUID().toString();
        platform.emulator().orElseThrow().addITwin(iTwinId, "dropped at readiness", DemoData.DEMO_CLIENT_ID);

        Await.until("ready", Duration.ofSeconds(30), () -> readiness() == 200);
        Path file = AppTestResources.folder("inbox").resolve("itwins/" + iTwinId + "/at-readiness.png");
        Files.createDirectories(file.getParent());
        Files.write(file, TestImages.png(400, 250));

        Await.until(
                "the image is synced",
                Duration.ofSeconds(30),
                () -> AppTestResources.received().stream()
                        .anyMatch(r -> r.idempotencyKey().startsWith(iTwinId + ":")));
        assertThat(Files.exists(AppTestResources.folder("done").resolve("itwins/" + iTwinId + "/at-readiness.png")))
                .isTrue();
    }

    private int readiness() {
        try {
            return http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
