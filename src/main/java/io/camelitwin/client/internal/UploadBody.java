package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.internal.image.UploadValidator;
import io.camelitwin.client.model.ImageContent;
import io.camelitwin.client.model.UploadTarget;
import io.camelitwin.client.model.ValidatedUpload;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validated upload as a request body that is streamed, never loaded into memory, with a known Content-Length. Owns
 * every stream it opens and closes them all, also when a request is abandoned half-way.
 */
public final class UploadBody implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadBody.class);

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

    /** A publisher that opens the body each time the HTTP client subscribes, i.e. once per attempt. */
    BodyPublisher publisher() {
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(this::open), upload.length());
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
