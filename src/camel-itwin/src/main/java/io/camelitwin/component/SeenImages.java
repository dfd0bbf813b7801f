package io.camelitwin.component;

import org.apache.camel.spi.StateRepository;

/**
 * What the consumer last delivered for each iTwin, kept in a Camel {@link StateRepository} (iTwin id to small image
 * name) so that it survives restarts and can be shared. An iTwin seen without an image is recorded as {@link #NONE},
 * so that its removal is not reported twice. One more entry, {@link #BASELINE_KEY}, says that a first poll has been
 * through, so that {@link StartFrom} applies only to a state that has never been used.
 *
 * <p>Queries ({@link #isKnown}, {@link #changeOf}, {@link #previous}) never change the state; only the
 * {@code record...} methods do.
 */
final class SeenImages {

    /** Not a possible image name (names are file names with an extension). */
    static final String NONE = "-";
    /** Not a possible iTwin id (ids are GUIDs): present once a poll has recorded every watched iTwin. */
    static final String BASELINE_KEY = "baseline";

    private final StateRepository<String, String> repository;

    SeenImages(StateRepository<String, String> repository) {
        this.repository = repository;
    }

    /** Whether anything was ever recorded for this iTwin. */
    boolean isKnown(String iTwinId) {
        return repository.getState(iTwinId) != null;
    }

    /**
     * What changed for this iTwin since it was last recorded, or null when nothing did. An iTwin never recorded counts
     * as one that had no image.
     */
    ImageChange.ChangeType changeOf(String iTwinId, String currentName) {
        String previous = previous(iTwinId);
        if (currentName == null) {
            return previous == null ? null : ImageChange.ChangeType.removed;
        }
        if (previous == null) {
            return ImageChange.ChangeType.added;
        }
        return previous.equals(currentName) ? null : ImageChange.ChangeType.changed;
    }

    /** The small image name last recorded for this iTwin; null when none was, or the iTwin had no image. */
    String previous(String iTwinId) {
        String previous = repository.getState(iTwinId);
        return NONE.equals(previous) ? null : previous;
    }

    void record(String iTwinId, String imageName) {
        repository.setState(iTwinId, imageName == null ? NONE : imageName);
    }

    boolean hasBaseline() {
        return repository.getState(BASELINE_KEY) != null;
    }

    void recordBaseline() {
        repository.setState(BASELINE_KEY, "recorded");
    }
}
