package io.camelitwin.app.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camelitwin.app.routes.ImageTargets;
import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.LockedFolder;
import io.camelitwin.testing.TestImages;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link swapped in after the consumer listed a file, at the moment the route reads it or dead-letters it: for the
 * file itself and for a folder above it. The file consumer's listing cannot see it, so the read must.
 */
class InboxEntryTest {

    private static final String SECRET = "swapped-in-secret";

    @TempDir
    Path work;

    private Path inbox;
    private Path failed;
    private Path outside;
    private FolderUploads uploads;
    private FailedFolder failedFolder;

    @BeforeEach
    void folders() throws Exception {
        inbox = Files.createDirectories(work.resolve("inbox"));
        failed = work.resolve("failed");
        outside = Files.createDirectories(work.resolve("outside"));
        Files.writeString(outside.resolve("site.png"), SECRET);
        uploads = new FolderUploads(new MemoryStateRepository(), inbox, work.resolve("done"));
        failedFolder =
                new FailedFolder(inbox, failed, new DeadLetterNames(), new SlowWriters(120_000), new ImageTargets());
    }

    @Test
    void aFileSwappedForALinkAfterTheListingIsRefusedAndOnlyItsReasonIsKept() throws Exception {
        String file = "itwins/00000000-0000-4000-8000-000000000001/site.png";
        Path listed = Files.createDirectories(inbox.resolve(file).getParent()).resolve("site.png");
        Files.write(listed, TestImages.png(40, 30));
        Exchange exchange = exchangeFor(file);

        Files.delete(listed);
        Files.createSymbolicLink(listed, outside.resolve("site.png"));

        assertThatThrownBy(() -> uploads.resolve(exchange))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("symbolic link");
        assertThat(exchange.getMessage().getBody()).isNull();

        exchange.getMessage().setHeader(ITwinConstants.FAILURE_REASON, "ITwinValidationException: a link");
        failedFolder.deadLetter(exchange);
        assertThat(DeadLetters.in(failed, file)).as("no copy").isEmpty();
        assertThat(Files.readString(DeadLetters.reasonsIn(failed, file).get(0)))
                .contains("a symbolic link to " + outside.resolve("site.png"))
                .doesNotContain(SECRET);
        assertThat(Files.exists(listed, LinkOption.NOFOLLOW_LINKS))
                .as("the link removed")
                .isFalse();
        assertThat(Files.readString(outside.resolve("site.png"))).isEqualTo(SECRET);
    }

    @Test
    void aFolderSwappedForALinkAfterTheListingIsNeitherReadNorEmptied() throws Exception {
        String file = "itwins/00000000-0000-4000-8000-000000000002/site.png";
        Path folder = Files.createDirectories(inbox.resolve(file).getParent());
        Files.write(folder.resolve("site.png"), TestImages.png(40, 30));
        Exchange exchange = exchangeFor(file);

        Files.delete(folder.resolve("site.png"));
        Files.delete(folder);
        Files.createSymbolicLink(folder, outside);

        assertThatThrownBy(() -> uploads.resolve(exchange))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("symbolic link");

        exchange.getMessage().setHeader(ITwinConstants.FAILURE_REASON, "ITwinValidationException: a link");
        failedFolder.deadLetter(exchange);
        assertThat(Files.readString(outside.resolve("site.png")))
                .as("the file behind the link is neither moved nor deleted")
                .isEqualTo(SECRET);
        assertThat(DeadLetters.reasonsIn(failed, file)).hasSize(1);
        assertThat(Files.readString(DeadLetters.reasonsIn(failed, file).get(0), StandardCharsets.UTF_8))
                .doesNotContain(SECRET);
    }

    @Test
    void aFileWrittenAgainAfterItWasReadStaysInTheInbox() throws Exception {
        String file = "itwins/00000000-0000-4000-8000-000000000003/site.png";
        Path listed = Files.createDirectories(inbox.resolve(file).getParent()).resolve("site.png");
        Files.write(listed, TestImages.png(40, 30));
        Exchange exchange = exchangeFor(file);
        uploads.resolve(exchange);

        byte[] newer = TestImages.png(60, 30);
        Files.write(listed, newer);
        uploads.complete(exchange);

        assertThat(Files.readAllBytes(listed))
                .as("the newer file waits for the next poll")
                .isEqualTo(newer);
        assertThat(Files.readAllBytes(work.resolve("done").resolve(file))).isEqualTo(TestImages.png(40, 30));
    }

    @Test
    void aFolderNamedWithBackslashesAndDotsLeadsNowhereOutsideTheInbox() throws Exception {
        // Camel reads the folder's name a\..\..\..\outside as a/../../../outside: a way out of the inbox
        Files.createDirectories(inbox.resolve("itwins/a"));
        String file = "itwins/a\\..\\..\\..\\outside/site.png";
        Path listed = Files.createDirectories(inbox.resolve(file).getParent()).resolve("site.png");
        Files.write(listed, TestImages.png(40, 30));
        Exchange exchange = exchangeFor(file);
        assertThat(inbox.resolve(exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class))
                        .normalize())
                .as("the consumer's name for it points outside")
                .isEqualTo(outside.resolve("site.png"));

        assertThatThrownBy(() -> uploads.resolve(exchange))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("backslash");
        assertThatThrownBy(() -> uploads.complete(exchange))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("backslash");
        refused(exchange, "ITwinValidationException: the path must be itwins/<iTwinId>/<name>");
        failedFolder.deadLetter(exchange);

        assertThat(Files.readString(outside.resolve("site.png")))
                .as("the file outside is neither moved nor changed")
                .isEqualTo(SECRET);
        assertThat(Files.readAllBytes(listed))
                .as("the inbox's file is left untouched")
                .isEqualTo(TestImages.png(40, 30));
        assertThat(filesUnder(work.resolve("done"))).isEmpty();
        assertThat(filesUnder(failed)).singleElement().satisfies(reason -> {
            assertThat(failed.relativize(reason).toString()).startsWith("itwins/a_.._.._.._outside/site.");
            assertThat(Files.readString(reason)).contains("holds a backslash").doesNotContain(SECRET);
        });
        for (String escape :
                new String[] {"itwins/../../outside/site.png", "itwins//site.png", "./itwins/x/site.png"}) {
            assertThatThrownBy(() -> InboxEntry.open(inbox, escape))
                    .as(escape)
                    .isInstanceOf(ITwinValidationException.class)
                    .hasMessageContaining("'..' segment");
        }
    }

    @Test
    void linksInsideTheDoneAndFailedFoldersAreRefusedNotWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Path done = Files.createDirectories(work.resolve("done"));
        Files.createDirectories(failed);
        Files.createSymbolicLink(done.resolve("itwins"), elsewhere);
        Files.createSymbolicLink(failed.resolve("itwins"), elsewhere);

        String uploaded = "itwins/00000000-0000-4000-8000-000000000004/site.png";
        Path uploadedFile = write(uploaded, TestImages.png(40, 30));
        Exchange upload = exchangeFor(uploaded);
        uploads.resolve(upload);
        assertThatThrownBy(() -> uploads.complete(upload))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("done/itwins is a symbolic link");
        assertThat(uploadedFile).as("kept for the dead letter").exists();

        String broken = "itwins/00000000-0000-4000-8000-000000000005/site.png";
        Path brokenFile = quiet(write(broken, TestImages.gif(40, 30)));
        Exchange refusal = exchangeFor(broken);
        refused(refusal, "ITwinValidationException: a GIF");
        assertThatThrownBy(() -> failedFolder.deadLetter(refusal))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("failed/itwins is a symbolic link");
        assertThat(brokenFile).as("nothing lost: it stays in the inbox").exists();
        assertThat(filesUnder(elsewhere)).as("nothing written through a link").isEmpty();

        // a link in place of the file itself is replaced by the file, not written through
        Files.delete(done.resolve("itwins"));
        Path linkedFile =
                Files.createDirectories(done.resolve(uploaded).getParent()).resolve("site.png");
        Files.createSymbolicLink(linkedFile, outside.resolve("site.png"));
        uploads.complete(upload);
        assertThat(Files.isSymbolicLink(linkedFile)).isFalse();
        assertThat(Files.readAllBytes(linkedFile)).isEqualTo(TestImages.png(40, 30));
        assertThat(Files.readString(outside.resolve("site.png"))).isEqualTo(SECRET);
        try (Stream<Path> left = Files.list(linkedFile.getParent())) {
            assertThat(left).as("no temporary name left").containsExactly(linkedFile);
        }
    }

    @Test
    void aHardLinkToAFileOutsideTheInboxIsRefusedAndNoByteOfItCopied() throws Exception {
        String file = "itwins/00000000-0000-4000-8000-000000000006/site.png";
        Path listed = Files.createDirectories(inbox.resolve(file).getParent()).resolve("site.png");
        Files.createLink(listed, outside.resolve("site.png"));
        Exchange exchange = exchangeFor(file);

        assertThatThrownBy(() -> uploads.resolve(exchange))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("hard link");
        assertThat(exchange.getMessage().getBody()).isNull();
        refused(exchange, "ITwinValidationException: a hard link");
        failedFolder.deadLetter(exchange);

        assertThat(Files.exists(listed, LinkOption.NOFOLLOW_LINKS))
                .as("the inbox's name removed")
                .isFalse();
        assertThat(Files.readString(outside.resolve("site.png"))).isEqualTo(SECRET);
        assertThat(DeadLetters.in(failed, file)).as("no copy").isEmpty();
        assertThat(Files.readString(DeadLetters.reasonsIn(failed, file).get(0)))
                .contains("a hard link")
                .doesNotContain(SECRET);
    }

    @Test
    void aFileChangedSinceItWasReadStaysInTheInboxInsteadOfTheFailedFolder() throws Exception {
        String file = "itwins/00000000-0000-4000-8000-000000000007/site.png";
        Path listed = write(file, TestImages.png(40, 30));
        Exchange exchange = exchangeFor(file);
        uploads.resolve(exchange);

        // written again by a writer that paused longer than the quiet time: no longer "recent", but not what was read
        byte[] newer = TestImages.png(60, 30);
        quiet(Files.write(listed, newer));
        refused(exchange, "ITwinNotFoundException: no such iTwin");
        failedFolder.deadLetter(exchange);

        assertThat(Files.readAllBytes(listed)).isEqualTo(newer);
        assertThat(filesUnder(failed)).isEmpty();
    }

    @Test
    void theReasonIsWrittenBeforeTheFileMovesSoACrashInBetweenLosesNothing() throws Exception {
        String file = "itwins/00000000-0000-4000-8000-000000000008/site.png";
        Path listed = quiet(write(file, TestImages.gif(40, 30)));
        Exchange exchange = exchangeFor(file);
        refused(exchange, "ITwinValidationException: a GIF");

        // the move out of a folder that refuses it stands for a crash between the reason and the move
        try (LockedFolder locked = LockedFolder.lock(listed.getParent())) {
            assertThatThrownBy(() -> failedFolder.deadLetter(exchange)).isInstanceOf(IOException.class);
        }
        assertThat(listed).as("still in the inbox").exists();
        assertThat(DeadLetters.reasonsIn(failed, file))
                .as("the reason already written")
                .hasSize(1);
        assertThat(DeadLetters.in(failed, file)).isEmpty();

        failedFolder.deadLetter(exchange);
        assertThat(Files.readAllBytes(DeadLetters.in(failed, file).get(0))).isEqualTo(TestImages.gif(40, 30));
        assertThat(listed).doesNotExist();
    }

    @Test
    void aFileRefusedIntoAnotherFileSystemIsCopiedUnderATemporaryNameAndRenamed() throws Exception {
        Path otherFileSystem = Path.of("/dev/shm");
        assumeTrue(
                Files.isDirectory(otherFileSystem)
                        && !Files.getFileStore(otherFileSystem).equals(Files.getFileStore(work)),
                "needs /dev/shm on a file system of its own");
        Path failedElsewhere = Files.createTempDirectory(otherFileSystem, "failed");
        try {
            FailedFolder acrossDevices = new FailedFolder(
                    inbox, failedElsewhere, new DeadLetterNames(), new SlowWriters(120_000), new ImageTargets());
            String file = "itwins/00000000-0000-4000-8000-000000000010/site.png";
            byte[] gif = TestImages.gif(40, 30);
            Path listed = quiet(write(file, gif));
            Exchange exchange = exchangeFor(file);
            refused(exchange, "ITwinValidationException: a GIF");

            acrossDevices.deadLetter(exchange);

            assertThat(listed).doesNotExist();
            assertThat(Files.readAllBytes(DeadLetters.in(failedElsewhere, file).get(0)))
                    .isEqualTo(gif);
            assertThat(DeadLetters.reasonsIn(failedElsewhere, file)).hasSize(1);
            assertThat(filesUnder(failedElsewhere))
                    .as("the dead letter and its reason, no temporary name left")
                    .hasSize(2);
        } finally {
            try (Stream<Path> walk = Files.walk(failedElsewhere)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    void aModificationTimeInTheFutureCountsAsQuietBeyondASmallClockSkew() throws Exception {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        SlowWriters slowWriters = new SlowWriters(Duration.ofMinutes(2), Clock.fixed(now, ZoneOffset.UTC));
        String file = "itwins/00000000-0000-4000-8000-000000000009/half.png";
        byte[] png = TestImages.png(40, 30);
        Path half = write(file, Arrays.copyOf(png, png.length / 2));

        try (InboxEntry entry = InboxEntry.open(inbox, file)) {
            Files.setLastModifiedTime(half, FileTime.from(now.minusSeconds(30)));
            assertThat(slowWriters.stillBeingWritten(entry, Optional.empty()))
                    .as("modified 30 s ago")
                    .isTrue();
            Files.setLastModifiedTime(half, FileTime.from(now.plusSeconds(5)));
            assertThat(slowWriters.stillBeingWritten(entry, Optional.empty()))
                    .as("5 s ahead: clock skew")
                    .isTrue();
            Files.setLastModifiedTime(half, FileTime.from(now.plus(Duration.ofDays(365))));
            assertThat(slowWriters.stillBeingWritten(entry, Optional.empty()))
                    .as("a year ahead would otherwise wait forever")
                    .isFalse();
        }
    }

    private Path write(String relativePath, byte[] content) throws IOException {
        Path file = Files.createDirectories(inbox.resolve(relativePath).getParent())
                .resolve(Path.of(relativePath).getFileName().toString());
        return Files.write(file, content);
    }

    @Test
    void deadLetterNamesSortByTimeKeepTheExtensionAndReplaceAnEarlierSuffix() {
        Instant now = Instant.parse("2026-12-03T10:15:00.123Z");
        assertThat(DeadLetterNames.unique("itwins/x/same.png", now, 0x3f9a1c))
                .isEqualTo("itwins/x/same.20261203T101500123Z-3f9a1c.png");
        assertThat(DeadLetterNames.unique("itwins/x/same.20261203T101500123Z-3f9a1c.png", now.plusMillis(1), 1))
                .isEqualTo("itwins/x/same.20261203T101500124Z-000001.png");
        assertThat(DeadLetterNames.unique("README", now, 1)).isEqualTo("README.20261203T101500123Z-000001");
        assertThat(DeadLetterNames.unique("itwins/x/empty-folder/", now, 1))
                .isEqualTo("itwins/x/empty-folder.20261203T101500123Z-000001/");
        assertThat(DeadLetterNames.unique("itwins/x.y/.hidden", now, 1))
                .isEqualTo("itwins/x.y/.hidden.20261203T101500123Z-000001");
        assertThat(DeadLetters.isDeadLetterOf("same.20261203T101500123Z-3f9a1c.png", "same.png"))
                .isTrue();
    }

    @Test
    void anUnfinishedImageIsOneThatStartsLikeAPngOrJpegButLacksItsEnd() {
        byte[] png = TestImages.png(40, 30);
        byte[] jpeg = TestImages.jpeg(40, 30);
        assertThat(SlowWriters.looksUnfinished(head(png), tail(png))).isFalse();
        assertThat(SlowWriters.looksUnfinished(head(jpeg), tail(jpeg))).isFalse();
        byte[] halfPng = Arrays.copyOf(png, png.length / 2);
        assertThat(SlowWriters.looksUnfinished(head(halfPng), tail(halfPng))).isTrue();
        byte[] halfJpeg = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertThat(SlowWriters.looksUnfinished(head(halfJpeg), tail(halfJpeg))).isTrue();
        assertThat(SlowWriters.looksUnfinished(new byte[0], new byte[0]))
                .as("empty")
                .isTrue();
        byte[] gif = TestImages.gif(40, 30);
        assertThat(SlowWriters.looksUnfinished(head(gif), tail(gif)))
                .as("a GIF is broken, not unfinished")
                .isFalse();
    }

    private static byte[] head(byte[] bytes) {
        return Arrays.copyOf(bytes, Math.min(8, bytes.length));
    }

    private static byte[] tail(byte[] bytes) {
        return Arrays.copyOfRange(bytes, Math.max(0, bytes.length - 12), bytes.length);
    }

    /** An exchange as the file consumer makes it: the file object, and a name with every backslash turned into '/'. */
    private Exchange exchangeFor(String relativePath) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        GenericFile<File> listed = new GenericFile<>();
        listed.setFile(inbox.resolve(relativePath).toFile());
        exchange.setProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, listed);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, relativePath.replace('\\', '/'));
        return exchange;
    }

    private static void refused(Exchange exchange, String reason) {
        exchange.getMessage().setHeader(ITwinConstants.FAILURE_REASON, reason);
    }

    private static Path quiet(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(600)));
        return file;
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
