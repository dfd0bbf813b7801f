package io.camelitwin.component;

import org.apache.camel.spi.StateRepository;

/**
 * What the consumer last delivered for each iTwin, kept in a Camel {@link StateRepository} (iTwin id to small image
 * name) so that it survives restarts and can be shared. An iTwin seen without an image is recorded as {@link #NONE},
 * so that its removal is not reported twice. One more entry, {@link #BASELINE_KEY}, says that a first poll has been
 * through, so that {@link StartFrom} applies only to a state that has never been used.
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

    /**
     * What changed for this iTwin since it was last recorded, or null when nothing did. An iTwin never seen before is
     * reported as added only when {@code reportUnseen}; otherwise it is recorded silently.
     */
    ImageChange.ChangeType compare(String iTwinId, String currentName, boolean reportUnseen) {
        String previous = repository.getState(iTwinId);
        if (previous == null && !reportUnseen) {
            record(iTwinId, currentName);
            return null;
        }
        boolean hadImage = previous != null && !NONE.equals(previous);
        if (currentName == null) {
            return hadImage ? ImageChange.ChangeType.removed : recordedAsNone(iTwinId, previous);
        }
        if (!hadImage) {
            return ImageChange.ChangeType.added;
        }
        return previous.equals(currentName) ? null : ImageChange.ChangeType.changed;
    }

    boolean hasBaseline() {
        return repository.getState(BASELINE_KEY) != null;
    }

    void recordBaseline() {
        repository.setState(BASELINE_KEY, "recorded");
    }

    String previous(String iTwinId) {
        String previous = repository.getState(iTwinId);
        return NONE.equals(previous) ? null : previous;
    }

    void record(String iTwinId, String imageName) {
        repository.setState(iTwinId, imageName == null ? NONE : imageName);
    }

    private ImageChange.ChangeType recordedAsNone(String iTwinId, String previous) {
        if (previous == null) {
            record(iTwinId, null);
        }
        return null;
    }
}
