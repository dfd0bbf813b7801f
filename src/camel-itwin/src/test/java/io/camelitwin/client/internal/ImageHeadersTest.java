package io.camelitwin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageHeadersTest {

    @Test
    void readsPngDimensions() throws IOException {
        assertThat(read(TestImages.png(40, 30))).isEqualTo(new ImageInfo(ImageFormat.PNG, 40, 30));
    }

    @Test
    void readsJpegDimensionsPastAnExifSegment() throws IOException {
        byte[] jpeg = TestImages.withExifSegment(TestImages.jpeg(64, 48), 60_000);
        assertThat(read(jpeg)).isEqualTo(new ImageInfo(ImageFormat.JPEG, 64, 48));
    }

    @Test
    void jpegWalkerSkipsFillBytesStandaloneMarkersAndComments() throws IOException {
        byte[] jpeg = bytes(
                0xff, 0xd8, 0xff, 0xff, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46, // APP0 behind fill bytes
                0xff, 0xd3, // RST3, no length
                0xff, 0x01, // TEM, no length
                0xff, 0xfe, 0x00, 0x05, 'h', 'i', '!', // COM
                0xff, 0xc4, 0x00, 0x03, 0x00, // DHT shares the SOF range but is not one
                0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x02, 0x58); // progressive SOF: 600x300
        assertThat(read(jpeg)).isEqualTo(new ImageInfo(ImageFormat.JPEG, 600, 300));
    }

    @Test
    void jpegWithoutFrameHeaderBeforeScanIsCorrupt() {
        byte[] jpeg = bytes(0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9);
        assertThatThrownBy(() -> read(jpeg))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessage("the JPEG image is corrupt: marker FFDA comes before any frame header");
    }

    @Test
    void jpegWithZeroHeightIsCorrupt() {
        byte[] jpeg = bytes(0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x00, 0x00, 0x10);
        assertThatThrownBy(() -> read(jpeg)).hasMessageContaining("dimensions 16x0");
    }

    @Test
    void jpegWhoseSegmentRunsPastTheEndIsTruncated() {
        byte[] jpeg = bytes(0xff, 0xd8, 0xff, 0xe1, 0x7f, 0xff, 'E', 'x', 'i', 'f');
        assertThatThrownBy(() -> read(jpeg))
                .hasMessage("the JPEG header ends early: the image is truncated or corrupt");
    }

    @Test
    void pngWhoseFirstChunkIsNotIhdrIsCorrupt() {
        byte[] png = TestImages.png(4, 4);
        png[12] = 'X';
        assertThatThrownBy(() -> read(png))
                .hasMessage("the PNG image is corrupt: its first chunk is not a 13-byte IHDR");
    }

    @Test
    void pngCutInsideIhdrIsTruncated() {
        assertThatThrownBy(() -> read(Arrays.copyOf(TestImages.png(4, 4), 20)))
                .hasMessage("the PNG header ends early: the image is truncated or corrupt");
    }

    @Test
    void namesCommonRefusedFormats() {
        assertThatThrownBy(() -> read(TestImages.gif(4, 4))).hasMessage("GIF images are not accepted; use PNG or JPEG");
        assertThatThrownBy(() -> read(ascii("RIFF\0\0\0\0WEBPVP8 ")))
                .hasMessage("WebP images are not accepted; use PNG or JPEG");
        assertThatThrownBy(() -> read(ascii("BM6\0\0\0\0\0\0\0\0\0")))
                .hasMessage("BMP images are not accepted; use PNG or JPEG");
    }

    @Test
    void describesTextAndUnknownBytes() {
        assertThatThrownBy(() -> read(ascii("{\"error\": \"nope\"}")))
                .hasMessage("the body is not a PNG or JPEG image; it starts with text");
        assertThatThrownBy(() -> read(bytes(0x00, 0x01, 0xfe)))
                .hasMessage("the body is not a PNG or JPEG image; it starts with 00 01 FE");
    }

    private static ImageInfo read(byte[] image) throws IOException {
        return ImageHeaders.read(new ByteArrayInputStream(image));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
