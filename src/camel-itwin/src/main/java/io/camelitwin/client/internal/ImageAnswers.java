package io.camelitwin.client.internal;

/**
 * The success answers that must be an image: an iModel thumbnail, the bytes behind a signed image URL. A {@code 200}
 * with something else (a proxy's HTML page, a JSON document, an empty body) is not the platform's answer, and taken as
 * image bytes it would be handed on as the image; it is the client's unexpected answer instead, a transient failure.
 */
public final class ImageAnswers {

    private ImageAnswers() {}

    /** The body when it starts like a PNG or JPEG; otherwise the unexpected answer, naming the declared type only. */
    public static byte[] requireImage(PlatformResponse response, String context) {
        byte[] body = response.body();
        if (body != null && ImageHeaders.startsLikeAnImage(body)) {
            return body;
        }
        // the body itself is not quoted: a page from a proxy may echo the request, signature included
        String declared = response.mediaType() == null ? "no Content-Type" : "Content-Type " + response.mediaType();
        String what = body == null || body.length == 0
                ? "an empty body"
                : "a body that is not a PNG or JPEG image (" + declared + ")";
        throw JsonMapping.unexpected(response.statusCode(), context, what);
    }
}
