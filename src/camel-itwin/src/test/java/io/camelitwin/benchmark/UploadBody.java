package io.camelitwin.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.camel.component.file.FileConsumer;
import org.apache.camel.component.file.GenericFile;

/**
 * How each variant is handed a file to upload, chosen with {@code -Dbenchmark.body}: {@code file} (the default: the
 * file itself, which every variant streams from disk), {@code generic-file} (the file as Camel's file consumer hands
 * it over, a {@link GenericFile}) or {@code stream} (an open stream of unknown length, as an S3 object or a message
 * body arrives in a route). The JDK loop streams the file, or the stream for {@code stream}.
 */
enum UploadBody {
    FILE,
    GENERIC_FILE,
    STREAM;

    static UploadBody chosen() {
        return valueOf(System.getProperty("benchmark.body", "file")
                .toUpperCase(Locale.ROOT)
                .replace('-', '_'));
    }

    /** The body for a Camel variant: a file, or a stream the caller closes. */
    Object open(Path file) throws IOException {
        return switch (this) {
            case FILE -> file.toFile();
            case GENERIC_FILE -> FileConsumer.asGenericFile(file.getParent().toString(), file.toFile(), null, false);
            case STREAM -> Files.newInputStream(file);
        };
    }

    /** The same file opened again, for a client that asks for the stream itself. */
    static InputStream reopen(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void close(Object body) throws IOException {
        if (body instanceof InputStream stream) {
            stream.close();
        }
    }
}
