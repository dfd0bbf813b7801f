package io.camelitwin.emulator;

/** The two image formats the platform accepts, recognised by their first bytes rather than by what the caller says. */
enum ImageType {
    PNG("image/png", "png", "png"),
    JPEG("image/jpeg", "jpeg", "jpeg");

    private final String mediaType;
    private final String extension;
    private final String imageIoName;

    ImageType(String mediaType, String extension, String imageIoName) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.imageIoName = imageIoName;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    String imageIoName() {
        return imageIoName;
    }

    static ImageType ofMediaType(String mediaType) {
        for (ImageType type : values()) {
            if (type.mediaType.equals(mediaType)) {
                return type;
            }
        }
        return null;
    }

    static ImageType sniff(byte[] bytes) {
        if (startsWith(bytes, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        return startsWith(bytes, 0xFF, 0xD8, 0xFF) ? JPEG : null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
