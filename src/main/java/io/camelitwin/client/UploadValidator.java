package io.camelitwin.client;

/**
 * Checks an upload the way the platform would, before anything is sent: PNG or JPEG by magic bytes, not truncated,
 * at most {@link #MAX_BYTES}, a declared content type that matches the bytes, and for iTwin images a width/height ratio
 * of at most {@link #MAX_ASPECT_RATIO}.
 */
public final class UploadValidator {

    /** 5 MB, the platform's limit for both iTwin images and iModel thumbnails. */
    public static final long MAX_BYTES = 5L * 1024 * 1024;

    /** Neither side of an iTwin image may be more than this many times the other. */
    public static final int MAX_ASPECT_RATIO = 5;

    private UploadValidator() {
    }

    /** @throws ITwinValidationException naming what is wrong */
    public static ValidatedUpload validate(ImageContent content, UploadTarget target) {
        throw new UnsupportedOperationException("pending");
    }
}
