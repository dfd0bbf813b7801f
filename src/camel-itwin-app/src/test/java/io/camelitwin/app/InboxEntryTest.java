package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.apache.camel.Exchange;
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

    private static Exchange exchangeFor(String relativePath) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, relativePath);
        return exchange;
    }
}
