package io.camelitwin.client.model;

/** The image formats the platform accepts. */
public enum ImageFormat {
    PNG("image/png"),
    JPEG("image/jpeg");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
