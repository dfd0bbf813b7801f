package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.ThumbnailSize;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped folder route, end to end: files in a real inbox, uploads to the embedded emulator. */
@QuarkusTest
@WithTestResource(AppTestResources.class)
class FolderWatchTest extends AppTestSupport {

    private final Path inbox = AppTestResources.folder("inbox");
    private final Path done = AppTestResources.folder("done");
    private final Path failed = AppTestResources.folder("failed");

    @Test
    void aFileUnderItwinsBecomesTheITwinsImageAndMovesToDone() throws Exception {
        String iTwinId = newITwin();
        byte[] image = TestImages.png(300, 200);
        String file = "itwins/" + iTwinId + "/site.png";

        write(inbox, file, image);

        Await.until("the file is in done", TIMEOUT, () -> exists(done, file));
        assertThat(emulator().iTwinImage(iTwinId))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(image));
        assertThat(Files.readAllBytes(done.resolve(file))).isEqualTo(image);
        assertThat(exists(inbox, file)).isFalse();
    }

    @Test
    void aFileUnderImodelsBecomesTheIModelsThumbnail() throws Exception {
        String iModelId = newIModel();
        byte[] image = TestImages.jpeg(800, 500);
        String file = "imodels/" + iModelId + "/thumbnail.jpg";

        write(inbox, file, image);

        Await.until("the file is in done", TIMEOUT, () -> exists(done, file));
        assertThat(requests("PUT", "/imodels/" + iModelId + "/thumbnail"))
                .singleElement()
                .satisfies(put -> {
                    assertThat(put.status()).isEqualTo(201);
                    assertThat(put.contentType()).isEqualTo("image/jpeg");
                    assertThat(put.bodySha256()).isEqualTo(sha256(image));
                });
        assertThat(emulator().iModelThumbnail(iModelId, ThumbnailSize.LARGE)).isPresent();
    }

    @Test
    void refusedFilesEndInTheFailedFolderWithTheirReasonAndSendNothing() throws Exception {
        String iTwinId = newITwin();
        String gif = "itwins/" + iTwinId + "/animated.png";
        String notAGuid = "itwins/my-project/site.png";
        String traversal = "itwins/" + iTwinId + "/photos\\..\\..\\..\\escape.png";
        String outsideTheLayout = "site.png";
        write(inbox, gif, TestImages.gif(40, 30));
        write(inbox, notAGuid, TestImages.png(40, 30));
        write(inbox, traversal, TestImages.png(40, 30));
        write(inbox, outsideTheLayout, TestImages.png(40, 30));

        Await.until(
                "the GIF is in failed with its reason",
                TIMEOUT,
                () -> reasonOf(gif).isPresent());
        assertThat(read(reasonOf(gif).get())).contains("ITwinValidationException");
        Await.until(
                "the non-GUID folder's file is in failed",
                TIMEOUT,
                () -> reasonOf(notAGuid).isPresent());
        assertThat(read(reasonOf(notAGuid).get())).contains("GUID");
        String traversalInFailed = "itwins/" + iTwinId + "/photos_.._.._.._escape.png";
        Await.until(
                "the traversal name is in failed under a safe name",
                TIMEOUT,
                () -> DeadLetters.in(failed, traversalInFailed).size() == 1);
        assertThat(read(DeadLetters.reasonOf(
                        DeadLetters.in(failed, traversalInFailed).get(0))))
                .contains("backslash");
        Await.until(
                "the file outside the layout is in failed",
                TIMEOUT,
                () -> reasonOf(outsideTheLayout).isPresent());
        assertThat(read(reasonOf(outsideTheLayout).get()))
                .contains("the path must be itwins/<iTwinId>/<name>.png|.jpg|.jpeg");

        assertThat(requests("PUT", "/itwins/" + iTwinId + "/image")).isEmpty();
        assertThat(emulator().requests()).noneMatch(r -> r.path().contains("my-project"));
        for (String file : new String[] {gif, notAGuid, traversal, outsideTheLayout}) {
            assertThat(exists(inbox, file)).as(file + " left the inbox").isFalse();
            assertThat(exists(done, file)).as(file + " is not in done").isFalse();
        }
        assertThat(Arrays.stream(failed.getParent().toFile().list())).doesNotContain("escape.png");
    }

    /** The reason file of the one dead letter of {@code file}, once there is one. */
    private Optional<Path> reasonOf(String file) {
        return DeadLetters.in(failed, file).stream()
                .map(DeadLetters::reasonOf)
                .filter(Files::exists)
                .findFirst();
    }

    @Test
    void contentLastUploadedToTheTargetIsNotUploadedAgainButAThenBThenAUploadsThreeTimes() throws Exception {
        String iTwinId = newITwin();
        byte[] a = TestImages.distinctPng(1);
        byte[] b = TestImages.distinctPng(2);
        String path = "/itwins/" + iTwinId + "/image";

        dropAndAwaitDone(iTwinId, "1-a.png", a);
        dropAndAwaitDone(iTwinId, "2-a-again.png", a);
        assertThat(requests("PUT", path)).as("the same content again").hasSize(1);

        dropAndAwaitDone(iTwinId, "3-b.png", b);
        dropAndAwaitDone(iTwinId, "4-a.png", a);
        assertThat(requests("PUT", path))
                .extracting(r -> r.bodySha256())
                .containsExactly(sha256(a), sha256(b), sha256(a));
    }

    @Test
    void aFileStillBeingWrittenIsNotTakenBeforeItIsComplete() throws Exception {
        String iTwinId = newITwin();
        byte[] image = TestImages.png(1200, 800);
        String file = "itwins/" + iTwinId + "/slow.png";
        Path target = inbox.resolve(file);
        Files.createDirectories(target.getParent());

        try (OutputStream out = Files.newOutputStream(target)) {
            int chunk = image.length / 8 + 1;
            for (int offset = 0; offset < image.length; offset += chunk) {
                out.write(image, offset, Math.min(chunk, image.length - offset));
                out.flush();
                Thread.sleep(300);
            }
        }

        Await.until("the file is in done", TIMEOUT, () -> exists(done, file));
        assertThat(requests("PUT", "/itwins/" + iTwinId + "/image"))
                .singleElement()
                .satisfies(put -> assertThat(put.bodySha256()).isEqualTo(sha256(image)));
    }

    private void dropAndAwaitDone(String iTwinId, String name, byte[] image) throws Exception {
        String file = "itwins/" + iTwinId + "/" + name;
        write(inbox, file, image);
        Await.until(file + " is in done", TIMEOUT, () -> exists(done, file));
    }
}
