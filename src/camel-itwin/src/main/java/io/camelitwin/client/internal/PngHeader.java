package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import java.io.DataInputStream;
import java.io.IOException;

/** The dimensions of a PNG, from its IHDR chunk, which the format requires to come first. */
final class PngHeader {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static final int IHDR_TYPE = 0x49484452;
    private static final int IHDR_LENGTH = 13;

    private PngHeader() {}

    /** Reads from the first byte of the signature; an early end surfaces as {@link java.io.EOFException}. */
    static ImageInfo read(DataInputStream in) throws IOException {
        in.skipNBytes(SIGNATURE.length);
        int length = in.readInt();
        int type = in.readInt();
        if (type != IHDR_TYPE || length != IHDR_LENGTH) {
            throw corrupt("its first chunk is not a 13-byte IHDR");
        }
        // PNG stores both as unsigned 32-bit values but allows at most 2^31-1, so a negative int is corrupt too
        int width = in.readInt();
        int height = in.readInt();
        if (width <= 0 || height <= 0) {
            throw corrupt("its header gives dimensions " + Integer.toUnsignedString(width) + "x"
                    + Integer.toUnsignedString(height));
        }
        return new ImageInfo(ImageFormat.PNG, width, height);
    }

    private static ITwinValidationException corrupt(String why) {
        return new ITwinValidationException("body", "the PNG image is corrupt: " + why);
    }
}
