package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Recognises PNG and JPEG by their magic bytes and reads their dimensions from the header alone, without decoding a
 * pixel. Anything else is refused, named when it is a format people commonly try (GIF, WebP, ...).
 */
final class ImageHeaders {

    /** Enough bytes to tell every recognised format apart (WebP needs 12). */
    private static final int SNIFF_LENGTH = 12;

    private ImageHeaders() {}

    /**
     * Reads the format and dimensions from the start of {@code in}, consuming only as much of it as the header needs
     * (for a JPEG, up to its frame header).
     *
     * @throws ITwinValidationException (field {@code body}) when the bytes are not a PNG or JPEG, or the header is
     *                                  corrupt or ends early
     * @throws IOException              when reading {@code in} fails
     */
    public static ImageInfo read(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, SNIFF_LENGTH);
        byte[] head = pushback.readNBytes(SNIFF_LENGTH);
        pushback.unread(head);
        ImageFormat format = detect(head);
        DataInputStream data = new DataInputStream(pushback);
        try {
            return format == ImageFormat.PNG ? PngHeader.read(data) : JpegHeader.read(data);
        } catch (EOFException e) {
            throw new ITwinValidationException(
                    "body", "the " + format + " header ends early: the image is truncated or corrupt");
        }
    }

    /** The accepted format whose signature {@code head} starts with. */
    static ImageFormat detect(byte[] head) {
        if (startsWith(head, PngHeader.SIGNATURE)) {
            return ImageFormat.PNG;
        }
        if (startsWith(head, JpegHeader.SIGNATURE)) {
            return ImageFormat.JPEG;
        }
        String refused = refusedFormatName(head);
        if (refused != null) {
            throw new ITwinValidationException("body", refused + " images are not accepted; use PNG or JPEG");
        }
        throw new ITwinValidationException(
                "body",
                "the body is not a PNG or JPEG image; it starts with " + (looksLikeText(head) ? "text" : hex(head)));
    }

    /** Whether {@code bytes} start like a PNG or a JPEG, the only images the platform stores. */
    static boolean startsLikeAnImage(byte[] bytes) {
        return startsWith(bytes, PngHeader.SIGNATURE) || startsWith(bytes, JpegHeader.SIGNATURE);
    }

    private static String refusedFormatName(byte[] head) {
        if (startsWithAscii(head, 0, "GIF8")) {
            return "GIF";
        }
        if (startsWithAscii(head, 0, "RIFF") && startsWithAscii(head, 8, "WEBP")) {
            return "WebP";
        }
        if (startsWithAscii(head, 0, "BM")) {
            return "BMP";
        }
        if (startsWithAscii(head, 0, "II*\0") || startsWithAscii(head, 0, "MM\0*")) {
            return "TIFF";
        }
        if (startsWithAscii(head, 4, "ftypheic") || startsWithAscii(head, 4, "ftypheix")) {
            return "HEIC";
        }
        if (startsWithAscii(head, 4, "ftypavif")) {
            return "AVIF";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithAscii(byte[] head, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (head[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeText(byte[] head) {
        for (byte b : head) {
            boolean printable = b >= 0x20 && b < 0x7f;
            boolean whitespace = b == '\t' || b == '\n' || b == '\r';
            if (!printable && !whitespace) {
                return false;
            }
        }
        return head.length > 0;
    }

    private static String hex(byte[] head) {
        StringBuilder text = new StringBuilder();
        for (byte b : head) {
            text.append(text.length() == 0 ? "" : " ").append(String.format("%02X", b & 0xff));
        }
        return text.toString();
    }
}
