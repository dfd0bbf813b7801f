package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.model.ImageContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated upload as a request body that is streamed, never loaded into memory, with a known Content-Length. Owns
 * every stream it opens and closes them all, also when a request is abandoned half-way.
 */
public final class UploadBody implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadBody.class);
    private static final int WRITE_CHUNK = 64 * 1024;

    private final ImageContent content;
    private final ValidatedUpload upload;
    private final Queue<InputStream> opened = new ConcurrentLinkedQueue<>();

    private UploadBody(ImageContent content, ValidatedUpload upload) {
        this.content = content;
        this.upload = upload;
    }

    /** @throws ITwinValidationException before anything is sent */
    public static UploadBody validate(ImageContent content, UploadTarget target) {
        return new UploadBody(content, UploadValidator.validate(content, target));
    }

    String mediaType() {
        return upload.mediaType();
    }

    long length() {
        return upload.length();
    }

    /** Bytes and files can be opened again for a second attempt; a caller's stream can be read only once. */
    boolean replayable() {
        return !(content instanceof ImageContent.Stream);
    }

    /**
     * The body as an entity that opens the content each time it is written, i.e. once per attempt. It declares no
     * content type: the request carries its own {@code Content-Type} header.
     */
    HttpEntity entity() {
        return new AbstractHttpEntity((String) null, null) {
            @Override
            public InputStream getContent() {
                return open();
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = open()) {
                    // chunks larger than HttpClient's session buffer go to the socket directly, in fewer writes
                    byte[] chunk = new byte[WRITE_CHUNK];
                    for (int read; (read = in.read(chunk)) >= 0; ) {
                        out.write(chunk, 0, read);
                    }
                }
            }

            @Override
            public long getContentLength() {
                return upload.length();
            }

            @Override
            public boolean isRepeatable() {
                return replayable();
            }

            @Override
            public boolean isStreaming() {
                return false;
            }

            @Override
            public void close() {
                // the streams it opened are closed by UploadBody.close()
            }
        };
    }

    /** Whether the body is exactly these bytes; reads the content once, so a caller's stream is spent. */
    public boolean hasBytes(byte[] expected) {
        if (upload.length() != expected.length) {
            return false;
        }
        try (InputStream in = open()) {
            byte[] chunk = new byte[WRITE_CHUNK];
            int compared = 0;
            for (int read; (read = in.readNBytes(chunk, 0, chunk.length)) > 0; compared += read) {
                if (compared + read > expected.length
                        || !Arrays.equals(chunk, 0, read, expected, compared, compared + read)) {
                    return false;
                }
            }
            return compared == expected.length;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the image to compare it", e);
        }
    }

    private InputStream open() {
        InputStream stream = upload.body().get();
        opened.add(stream);
        return stream;
    }

    @Override
    public void close() {
        opened.forEach(UploadBody::closeQuietly);
        // the caller handed its stream over; close it even if no attempt ever opened it (an interrupted wait)
        if (content instanceof ImageContent.Stream stream) {
            closeQuietly(stream.stream());
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing an upload body failed: {}", e.toString());
        }
    }
}
