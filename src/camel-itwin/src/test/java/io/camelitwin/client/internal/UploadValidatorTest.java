package io.camelitwin.client.internal;

import static io.camelitwin.client.internal.UploadTarget.IMODEL_THUMBNAIL;
import static io.camelitwin.client.internal.UploadTarget.ITWIN_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.model.ImageContent;
import io.camelitwin.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadValidatorTest {

    @TempDir
    Path dir;

    @Test
    void acceptsPngBytesAndHandsThemBack() throws IOException {
        byte[] png = TestImages.png(40, 30);
        ValidatedUpload upload = UploadValidator.validate(ImageContent.of(png, "image/png"), ITWIN_IMAGE);
        assertThat(upload.info()).isEqualTo(new ImageInfo(ImageFormat.PNG, 40, 30));
        assertThat(upload.length()).isEqualTo(png.length);
        assertThat(upload.mediaType()).isEqualTo("image/png");
        assertThat(upload.body().get().readAllBytes()).isEqualTo(png);
    }

    @Test
    void acceptsJpegWithExifFromBytesFileAndStream() throws IOException {
        byte[] jpeg = TestImages.withExifSegment(TestImages.jpeg(64, 48), 60_000);
        Path file = write("photo.jpg", jpeg);
        for (ImageContent content : new ImageContent[] {
            ImageContent.of(jpeg, "image/jpeg"),
            ImageContent.of(file, "image/jpg"),
            ImageContent.of(new ByteArrayInputStream(jpeg), jpeg.length, null),
            ImageContent.of(new ByteArrayInputStream(jpeg), -1, "IMAGE/JPEG; charset=binary"),
            // a type that says nothing about the format, and a parameter no JVM knows: the bytes decide
            ImageContent.of(jpeg, "application/octet-stream"),
            ImageContent.of(jpeg, " image/jpeg ; charset=\"no such charset\"")
        }) {
            ValidatedUpload upload = UploadValidator.validate(content, ITWIN_IMAGE);
            assertThat(upload.info()).as("%s", content).isEqualTo(new ImageInfo(ImageFormat.JPEG, 64, 48));
            assertThat(upload.length()).isEqualTo(jpeg.length);
            assertThat(upload.body().get().readAllBytes()).as("%s", content).isEqualTo(jpeg);
        }
    }

    @Test
    void streamBodyStartsAtTheFirstByteEvenAfterMegabytesOfHeader() throws IOException {
        byte[] jpeg = TestImages.jpeg(64, 48);
        for (int i = 0; i < 40; i++) {
            jpeg = TestImages.withExifSegment(jpeg, 60_000);
        }
        ValidatedUpload upload = UploadValidator.validate(
                ImageContent.of(new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg"), ITWIN_IMAGE);
        assertThat(upload.info().width()).isEqualTo(64);
        assertThat(upload.body().get().readAllBytes()).isEqualTo(jpeg);
    }

    @Test
    void wideImageIsRefusedForITwinsButFineAsThumbnail() {
        byte[] wide = TestImages.png(600, 100);
        assertThatThrownBy(() -> UploadValidator.validate(ImageContent.of(wide, null), ITWIN_IMAGE))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessage("600x100 is 6.0:1; the platform accepts at most 5:1");
        assertThatThrownBy(() -> UploadValidator.validate(ImageContent.of(TestImages.png(100, 600), null), ITWIN_IMAGE))
                .hasMessage("100x600 is 6.0:1; the platform accepts at most 5:1");
        assertThat(UploadValidator.validate(ImageContent.of(wide, null), IMODEL_THUMBNAIL)
                        .info()
                        .width())
                .isEqualTo(600);
    }

    @Test
    void exactlyFiveToOneIsAccepted() {
        ValidatedUpload upload = UploadValidator.validate(ImageContent.of(TestImages.png(500, 100), null), ITWIN_IMAGE);
        assertThat(upload.info()).isEqualTo(new ImageInfo(ImageFormat.PNG, 500, 100));
    }

    @Test
    void gifIsRefusedByName() {
        assertRefused(
                ImageContent.of(TestImages.gif(10, 10), null), "body", "GIF images are not accepted; use PNG or JPEG");
    }

    @Test
    void emptyImageIsRefusedWhateverItsForm() throws IOException {
        Path empty = write("empty.png", new byte[0]);
        for (ImageContent content : new ImageContent[] {
            ImageContent.of(new byte[0], "image/png"),
            ImageContent.of(empty, null),
            ImageContent.of(InputStream.nullInputStream(), 0, null),
            ImageContent.of(InputStream.nullInputStream(), -1, null)
        }) {
            assertRefused(content, "body", "the image is empty");
        }
    }

    @Test
    void truncatedPngIsRefusedAsBytesAndFile() throws IOException {
        byte[] cut = TestImages.withoutLast(TestImages.png(40, 30), 5);
        String message = "the PNG image is truncated: it does not end with an IEND chunk";
        assertRefused(ImageContent.of(cut, null), "body", message);
        assertRefused(ImageContent.of(write("cut.png", cut), null), "body", message);
    }

    @Test
    void truncatedJpegIsRefusedAsBytesAndFile() throws IOException {
        byte[] cut = TestImages.withoutLast(TestImages.jpeg(40, 30), 1);
        String message = "the JPEG image is truncated: it does not end with the EOI marker FF D9";
        assertRefused(ImageContent.of(cut, null), "body", message);
        assertRefused(ImageContent.of(write("cut.jpg", cut), null), "body", message);
    }

    @Test
    void jpegDeclaredAsPngIsRefusedNamingBoth() {
        assertRefused(
                ImageContent.of(TestImages.jpeg(10, 10), "image/png"),
                "contentType",
                "the content type says image/png but the bytes are a JPEG image (image/jpeg)");
    }

    @Test
    void otherDeclaredTypesAreRefused() {
        assertRefused(
                ImageContent.of(TestImages.png(10, 10), "image/gif"),
                "contentType",
                "content type 'image/gif' is not accepted; use image/png or image/jpeg");
    }

    @Test
    void unknownLengthStreamOverTheLimitIsRefusedAfterReadingOneByteTooMany() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                read.addAndGet(length);
                return length;
            }
        };
        assertRefused(
                ImageContent.of(endless, -1, "image/png"),
                "body",
                "the image is more than 5242880 bytes; the platform accepts at most 5242880 bytes (5 MB)");
        assertThat(read.get()).isLessThanOrEqualTo(UploadValidator.MAX_BYTES + 1);
    }

    @Test
    void oversizedFileAndStreamAreRefusedWithoutReadingThem() throws IOException {
        long sixMegabytes = 6L * 1024 * 1024;
        Path sparse = dir.resolve("huge.png");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(sixMegabytes);
        }
        String message = "the image is 6291456 bytes; the platform accepts at most 5242880 bytes (5 MB)";
        // a zero-filled file would be refused as "not a PNG" had it been read
        assertRefused(ImageContent.of(sparse, "image/png"), "body", message);
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                return fail("the stream must not be read");
            }
        };
        assertRefused(ImageContent.of(unreadable, sixMegabytes, "image/png"), "body", message);
    }

    @Test
    void streamShorterThanDeclaredFailsWhenSent() {
        byte[] png = TestImages.png(40, 30);
        ValidatedUpload upload = UploadValidator.validate(
                ImageContent.of(new ByteArrayInputStream(png), png.length + 10L, null), ITWIN_IMAGE);
        assertThatThrownBy(() -> upload.body().get().readAllBytes())
                .isInstanceOf(IOException.class)
                .hasMessage("the stream was truncated: it ended after " + png.length + " of its declared "
                        + (png.length + 10) + " bytes");
    }

    @Test
    void streamLongerThanDeclaredFailsWhenSent() {
        // longer than one buffer fill, so that validation reads only the head and the excess shows while sending
        byte[] longPng = Arrays.copyOf(TestImages.png(40, 30), 60_000);
        long declared = longPng.length - 1L;
        ValidatedUpload upload = UploadValidator.validate(
                ImageContent.of(new ByteArrayInputStream(longPng), declared, null), ITWIN_IMAGE);
        assertThatThrownBy(() -> upload.body().get().readAllBytes())
                .isInstanceOf(IOException.class)
                .hasMessage("the stream is longer than its declared " + declared + " bytes");
    }

    @Test
    void smallStreamLongerThanDeclaredIsRefusedAtOnce() {
        byte[] png = TestImages.png(40, 30);
        assertRefused(
                ImageContent.of(new ByteArrayInputStream(png), png.length - 1L, null),
                "body",
                "the stream is longer than its declared " + (png.length - 1) + " bytes");
    }

    @Test
    void streamEndingInsideItsHeaderIsRefusedAsTruncated() {
        InputStream cut = new ByteArrayInputStream(TestImages.png(40, 30), 0, 5);
        assertRefused(
                ImageContent.of(cut, 100, null),
                "body",
                "the stream was truncated: it ended after 5 of its declared 100 bytes");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertRefused(ImageContent content, String field, String message) {
        assertThatThrownBy(() -> UploadValidator.validate(content, ITWIN_IMAGE))
                .as("%s", content)
                .isInstanceOf(ITwinValidationException.class)
                .hasMessage(message)
                .extracting(e -> ((ITwinValidationException) e).getField())
                .isEqualTo(field);
    }
}
