package io.camelitwin.reliability;

import static io.camelitwin.reliability.ApplicationProcess.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A corpus of bad input dropped into the watched folder of the running application: each file is refused before any
 * request is sent, ends in the failed folder with a {@code .reason.txt} saying why (and a WARN line in the log), and
 * the route goes on: the good files dropped with them, odd and non-ASCII names included, are uploaded.
 */
class BadInputCorpusIT extends ReliabilityTestSupport {

    private static final int MAX_BYTES = 5 * 1024 * 1024;

    @Test
    void everyBadInputIsRefusedWithItsReasonWithoutARequestAndTheRouteGoesOn() throws Exception {
        List<String> ids = emulator.seedITwins(DemoData.DEMO_CLIENT_ID, 16);
        Path outside = Files.write(work.resolve("outside.png"), TestImages.png(200, 100));
        ApplicationProcess application = application("corpus").start();
        await("ready", Duration.ofMinutes(2), application::ready);

        List<Refusal> refusals = List.of(
                new Refusal(
                        "itwins/" + ids.get(0) + "/animation.gif",
                        TestImages.gif(200, 100),
                        "must end with .png, .jpg or .jpeg"),
                new Refusal("itwins/" + ids.get(1) + "/gif-inside.png", TestImages.gif(200, 100), "GIF images are not"),
                new Refusal(
                        "itwins/" + ids.get(2) + "/truncated.png",
                        TestImages.withoutLast(TestImages.png(200, 100), 12),
                        "truncated"),
                new Refusal("itwins/" + ids.get(3) + "/empty.png", new byte[0], "the image is empty"),
                new Refusal(
                        "itwins/" + ids.get(4) + "/too-big.png",
                        Arrays.copyOf(TestImages.png(200, 100), MAX_BYTES + 1),
                        "at most " + MAX_BYTES + " bytes"),
                new Refusal("itwins/" + ids.get(5) + "/panorama.png", TestImages.png(600, 100), "6.0:1"),
                new Refusal("itwins/" + ids.get(6) + "/photo.png", TestImages.jpeg(200, 100), "the bytes are a JPEG"),
                new Refusal("itwins/not-a-guid/plan.png", TestImages.png(200, 100), "must be a GUID"),
                new Refusal("itwins/%2e%2e%2fadmin/plan.png", TestImages.png(200, 100), "must be a GUID"),
                new Refusal("itwins/x..y/plan.png", TestImages.png(200, 100), "must be a GUID"),
                new Refusal(
                        "itwins/" + ids.get(7) + "/line\nbreak.png",
                        "itwins/" + ids.get(7) + "/line_break.png",
                        TestImages.png(200, 100),
                        "control character"),
                new Refusal(
                        "itwins/" + ids.get(8) + "/nested/plan.png",
                        TestImages.png(200, 100),
                        "the path must be itwins/<iTwinId>/<name>.png"),
                new Refusal("plan.png", TestImages.png(200, 100), "the path must be itwins/<iTwinId>/<name>.png"));
        for (Refusal refusal : refusals) {
            Path file = inbox().resolve(refusal.inboxPath());
            Files.createDirectories(file.getParent());
            Files.write(file, refusal.content());
        }
        Path link = inbox().resolve("itwins/" + ids.get(9) + "/link.png");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, outside);
        Files.createDirectories(inbox().resolve("itwins/" + ids.get(10) + "/empty-folder"));
        List<Refusal> expected = new ArrayList<>(refusals);
        expected.add(new Refusal("itwins/" + ids.get(9) + "/link.png", new byte[0], "symbolic link"));

        List<String> goodIds = List.of(ids.get(11), ids.get(12), ids.get(13));
        drop("itwins/" + goodIds.get(0) + "/Ünïcødé Übersicht 北京.png", TestImages.distinctPng(1));
        drop("itwins/" + goodIds.get(1) + "/it's #1 (final) & 100%.jpg", TestImages.jpeg(200, 100));
        drop("itwins/" + goodIds.get(2) + "/-leading dash, comma.png", TestImages.distinctPng(2));

        await(
                "every file handled",
                Duration.ofMinutes(2),
                () -> filesUnder(inbox()).isEmpty()
                        && goodIds.stream()
                                .allMatch(id -> emulator.iTwinImage(id).isPresent()));

        String log = application.logText();
        for (Refusal refusal : expected) {
            Path reason = failed().resolve(refusal.failedPath() + ".reason.txt");
            assertThat(reason).as("reason for %s", refusal.inboxPath()).exists();
            assertThat(Files.readString(reason, StandardCharsets.UTF_8))
                    .as("reason for %s", refusal.inboxPath())
                    .contains(refusal.reason());
            assertThat(failed().resolve(refusal.failedPath()))
                    .as("the refused file kept for %s", refusal.inboxPath())
                    .exists();
        }
        assertThat(log).contains("Dead letter");
        // the only requests the platform saw are the good files' uploads
        assertThat(emulator.requests(DemoData.DEMO_CLIENT_ID))
                .extracting(RecordedRequest::method, RecordedRequest::path)
                .containsExactlyInAnyOrderElementsOf(goodIds.stream()
                        .map(id -> tuple("PUT", "/itwins/" + id + "/image"))
                        .toList());
        assertThat(application.isAlive()).isTrue();
        assertThat(application.ready()).isTrue();
    }

    private void drop(String relativePath, byte[] content) throws IOException {
        Path file = inbox().resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** A refused file: where it was dropped, where the failed folder keeps it, and a piece of the reason given. */
    private record Refusal(String inboxPath, String failedPath, byte[] content, String reason) {
        Refusal(String inboxPath, byte[] content, String reason) {
            this(inboxPath, inboxPath, content, reason);
        }
    }
}
