package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import java.util.Arrays;

/**
 * How a complete PNG or JPEG ends. An upload cut short (a partial download, a copy interrupted) still has a valid
 * header; its last bytes are what give it away.
 */
final class ImageEndings {

    /** An empty IEND chunk: zero length, type, and its fixed CRC. */
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

    private static final byte[] JPEG_END = {(byte) 0xff, (byte) 0xd9};

    /** How many trailing bytes {@link #requireComplete} needs to see. */
    static final int TAIL_LENGTH = Math.max(PNG_END.length, JPEG_END.length);

    private ImageEndings() {}

    /** @param tail the last bytes of the image: at most {@link #TAIL_LENGTH}, fewer only if the image is shorter */
    static void requireComplete(ImageFormat format, byte[] tail) {
        byte[] end = format == ImageFormat.PNG ? PNG_END : JPEG_END;
        boolean complete = tail.length >= end.length
                && Arrays.equals(tail, tail.length - end.length, tail.length, end, 0, end.length);
        if (!complete) {
            String what = format == ImageFormat.PNG ? "an IEND chunk" : "the EOI marker FF D9";
            throw new ITwinValidationException(
                    "body", "the " + format + " image is truncated: it does not end with " + what);
        }
    }

    static byte[] tailOf(byte[] image) {
        return Arrays.copyOfRange(image, Math.max(0, image.length - TAIL_LENGTH), image.length);
    }
}
