package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * The dimensions of a JPEG, from its first frame header (SOFn). The segments before it (APPn such as EXIF, DQT, DHT,
 * COM ...) are skipped by their declared lengths, so a large EXIF block costs a skip, not a parse.
 */
final class JpegHeader {

    /** SOI followed by the first byte of the next marker. */
    static final byte[] SIGNATURE = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private static final int SOI_LENGTH = 2;
    private static final int MARKER_PREFIX = 0xff;
    private static final int TEM = 0x01;
    private static final int RST0 = 0xd0;
    private static final int RST7 = 0xd7;
    private static final int SOI = 0xd8;
    private static final int EOI = 0xd9;
    private static final int SOS = 0xda;

    private JpegHeader() {}

    /** Reads from the SOI marker; an early end surfaces as {@link java.io.EOFException}. */
    static ImageInfo read(DataInputStream in) throws IOException {
        in.skipNBytes(SOI_LENGTH);
        while (true) {
            int marker = nextMarker(in);
            if (isFrameHeader(marker)) {
                return readFrameHeader(in);
            }
            if (marker == EOI || marker == SOS) {
                throw corrupt(String.format("marker FF%02X comes before any frame header", marker));
            }
            if (!isStandalone(marker)) {
                int length = in.readUnsignedShort();
                if (length < 2) {
                    throw corrupt(String.format("segment FF%02X declares length %d", marker, length));
                }
                in.skipNBytes(length - 2L);
            }
        }
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        if (in.readUnsignedByte() != MARKER_PREFIX) {
            throw corrupt("a segment is not followed by a marker");
        }
        int marker;
        // any number of 0xFF fill bytes may precede a marker
        do {
            marker = in.readUnsignedByte();
        } while (marker == MARKER_PREFIX);
        if (marker == 0x00) {
            throw corrupt("a stuffed zero byte appears outside entropy-coded data");
        }
        return marker;
    }

    private static ImageInfo readFrameHeader(DataInputStream in) throws IOException {
        in.readUnsignedShort(); // segment length: the fields we need come first whatever it says
        in.readUnsignedByte(); // sample precision
        int height = in.readUnsignedShort();
        int width = in.readUnsignedShort();
        if (width == 0 || height == 0) {
            // a zero height means "given later by a DNL segment", which the platform cannot size from the header
            throw corrupt("its frame header gives dimensions " + width + "x" + height);
        }
        return new ImageInfo(ImageFormat.JPEG, width, height);
    }

    /** SOF0-3, 5-7, 9-11, 13-15; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frame headers. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static boolean isStandalone(int marker) {
        return marker == TEM || marker == SOI || (marker >= RST0 && marker <= RST7);
    }

    private static ITwinValidationException corrupt(String why) {
        return new ITwinValidationException("body", "the JPEG image is corrupt: " + why);
    }
}
