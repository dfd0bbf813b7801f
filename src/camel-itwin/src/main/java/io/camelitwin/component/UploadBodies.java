package io.camelitwin.component;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.model.ImageContent;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * Turns what a route hands over into an {@link ImageContent} without reading it: files stay files (streamed from disk),
 * a stream cache is opened again for each reading, other streams stay streams (with their length when a header tells
 * it), byte arrays are used as they are.
 */
final class UploadBodies {

    /**
     * Headers that Camel consumers set to the length of the body they produce (file:, aws2-s3:). Content-Length is not
     * among them: after a transformation it may describe a body that is no longer there.
     */
    private static final String[] LENGTH_HEADERS = {Exchange.FILE_LENGTH, "CamelAwsS3ContentLength"};

    private UploadBodies() {}

    static ImageContent toImageContent(Exchange exchange) {
        Message in = exchange.getMessage();
        String declaredType = declaredType(in);
        Object body = in.getBody();
        if (body instanceof WrappedFile<?> wrapped && wrapped.getFile() instanceof File file) {
            return ImageContent.of(file.toPath(), declaredType);
        }
        if (body instanceof File file) {
            return ImageContent.of(file.toPath(), declaredType);
        }
        if (body instanceof Path path) {
            return ImageContent.of(path, declaredType);
        }
        if (body instanceof byte[] bytes) {
            return ImageContent.of(bytes, declaredType);
        }
        if (body instanceof StreamCache cache && body instanceof InputStream cached) {
            // a cached copy (in memory or spooled to disk) can be read through before sending, its end checked too
            long length = knownLength(in);
            return ImageContent.of(
                    () -> {
                        cache.reset();
                        return cached;
                    },
                    length >= 0 ? length : cache.length(),
                    declaredType);
        }
        if (body == null) {
            throw new ITwinValidationException("body", "the message has no body: nothing to upload");
        }
        InputStream stream = exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, body);
        if (stream == null) {
            throw new ITwinValidationException(
                    "body",
                    "cannot upload a body of type " + body.getClass().getName()
                            + "; use byte[], InputStream, File or Path");
        }
        return ImageContent.of(stream, knownLength(in), declaredType);
    }

    private static String declaredType(Message in) {
        String type = in.getHeader(ITwinConstants.CONTENT_TYPE, String.class);
        if (type == null) {
            type = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        }
        return type;
    }

    private static long knownLength(Message in) {
        for (String header : LENGTH_HEADERS) {
            Long length = in.getHeader(header, Long.class);
            if (length != null && length >= 0) {
                return length;
            }
        }
        return -1;
    }
}
