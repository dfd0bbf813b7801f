package io.camelitwin.emulator;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** iTwin images and the blobs behind their links: the original as uploaded and a generated small rendition. */
final class ImageStore {

    static final String SMALL_CONTAINER = "context-thumbnails";
    static final String LARGE_CONTAINER = "context-images";
    static final int SMALL_MAX_WIDTH = 400;
    static final int SMALL_MAX_HEIGHT = 250;

    record Blob(byte[] bytes, String contentType) {}

    record StoredImage(String id, String smallName, String largeName) {}

    private final Map<String, StoredImage> byITwin = new ConcurrentHashMap<>();
    private final Map<String, Blob> blobs = new ConcurrentHashMap<>();

    /** Every upload gets new names: clients use them as cache keys that change exactly when the image changes. */
    StoredImage store(String iTwinId, byte[] original, ImageType type, BufferedImage decoded) {
        String id = UUID.randomUUID().toString();
        byte[] small = ImageProcessing.fitWithin(decoded, SMALL_MAX_WIDTH, SMALL_MAX_HEIGHT, type);
        StoredImage image =
                new StoredImage(id, "small_" + id + "." + type.extension(), "large_" + id + "." + type.extension());
        restore(iTwinId, image, new Blob(small, type.mediaType()), new Blob(original.clone(), type.mediaType()));
        return image;
    }

    void restore(String iTwinId, StoredImage image, Blob small, Blob large) {
        blobs.put(key(SMALL_CONTAINER, image.smallName()), small);
        blobs.put(key(LARGE_CONTAINER, image.largeName()), large);
        removeBlobs(byITwin.put(iTwinId, image));
    }

    Optional<StoredImage> find(String iTwinId) {
        return Optional.ofNullable(byITwin.get(iTwinId));
    }

    boolean delete(String iTwinId) {
        StoredImage removed = byITwin.remove(iTwinId);
        removeBlobs(removed);
        return removed != null;
    }

    Optional<Blob> blob(String container, String name) {
        return Optional.ofNullable(blobs.get(key(container, name)));
    }

    Optional<Blob> small(String iTwinId) {
        return find(iTwinId).flatMap(image -> blob(SMALL_CONTAINER, image.smallName()));
    }

    Optional<Blob> large(String iTwinId) {
        return find(iTwinId).flatMap(image -> blob(LARGE_CONTAINER, image.largeName()));
    }

    Map<String, StoredImage> all() {
        return Map.copyOf(byITwin);
    }

    private void removeBlobs(StoredImage image) {
        if (image != null) {
            blobs.remove(key(SMALL_CONTAINER, image.smallName()));
            blobs.remove(key(LARGE_CONTAINER, image.largeName()));
        }
    }

    private static String key(String container, String name) {
        return container + "/" + name;
    }
}
