package io.camelitwin.client.internal;

import io.camelitwin.client.error.ITwinValidationException;
import java.util.Set;

/** The Content-Type a caller declared for an image, held against what the bytes turned out to be. */
final class DeclaredType {

    private DeclaredType() {}

    /** Types that say nothing about the format (a store's or a transport's default): the bytes decide. */
    private static final Set<String> UNDECLARED_TYPES = Set.of("application/octet-stream", "binary/octet-stream");

    /** A null or blank declaration, or one that says nothing about the format, means "whatever the bytes are". */
    public static void requireMatches(String declaredType, ImageFormat detected) {
        String mediaType = MediaTypes.withoutParameters(declaredType);
        if (mediaType == null || UNDECLARED_TYPES.contains(mediaType)) {
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

    private static ImageFormat formatOf(String mediaType) {
        return switch (mediaType) {
            case "image/png" -> ImageFormat.PNG;
            case "image/jpeg", "image/jpg" -> ImageFormat.JPEG;
            default -> null;
        };
    }
}
