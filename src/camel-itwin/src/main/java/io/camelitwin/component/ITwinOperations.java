package io.camelitwin.component;

/** What an {@code itwin:} endpoint does: the producer operations, and the one consumer. */
public enum ITwinOperations {
    getImage,
    uploadImage,
    deleteImage,
    downloadImage,
    getThumbnail,
    uploadThumbnail,
    getGraphics,
    listITwins,
    /** Consumer only: polls for iTwin images that were added, changed or removed. */
    imageChanges;

    public boolean isConsumer() {
        return this == imageChanges;
    }
}
