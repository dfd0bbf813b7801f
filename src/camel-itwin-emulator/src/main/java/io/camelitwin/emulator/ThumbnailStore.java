package io.camelitwin.emulator;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** iModel thumbnails, kept as the two PNG renditions the API serves (a JPEG upload is stored as PNG too). */
final class ThumbnailStore {

    private final Map<String, Map<ThumbnailSize, byte[]>> byIModel = new ConcurrentHashMap<>();
    private final Map<ThumbnailSize, byte[]> placeholders = new EnumMap<>(ThumbnailSize.class);

    ThumbnailStore() {
        for (ThumbnailSize size : ThumbnailSize.values()) {
            placeholders.put(size, ImageProcessing.placeholderPng(size.width(), size.height()));
        }
    }

    void store(String iModelId, BufferedImage decoded) {
        Map<ThumbnailSize, byte[]> renditions = new EnumMap<>(ThumbnailSize.class);
        for (ThumbnailSize size : ThumbnailSize.values()) {
            renditions.put(size, ImageProcessing.letterboxPng(decoded, size.width(), size.height()));
        }
        byIModel.put(iModelId, renditions);
    }

    void restore(String iModelId, Map<ThumbnailSize, byte[]> renditions) {
        byIModel.put(iModelId, new EnumMap<>(renditions));
    }

    /** The uploaded rendition, if any. */
    Optional<byte[]> uploaded(String iModelId, ThumbnailSize size) {
        return Optional.ofNullable(byIModel.get(iModelId)).map(renditions -> renditions.get(size));
    }

    byte[] served(String iModelId, ThumbnailSize size) {
        return uploaded(iModelId, size).orElse(placeholders.get(size));
    }

    Map<String, Map<ThumbnailSize, byte[]>> all() {
        return Map.copyOf(byIModel);
    }
}
