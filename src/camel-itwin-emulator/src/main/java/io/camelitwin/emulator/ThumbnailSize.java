package io.camelitwin.emulator;

/** The two renditions of an iModel thumbnail. */
public enum ThumbnailSize {
    SMALL(400, 250),
    LARGE(800, 500);

    private final int width;
    private final int height;

    ThumbnailSize(int width, int height) {
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
