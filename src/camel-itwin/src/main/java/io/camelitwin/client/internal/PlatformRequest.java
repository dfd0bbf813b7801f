package io.camelitwin.client.internal;

import io.camelitwin.client.Redaction;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation's request, as {@link PlatformHttp} sends it.
 *
 * @param authenticated    false for signed URLs: no bearer token, no rate-limit permit (blob storage is not the API)
 * @param followRedirects  whether a redirect to a {@link TrustedDestinations trusted} host is followed
 */
public record PlatformRequest(
        String operation,
        String method,
        URI uri,
        String accept,
        Map<String, String> headers,
        UploadBody body,
        boolean authenticated,
        boolean followRedirects) {

    public static PlatformRequest api(String operation, String method, URI uri, String accept) {
        return new PlatformRequest(operation, method, uri, accept, Map.of(), null, true, false);
    }

    public static PlatformRequest signedUrl(String operation, URI uri) {
        return new PlatformRequest(operation, "GET", uri, null, Map.of(), null, false, false);
    }

    public PlatformRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new PlatformRequest(
                operation, method, uri, accept, Map.copyOf(more), body, authenticated, followRedirects);
    }

    public PlatformRequest withBody(UploadBody upload) {
        return new PlatformRequest(operation, method, uri, accept, headers, upload, authenticated, followRedirects)
                .withHeader("Content-Type", upload.mediaType());
    }

    public PlatformRequest followingRedirects() {
        return new PlatformRequest(operation, method, uri, accept, headers, body, authenticated, true);
    }

    boolean replayable() {
        return body == null || body.replayable();
    }

    /** A signed URL's query is its credential, and headers may carry one: neither is shown. */
    @Override
    public String toString() {
        return "PlatformRequest[" + operation + " " + method + " " + Redaction.redactUrl(String.valueOf(uri)) + "]";
    }
}
