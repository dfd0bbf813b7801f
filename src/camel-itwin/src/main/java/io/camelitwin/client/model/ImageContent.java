package io.camelitwin.client.model;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An image to upload, in the form the caller has it. Files and streams of known length are streamed to the platform;
 * nothing is read before the client has checked it the way the platform would (format, size, completeness, declared
 * type, and for iTwin images the aspect ratio).
 */
public sealed interface ImageContent {

    /**
     * The media type the caller declared (a {@code Content-Type}), or null, or one that says nothing about the format
     * ({@code application/octet-stream}), to detect it from the bytes.
     */
    String declaredType();

    static ImageContent of(byte[] bytes, String declaredType) {
        return new Bytes(bytes, declaredType);
    }

    static ImageContent of(Path file, String declaredType) {
        return new File(file, declaredType);
    }

    /** A stream; {@code length} is -1 when unknown. The stream is read once and closed by the client. */
    static ImageContent of(InputStream stream, long length, String declaredType) {
        return new Stream(stream, length, declaredType);
    }

    /**
     * Content that can be opened again, each time from its first byte, e.g. a copy cached on disk: read through for
     * every check (its end included) before anything is sent, and opened again for each attempt. {@code open}
     * returns a new stream, or the same one reset to its start; {@code length} is known.
     */
    static ImageContent of(Supplier<InputStream> open, long length, String declaredType) {
        return new Reopenable(open, length, declaredType);
    }

    record Bytes(byte[] bytes, String declaredType) implements ImageContent {
        public Bytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String toString() {
            return "ImageContent.Bytes[length=" + bytes.length + ", declaredType=" + declaredType + "]";
        }
    }

    record File(Path path, String declaredType) implements ImageContent {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    record Stream(InputStream stream, long length, String declaredType) implements ImageContent {
        public Stream {
            Objects.requireNonNull(stream, "stream");
        }
    }

    record Reopenable(Supplier<InputStream> open, long length, String declaredType) implements ImageContent {
        public Reopenable {
            Objects.requireNonNull(open, "open");
            if (length < 0) {
                throw new IllegalArgumentException("the length of reopenable content must be known");
            }
        }
    }
}
