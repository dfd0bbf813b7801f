package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.LockedFolder;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped folder route in a drop folder that other people and programs write to: symbolic links, reused names,
 * slow writers, named pipes, writers' temporary files. Files are real, the platform is the embedded emulator.
 */
@QuarkusTest
@WithTestResource(AppTestResources.class)
class HostileInboxTest extends AppTestSupport {

    private final Path inbox = AppTestResources.folder("inbox");
    private final Path done = AppTestResources.folder("done");
    private final Path failed = AppTestResources.folder("failed");

    @Test
    void noByteBehindASymbolicLinkReachesFailedDoneThePlatformOrTheLog() throws Exception {
        String secret = "hostile-secret-" + UUID.randomUUID();
        SecretsLedger.record(secret);
        Path outside = Files.createTempDirectory("outside-the-inbox");
        Path secretFile = Files.writeString(outside.resolve("credentials.png"), secret);
        byte[] outsideImage = TestImages.distinctPng(901);
        Path outsidePng = Files.write(outside.resolve("outside.png"), outsideImage);

        String iTwinId = newITwin();
        String linkedITwin = newITwin();
        String nestedITwin = newITwin();
        String secretLink = "itwins/" + iTwinId + "/secret.png";
        String environLink = "itwins/" + iTwinId + "/env.png";
        String folderLink = "itwins/" + linkedITwin;
        String nestedFolderLink = "itwins/" + nestedITwin + "/linked";
        link(secretLink, secretFile);
        link(environLink, Path.of("/proc/self/environ"));
        link(folderLink, outside);
        link(nestedFolderLink, outside);
        String good = "itwins/" + iTwinId + "/good.png";
        byte[] goodImage = TestImages.distinctPng(902);
        write(inbox, good, goodImage);

        for (String link : List.of(secretLink, environLink, folderLink, nestedFolderLink)) {
            Await.until(
                    link + " has its reason",
                    TIMEOUT,
                    () -> !DeadLetters.reasonsIn(failed, link).isEmpty());
            assertThat(read(DeadLetters.reasonsIn(failed, link).get(0)))
                    .as(link)
                    .startsWith("ITwinValidationException: a symbolic link to ")
                    .contains("its target not read");
            assertThat(DeadLetters.in(failed, link)).as("no copy of " + link).isEmpty();
            assertThat(Files.exists(inbox.resolve(link), LinkOption.NOFOLLOW_LINKS))
                    .as(link + " removed from the inbox")
                    .isFalse();
        }
        assertThat(read(DeadLetters.reasonsIn(failed, environLink).get(0))).contains("/proc/self/environ");
        Await.until("the good file is done", TIMEOUT, () -> exists(done, good));

        // nothing outside the inbox was deleted or changed
        assertThat(Files.readString(secretFile)).isEqualTo(secret);
        assertThat(Files.readAllBytes(outsidePng)).isEqualTo(outsideImage);
        // the platform received the good image and nothing else of this test
        assertThat(emulator().requests().stream()
                        .filter(r -> r.method().equals("PUT"))
                        .map(RecordedRequest::bodySha256))
                .contains(sha256(goodImage))
                .doesNotContain(sha256(outsideImage), sha256(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(requests("PUT", "/itwins/" + linkedITwin + "/image")).isEmpty();
        assertThat(requests("PUT", "/itwins/" + nestedITwin + "/image")).isEmpty();

        List<String> environment = environmentValues();
        for (Path file : filesUnder(failed, done)) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.toString()).doesNotContain(secret);
            for (String value : environment) {
                assertThat(content).as(file + " holds an environment value").doesNotContain(value);
            }
        }
        Path suiteLog = Path.of("target", "test-logs", "suite.log");
        if (Files.exists(suiteLog)) {
            assertThat(Files.readString(suiteLog, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        }
    }

    @Test
    void aNameRefusedTwiceKeepsBothDeadLettersAndAReplayedOneIsUploaded() throws Exception {
        String iTwinId = newITwin();
        String file = "itwins/" + iTwinId + "/thumbnail.png";
        byte[] first = TestImages.gif(30, 20);
        byte[] second = TestImages.gif(31, 21);

        write(inbox, file, first);
        Await.until(
                "the first dead letter",
                TIMEOUT,
                () -> DeadLetters.reasonsIn(failed, file).size() == 1);
        write(inbox, file, second);
        Await.until(
                "the second dead letter",
                TIMEOUT,
                () -> DeadLetters.reasonsIn(failed, file).size() == 2);

        List<Path> deadLetters = DeadLetters.in(failed, file);
        assertThat(deadLetters).hasSize(2);
        assertThat(Files.readAllBytes(deadLetters.get(0)))
                .as("the first, oldest first")
                .isEqualTo(first);
        assertThat(Files.readAllBytes(deadLetters.get(1))).isEqualTo(second);
        for (Path deadLetter : deadLetters) {
            assertThat(read(DeadLetters.reasonOf(deadLetter))).contains("ITwinValidationException");
        }

        // replay as documented: the dead letter moved back into the inbox under its own name
        String unknownITwin = UUID.randomUUID().toString();
        String late = "itwins/" + unknownITwin + "/late.png";
        byte[] image = TestImages.distinctPng(903);
        write(inbox, late, image);
        Await.until(
                "the 404 dead letter",
                TIMEOUT,
                () -> DeadLetters.in(failed, late).size() == 1);
        emulator().addITwin(unknownITwin, "created after the first attempt", DemoData.DEMO_CLIENT_ID);
        Path deadLetter = DeadLetters.in(failed, late).get(0);
        String replayed = "itwins/" + unknownITwin + "/" + deadLetter.getFileName();
        Files.move(deadLetter, inbox.resolve(replayed));
        Await.until("the replayed file is done", TIMEOUT, () -> exists(done, replayed));
        assertThat(emulator().iTwinImage(unknownITwin)).hasValue(image);
    }

    @Test
    void aWriterPausingLongerThanTheReadLockEndsWithTheWholeImageUploadedAndNothingFailed() throws Exception {
        String iTwinId = newITwin();
        byte[] image = TestImages.noisyPng(600, 400, 904);
        String file = "itwins/" + iTwinId + "/paused.png";
        Path target = inbox.resolve(file);
        Files.createDirectories(target.getParent());

        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(image, 0, image.length / 2);
            out.flush();
            // the writer pauses while three later files are taken one after the other (the read lock takes a file
            // unchanged for 1 s): by then every poll that listed the half image has finished with it
            for (int i = 0; i < 3; i++) {
                String marker = "itwins/" + newITwin() + "/marker.png";
                write(inbox, marker, TestImages.distinctPng(910 + i));
                Await.until("a later file is done", TIMEOUT, () -> exists(done, marker));
            }
            assertThat(DeadLetters.reasonsIn(failed, file))
                    .as("the half image is not dead-lettered")
                    .isEmpty();
            assertThat(target).as("the half image is still in the inbox").exists();
            out.write(image, image.length / 2, image.length - image.length / 2);
        }

        Await.until("the file is done", TIMEOUT, () -> exists(done, file));
        assertThat(requests("PUT", "/itwins/" + iTwinId + "/image"))
                .singleElement()
                .satisfies(put -> assertThat(put.bodySha256()).isEqualTo(sha256(image)));
        assertThat(DeadLetters.reasonsIn(failed, file)).isEmpty();
    }

    @Test
    void aTruncatedImageQuietForLongerThanTheQuietTimeIsDeadLettered() throws Exception {
        String iTwinId = newITwin();
        byte[] image = TestImages.png(300, 200);
        String file = "itwins/" + iTwinId + "/abandoned.png";
        Path target = write(inbox, file, Arrays.copyOf(image, image.length / 2));
        // as if its writer had given up three minutes ago (the quiet time is two)
        Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(180)));

        Await.until(
                "the truncated file is dead-lettered",
                TIMEOUT,
                () -> DeadLetters.in(failed, file).size() == 1);
        assertThat(read(DeadLetters.reasonOf(DeadLetters.in(failed, file).get(0))))
                .contains("truncated");
        assertThat(requests("PUT", "/itwins/" + iTwinId + "/image")).isEmpty();
    }

    @Test
    void pipesAreRemovedWithAReasonAndWritersTemporaryFilesAreLeftAlone() throws Exception {
        String iTwinId = newITwin();
        String pipe = "itwins/" + iTwinId + "/pipe.png";
        Files.createDirectories(inbox.resolve(pipe).getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve(pipe).toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        List<String> temporary = List.of(
                "itwins/" + iTwinId + "/upload.png.part",
                "itwins/" + iTwinId + "/upload.png.filepart",
                "itwins/" + iTwinId + "/upload.png~",
                "itwins/" + iTwinId + "/download.jpg.crdownload");
        for (String name : temporary) {
            Files.write(inbox.resolve(name), TestImages.png(40, 30));
        }
        String good = "itwins/" + iTwinId + "/after.png";

        Await.until(
                "the pipe has its reason",
                TIMEOUT,
                () -> !DeadLetters.reasonsIn(failed, pipe).isEmpty());
        assertThat(read(DeadLetters.reasonsIn(failed, pipe).get(0))).contains("named pipe");
        assertThat(Files.exists(inbox.resolve(pipe), LinkOption.NOFOLLOW_LINKS)).isFalse();
        // the route goes on: a later file is uploaded, and by then every temporary file was listed and left alone
        write(inbox, good, TestImages.distinctPng(905));
        Await.until("the next file is done", TIMEOUT, () -> exists(done, good));
        Await.until("another poll passed", TIMEOUT, () -> !exists(inbox, good));
        for (String name : temporary) {
            assertThat(inbox.resolve(name)).as(name + " left for its writer").exists();
            assertThat(DeadLetters.reasonsIn(failed, name)).as(name).isEmpty();
        }
    }

    @Test
    void anEntryThatCannotBeRemovedDoesNotStopTheOtherFiles() throws Exception {
        // prepared beside the inbox and moved in whole, so that no poll meets the link before its folder is locked
        String iTwinId = newITwin();
        Path staging = Files.createDirectories(inbox.resolveSibling("staging-" + UUID.randomUUID()));
        Path locked = Files.createDirectories(staging.resolve(iTwinId).resolve("locked"));
        Files.createSymbolicLink(locked.resolve("link.png"), Path.of("/etc/hostname"));
        Path stuckLink = inbox.resolve("itwins/" + iTwinId + "/locked/link.png");
        String good = "itwins/" + newITwin() + "/beside-a-locked-folder.png";
        LockedFolder staged = LockedFolder.lock(locked);
        try {
            Files.createDirectories(inbox.resolve("itwins"));
            Files.move(staging.resolve(iTwinId), inbox.resolve("itwins/" + iTwinId));
        } catch (IOException | RuntimeException e) {
            staged.close();
            throw e;
        }
        try (LockedFolder lock = staged.movedTo(stuckLink.getParent())) {
            write(inbox, good, TestImages.distinctPng(906));

            Await.until("the other file is done", TIMEOUT, () -> exists(done, good));
            assertThat(Files.isSymbolicLink(stuckLink))
                    .as("the link that cannot be removed stays")
                    .isTrue();
        } finally {
            Files.deleteIfExists(stuckLink);
        }
    }

    @Test
    void aFolderNamedToLeadOutOfTheInboxIsNotWalkedInto() throws Exception {
        // Camel reads the folder's name a\..\..\..\<outside> as a/../../../<outside>: the folder beside the inbox
        Path outside = Files.createDirectories(inbox.resolveSibling("outside-" + UUID.randomUUID()));
        byte[] outsideImage = TestImages.distinctPng(907);
        Files.write(outside.resolve("site.png"), outsideImage);
        Files.createDirectories(inbox.resolve("itwins/a"));
        String escaping = "itwins/a\\..\\..\\..\\" + outside.getFileName() + "/site.png";
        byte[] insideImage = TestImages.distinctPng(908);
        write(inbox, escaping, insideImage);
        String good = "itwins/" + newITwin() + "/after-the-escape.png";
        write(inbox, good, TestImages.distinctPng(909));

        Await.until("the next file is done", TIMEOUT, () -> exists(done, good));
        Await.until("another poll passed", TIMEOUT, () -> !exists(inbox, good));
        assertThat(Files.readAllBytes(outside.resolve("site.png"))).isEqualTo(outsideImage);
        assertThat(Files.readAllBytes(inbox.resolve(escaping)))
                .as("left in the inbox")
                .isEqualTo(insideImage);
        assertThat(emulator().requests().stream()
                        .filter(r -> r.method().equals("PUT"))
                        .map(RecordedRequest::bodySha256))
                .doesNotContain(sha256(outsideImage), sha256(insideImage));
        for (Path file : filesUnder(failed, done)) {
            assertThat(Files.readAllBytes(file)).as(file.toString()).isNotEqualTo(outsideImage);
        }
    }

    private void link(String relativePath, Path target) throws IOException {
        Path link = inbox.resolve(relativePath);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }

    /** The values of this process's environment long enough not to occur by chance: what /proc/self/environ holds. */
    private static List<String> environmentValues() throws IOException {
        List<String> values = new ArrayList<>();
        for (String entry : new String(Files.readAllBytes(Path.of("/proc/self/environ")), StandardCharsets.ISO_8859_1)
                .split("\0")) {
            String value = entry.substring(entry.indexOf('=') + 1);
            if (value.length() >= 12) {
                values.add(value);
            }
        }
        return values;
    }

    private static List<Path> filesUnder(Path... folders) {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }
}
