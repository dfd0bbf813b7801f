package io.camelitwin.client.internal;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.MessageHeaders;

/**
 * A successful answer as {@link PlatformHttp} hands it over: status line, headers (HttpCore's, looked up without regard
 * to case) and body.
 */
public record PlatformResponse(int statusCode, MessageHeaders headers, byte[] body) {

    /** The first value of the header; null when the answer has none. */
    public String header(String name) {
        return firstValue(headers, name);
    }

    /** The media type the server declared, without parameters; null when it sent none. */
    public String mediaType() {
        return MediaTypes.withoutParameters(header("Content-Type"));
    }

    static String firstValue(MessageHeaders headers, String name) {
        Header header = headers.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }
}
