package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.model.ImageFormat;
import java.util.Locale;

/** The Content-Type a caller declared for an image, held against what the bytes turned out to be. */
public final class DeclaredType {

    private DeclaredType() {}

    /** A null or blank declaration means "whatever the bytes are". */
    public static void requireMatches(String declaredType, ImageFormat detected) {
        String mediaType = normalise(declaredType);
        if (mediaType.isEmpty()) {
            return;
        }
        ImageFormat declared = formatOf(mediaType);
        if (declared == null) {
            throw new ITwinValidationException(
                    "contentType",
                    "content type " + Ids.shown(mediaType) + " is not accepted; use image/png or image/jpeg");
        }
        if (declared != detected) {
            throw new ITwinValidationException(
                    "contentType",
                    "the content type says " + mediaType + " but the bytes are a " + detected + " image ("
                            + detected.mediaType() + ")");
        }
    }

    private static String normalise(String declaredType) {
        if (declaredType == null) {
            return "";
        }
        int parameters = declaredType.indexOf(';');
        String mediaType = parameters < 0 ? declaredType : declaredType.substring(0, parameters);
        return mediaType.trim().toLowerCase(Locale.ROOT);
    }

    private static ImageFormat formatOf(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> ImageFormat.PNG;
            case "image/jpeg", "image/jpg" -> ImageFormat.JPEG;
            default -> null;
        };
    }
}
