package io.camelitwin.component;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

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

    private static final Set<ITwinOperations> PRODUCER_OPERATIONS =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(imageChanges)));

    public boolean isConsumer() {
        return this == imageChanges;
    }

    /** Every operation a producer performs, in declaration order: every operation but the consumer's. */
    public static Set<ITwinOperations> producerOperations() {
        return PRODUCER_OPERATIONS;
    }

    /** The producer operation of exactly this name, if there is one. */
    public static Optional<ITwinOperations> producerOperation(String name) {
        return PRODUCER_OPERATIONS.stream()
                .filter(operation -> operation.name().equals(name))
                .findFirst();
    }
}
