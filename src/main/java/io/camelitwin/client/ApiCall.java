package io.camelitwin.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation's request, as {@link PlatformHttp} sends it.
 *
 * @param authenticated    false for signed URLs: no bearer token, no rate-limit permit (blob storage is not the API)
 * @param followRedirects  whether a redirect to a {@link TrustedDestinations trusted} host is followed
 */
record ApiCall(String operation, String method, URI uri, String accept, Map<String, String> headers, UploadBody body,
               boolean authenticated, boolean followRedirects) {

    static ApiCall api(String operation, String method, URI uri, String accept) {
        return new ApiCall(operation, method, uri, accept, Map.of(), null, true, false);
    }

    static ApiCall signedUrl(String operation, URI uri) {
        return new ApiCall(operation, "GET", uri, null, Map.of(), null, false, false);
    }

    ApiCall withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiCall(operation, method, uri, accept, Map.copyOf(more), body, authenticated, followRedirects);
    }

    ApiCall withBody(UploadBody upload) {
        return new ApiCall(operation, method, uri, accept, headers, upload, authenticated, followRedirects)
                .withHeader("Content-Type", upload.mediaType());
    }

    ApiCall followingRedirects() {
        return new ApiCall(operation, method, uri, accept, headers, body, authenticated, true);
    }

    boolean replayable() {
        return body == null || body.replayable();
    }
}
