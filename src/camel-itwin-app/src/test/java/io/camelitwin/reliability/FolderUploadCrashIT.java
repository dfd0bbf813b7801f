package io.camelitwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the application twice in the middle of {@value #IMAGES} folder uploads, each time started again:
 * every image ends on the platform, none is left in the inbox, and the emulator's request log shows exactly one upload
 * per image.
 *
 * <p>The first kill comes at the worst moment, from inside the emulator: the platform has stored the upload and not yet
 * answered, so the application never learns that it succeeded. After the restart the file is compared with the
 * platform's large image and not sent again. The second kill comes a random 0 to 300 ms after another upload was
 * stored: wherever the application then is (awaiting the answer, recording it, copying the file to done, deleting it),
 * nothing may be lost or sent twice.
 */
class FolderUploadCrashIT extends ReliabilityTestSupport {

    private static final int IMAGES = 300;
    private static final int FIRST_KILL_AT = 100;
    private static final int SECOND_KILL_AT = 200;

    @Test
    void killedTwiceMidBatchEveryImageIsUploadedExactlyOnce() throws Exception {
        List<String> iTwinIds = emulator.seedITwins(DemoData.DEMO_CLIENT_ID, IMAGES);
        Map<String, String> sha256ById = new LinkedHashMap<>();
        for (int i = 0; i < IMAGES; i++) {
            byte[] image = TestImages.distinctPng(i);
            Path file = inbox().resolve("itwins").resolve(iTwinIds.get(i)).resolve("site-" + i + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, image);
            sha256ById.put(iTwinIds.get(i), sha256(image));
        }
        assertThat(sha256ById.values()).doesNotHaveDuplicates();

        ApplicationProcess first = application("first");
        ApplicationProcess second = application("second");
        AtomicInteger stored = new AtomicInteger();
        String[] inFlightAtFirstKill = new String[1];
        emulator.onITwinImageStored(iTwinId -> {
            int count = stored.incrementAndGet();
            if (count == FIRST_KILL_AT) {
                inFlightAtFirstKill[0] = iTwinId;
                first.kill(); // on the emulator's thread: the answer to this upload is never sent
            } else if (count == SECOND_KILL_AT) {
                long delay = ThreadLocalRandom.current().nextLong(300);
                CompletableFuture.runAsync(
                        second::kill, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
            }
        });

        first.start();
        Await.until("the first kill", Duration.ofMinutes(5), () -> !first.isAlive());
        second.start();
        Await.until("the second kill", Duration.ofMinutes(5), () -> !second.isAlive());
        ApplicationProcess third = application("third").start();
        Await.until(
                "every image on the platform and the inbox empty",
                Duration.ofMinutes(5),
                () -> filesUnder(inbox()).isEmpty()
                        && sha256ById.keySet().stream()
                                .allMatch(id -> emulator.iTwinImage(id).isPresent()));

        sha256ById.forEach((id, sha256) -> {
            assertThat(emulator.iTwinImage(id))
                    .as("image of %s", id)
                    .hasValueSatisfying(stored1 -> assertThat(sha256(stored1)).isEqualTo(sha256));
            assertThat(uploadsOf(id)).as("uploads of %s", id).hasSize(1);
        });
        assertThat(filesUnder(failed())).isEmpty();
        assertThat(third.isAlive()).isTrue();

        // the file in flight at the first kill was compared with the platform's copy, not sent again
        String recovered = inFlightAtFirstKill[0];
        List<RecordedRequest> afterKill = emulator.requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.path().equals("/itwins/" + recovered + "/image"))
                .toList();
        assertThat(afterKill).extracting(RecordedRequest::method).containsExactly("PUT", "GET");
        assertThat(second.logText())
                .contains("sent to itwins/" + recovered + " before and its route did not complete")
                .contains("The platform has this image of iTwin " + recovered + " already");
    }
}
