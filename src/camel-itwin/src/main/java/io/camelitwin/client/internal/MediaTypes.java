package io.camelitwin.client.internal;

import java.util.Locale;

/** Reads the media type out of a {@code Content-Type} value, for the answers the client reads and the uploads it checks. */
final class MediaTypes {

    private MediaTypes() {}

    /**
     * The media type without its parameters, lower-cased; null when there is none. The parameters are not parsed:
     * HttpCore's {@code ContentType.parse} (and its lenient form) throws on a charset name it cannot read, and a
     * caller's header must not be able to fail an upload that way.
     */
    public static String withoutParameters(String contentType) {
        if (contentType == null) {
            return null;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaType.isEmpty() ? null : mediaType.toLowerCase(Locale.ROOT);
    }
}
