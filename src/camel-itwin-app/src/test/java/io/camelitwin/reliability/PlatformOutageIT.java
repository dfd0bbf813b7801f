package io.camelitwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The platform unreachable for {@value #OUTAGE_SECONDS} s in the middle of a batch of folder uploads: the emulator is
 * stopped (connections refused) and started again on the same port with the same data. Nothing is lost, the batch
 * resumes by itself within the shipped retry budget (about 90 s of back-off for one file), the platform health group
 * goes down during the outage and up after it, and readiness stays up throughout (the outage is the platform's, not
 * this replica's).
 */
class PlatformOutageIT extends ReliabilityTestSupport {

    private static final int IMAGES = 60;
    private static final int OUTAGE_AFTER = 20;
    private static final int OUTAGE_SECONDS = 60;

    private final Path emulatorData =
            Path.of("target", "reliability", "PlatformOutageIT-emulator-" + System.nanoTime());

    @Override
    protected ITwinEmulator.Builder emulatorBuilder() {
        // its world on disk, so that the restarted emulator has the images uploaded before the outage; a little
        // latency, so that the batch is still running when the outage begins
        return super.emulatorBuilder().dataDirectory(emulatorData).faults(FaultSettings.NONE.withLatencyMillis(50));
    }

    @Test
    void nothingIsLostTheBatchResumesByItselfAndOnlyThePlatformGroupGoesDownThenUp() throws Exception {
        List<String> iTwinIds = emulator.seedITwins(DemoData.DEMO_CLIENT_ID, IMAGES);
        Map<String, String> sha256ById = new LinkedHashMap<>();
        for (int i = 0; i < IMAGES; i++) {
            byte[] image = TestImages.distinctPng(500 + i);
            Path file = inbox().resolve("itwins").resolve(iTwinIds.get(i)).resolve("plan.png");
            Files.createDirectories(file.getParent());
            Files.write(file, image);
            sha256ById.put(iTwinIds.get(i), sha256(image));
        }
        int port = emulator.port();
        List<RecordedRequest> beforeOutage = new ArrayList<>();
        CompletableFuture<Void> outageBegan = new CompletableFuture<>();
        AtomicInteger stored = new AtomicInteger();
        emulator.onITwinImageStored(id -> {
            if (stored.incrementAndGet() == OUTAGE_AFTER) {
                // not on the emulator's own thread: stopping the server waits for its exchanges
                CompletableFuture.runAsync(() -> {
                    ITwinEmulator stopping = emulator;
                    stopping.close();
                    beforeOutage.addAll(stopping.requests(DemoData.DEMO_CLIENT_ID));
                    outageBegan.complete(null);
                });
            }
        });

        ApplicationProcess application = application("outage").start();
        outageBegan.get(); // JUnit's own timeout is not set: the await below bounds the wait
        long outageStart = System.nanoTime();
        boolean sawDown = false;
        while (System.nanoTime() - outageStart
                < Duration.ofSeconds(OUTAGE_SECONDS).toNanos()) {
            sawDown |= application.health("group/platform").statusCode() == 503;
            assertThat(application.health("ready").statusCode())
                    .as("ready during the outage")
                    .isEqualTo(200);
            assertThat(application.isAlive()).isTrue();
            Thread.sleep(500);
        }
        assertThat(sawDown).as("the platform group went down during the outage").isTrue();
        assertThat(application.health("group/platform").body()).contains("itwin-platform-reachable");
        emulator = startEmulator(emulatorBuilder().port(port));

        Await.until(
                "every image on the platform and the inbox empty",
                Duration.ofMinutes(3),
                () -> filesUnder(inbox()).isEmpty()
                        && sha256ById.keySet().stream()
                                .allMatch(id -> emulator.iTwinImage(id).isPresent()));
        Await.until(
                "the platform group up again",
                Duration.ofSeconds(30),
                () -> application.health("group/platform").statusCode() == 200);

        sha256ById.forEach((id, sha256) -> assertThat(emulator.iTwinImage(id))
                .as("image of %s", id)
                .hasValueSatisfying(image -> assertThat(sha256(image)).isEqualTo(sha256)));
        assertThat(filesUnder(failed())).as("nothing dead-lettered").isEmpty();
        List<RecordedRequest> all = new ArrayList<>(beforeOutage);
        all.addAll(emulator.requests(DemoData.DEMO_CLIENT_ID));
        for (String id : iTwinIds) {
            assertThat(all.stream()
                            .filter(r -> r.method().equals("PUT") && r.path().equals("/itwins/" + id + "/image"))
                            .filter(r -> r.status() == 201))
                    .as("accepted uploads of %s", id)
                    .hasSize(1);
        }
    }
}
