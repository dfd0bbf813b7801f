package io.camelitwin.app.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.app.TestSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without Redis the change sync's state is one replica's file: several replicas would each keep their own, and one
 * that does not lead would never see the leader's baseline, so it would never be ready. The start says so instead.
 */
class ImageChangesStateTest {

    @TempDir
    Path directory;

    private ImageChangesStateProducers state(boolean syncEnabled, int replicas, String redisUrl) {
        return new ImageChangesStateProducers(TestSettings.with(Map.of(
                "itwin.sync.enabled", String.valueOf(syncEnabled),
                "itwin.rate-limit.replicas", String.valueOf(replicas),
                "itwin.redis.url", Objects.requireNonNullElse(redisUrl, ""),
                "itwin.sync.state-file",
                        directory.resolve("state/image-changes.dat").toString())));
    }

    @Test
    void severalReplicasWithoutRedisStopTheStartSayingWhatToSet() {
        assertThatThrownBy(() -> state(true, 3, null).imageChangesState(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("on 3 replicas (itwin.rate-limit.replicas)")
                .hasMessageContaining("itwin.redis.url is not set")
                .hasMessageContaining("never be ready")
                .hasMessageContaining("Set ITWIN_REDIS_URL")
                .hasMessageContaining("ITWIN_RATE_LIMIT_REPLICAS=1")
                .hasMessageContaining("ITWIN_SYNC_ENABLED=false");
    }

    @Test
    void oneReplicaOrNoSyncKeepsItsStateInTheFile() throws Exception {
        assertThat(state(true, 1, null).imageChangesState(null)).isInstanceOf(FileStateRepository.class);
        assertThat(state(false, 3, null).imageChangesState(null)).isInstanceOf(FileStateRepository.class);
    }
}
