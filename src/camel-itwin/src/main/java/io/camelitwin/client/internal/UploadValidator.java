package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.model.ImageContent;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks an upload the way the platform would, before anything is sent: PNG or JPEG by magic bytes, not truncated,
 * at most {@link #MAX_BYTES}, a declared content type that matches the bytes, and for iTwin images a width/height ratio
 * of at most {@link #MAX_ASPECT_RATIO}.
 */
public final class UploadValidator {

    /** 5 MB, the platform's limit for both iTwin images and iModel thumbnails. */
    public static final long MAX_BYTES = 5L * 1024 * 1024;

    /** Neither side of an iTwin image may be more than this many times the other. */
    public static final int MAX_ASPECT_RATIO = 5;

    private UploadValidator() {}

    /**
     * Files and streams of known length are inspected in place: a file (or reopenable content) is opened again for
     * every body and read through to its end before anything is sent, a stream is handed back positioned at its first
     * byte and fails its reads if it holds more or fewer bytes than declared (its end is only seen while sending).
     * Streams of unknown length are read into memory, at most {@code MAX_BYTES + 1} bytes of them.
     *
     * @throws ITwinValidationException naming what is wrong
     * @throws UncheckedIOException     when the file or stream cannot be read
     */
    public static ValidatedUpload validate(ImageContent content, UploadTarget target) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(target, "target");
        try {
            if (content instanceof ImageContent.Bytes bytes) {
                return validateBytes(bytes.bytes(), bytes.declaredType(), target);
            }
            if (content instanceof ImageContent.File file) {
                return validateFile(file.path(), file.declaredType(), target);
            }
            if (content instanceof ImageContent.Reopenable reopenable) {
                return validateReopenable(reopenable, target);
            }
            ImageContent.Stream stream = (ImageContent.Stream) content;
            return stream.length() < 0
                    ? validateBytes(readAtMostOneByteTooMany(stream.stream()), stream.declaredType(), target)
                    : validateStream(stream, target);
        } catch (LengthCheckedInputStream.LengthMismatchException e) {
            throw new ITwinValidationException("body", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the image: " + e.getMessage(), e);
        }
    }

    private static ValidatedUpload validateBytes(byte[] bytes, String declaredType, UploadTarget target)
            throws IOException {
        requireSize(bytes.length);
        ImageInfo info = ImageHeaders.read(new ByteArrayInputStream(bytes));
        ImageEndings.requireComplete(info.format(), ImageEndings.tailOf(bytes));
        requireAccepted(info, declaredType, target);
        return new ValidatedUpload(info, bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    private static ValidatedUpload validateFile(Path file, String declaredType, UploadTarget target)
            throws IOException {
        long length = Files.size(file);
        requireSize(length);
        ImageInfo info;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            info = ImageHeaders.read(in);
        }
        ImageEndings.requireComplete(info.format(), readTail(file));
        requireAccepted(info, declaredType, target);
        return new ValidatedUpload(info, length, () -> open(file));
    }

    private static ValidatedUpload validateReopenable(ImageContent.Reopenable content, UploadTarget target)
            throws IOException {
        long length = content.length();
        requireSize(length);
        ImageInfo info;
        try (InputStream in = new BufferedInputStream(open(content))) {
            info = ImageHeaders.read(in);
        }
        try (InputStream in = open(content)) {
            in.skipNBytes(Math.max(0, length - ImageEndings.TAIL_LENGTH));
            ImageEndings.requireComplete(info.format(), in.readAllBytes());
        } catch (EOFException e) {
            throw new ITwinValidationException("body", "the image ended before its declared " + length + " bytes");
        }
        requireAccepted(info, content.declaredType(), target);
        return new ValidatedUpload(info, length, () -> open(content));
    }

    private static InputStream open(ImageContent.Reopenable content) {
        return new LengthCheckedInputStream(content.open().get(), content.length());
    }

    private static ValidatedUpload validateStream(ImageContent.Stream stream, UploadTarget target) throws IOException {
        long length = stream.length();
        requireSize(length);
        // the stream's end is only seen while sending, so it checks its own length instead of an end-marker check
        BufferedInputStream in = new BufferedInputStream(new LengthCheckedInputStream(stream.stream(), length));
        // a JPEG's frame header may follow megabytes of EXIF, and all of it must be replayable
        in.mark((int) MAX_BYTES + 1);
        ImageInfo info = ImageHeaders.read(in);
        in.reset();
        requireAccepted(info, stream.declaredType(), target);
        return new ValidatedUpload(info, length, () -> in);
    }

    private static byte[] readAtMostOneByteTooMany(InputStream stream) throws IOException {
        byte[] bytes = stream.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge("more than " + MAX_BYTES);
        }
        return bytes;
    }

    private static void requireSize(long length) {
        if (length == 0) {
            throw new ITwinValidationException("body", "the image is empty");
        }
        if (length > MAX_BYTES) {
            throw tooLarge(Long.toString(length));
        }
    }

    private static ITwinValidationException tooLarge(String size) {
        return new ITwinValidationException(
                "body", "the image is " + size + " bytes; the platform accepts at most " + MAX_BYTES + " bytes (5 MB)");
    }

    private static void requireAccepted(ImageInfo info, String declaredType, UploadTarget target) {
        DeclaredType.requireMatches(declaredType, info.format());
        if (target == UploadTarget.ITWIN_IMAGE) {
            requireAspectRatio(info);
        }
    }

    private static void requireAspectRatio(ImageInfo info) {
        long longer = Math.max(info.width(), info.height());
        long shorter = Math.min(info.width(), info.height());
        if (longer > shorter * MAX_ASPECT_RATIO) {
            DecimalFormat ratio = new DecimalFormat("0.0#", DecimalFormatSymbols.getInstance(Locale.ROOT));
            throw new ITwinValidationException(
                    "body",
                    info.width() + "x" + info.height() + " is "
                            + ratio.format((double) longer / shorter) + ":1; the platform accepts at most "
                            + MAX_ASPECT_RATIO + ":1");
        }
    }

    private static byte[] readTail(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(ImageEndings.TAIL_LENGTH, size));
            channel.position(size - tail.capacity());
            while (tail.hasRemaining()) {
                if (channel.read(tail) < 0) {
                    break;
                }
            }
            byte[] bytes = new byte[tail.position()];
            tail.flip().get(bytes);
            return bytes;
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the image file " + file, e);
        }
    }
}
