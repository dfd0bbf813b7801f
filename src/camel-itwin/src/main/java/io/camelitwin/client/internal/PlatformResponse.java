package io.camelitwin.client.internal;

import java.net.http.HttpHeaders;

/** A successful answer as {@link PlatformHttp} hands it over: status line, headers and body. */
public record PlatformResponse(int statusCode, HttpHeaders headers, byte[] body) {

    /** The media type the server declared, without parameters; null when it sent none. */
    public String mediaType() {
        return headers.firstValue("Content-Type")
                .map(value -> value.split(";", 2)[0].trim())
                .filter(value -> !value.isEmpty())
                .orElse(null);
    }
}
