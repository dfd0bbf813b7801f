package io.camelitwin.component;

import static io.camelitwin.component.ITwinConstants.CHANGE_TYPE;
import static io.camelitwin.component.ITwinConstants.ITWIN_ID;
import static io.camelitwin.component.ITwinConstants.SMALL_IMAGE_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.component.state.RedisStateRepository;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.RedisServerExtension;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seen-state in Redis, as replicas share it: a second consumer with its own connection to the same hash (a new
 * leader) carries on from what the first recorded, emitting what changed since and nothing twice.
 */
class ImageChangesSharedStateTest extends ImageChangesTestSupport {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final String hash = "test:seen:" + UUID.randomUUID();
    private final RedisStateRepository firstLeader = new RedisStateRepository(REDIS.url(), hash);
    private final RedisStateRepository nextLeader = new RedisStateRepository(REDIS.url(), hash);

    @AfterEach
    void stopRepositories() {
        ServiceHelper.stopService(firstLeader, nextLeader);
    }

    @Test
    void aNewLeaderEmitsWhatChangedSinceTheOldOneAndNothingItAlreadyDelivered() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 3);
        upload(iTwins.get(0));
        context.getRegistry().bind("firstLeader", firstLeader);
        context.getRegistry().bind("nextLeader", nextLeader);
        watch("startFrom=now&stateRepository=#firstLeader");
        assertThat(pollEvents()).isEmpty();
        String deliveredByFirst = upload(iTwins.get(1));
        assertThat(pollEvents())
                .singleElement()
                .satisfies(event -> assertThat(header(event, SMALL_IMAGE_NAME)).isEqualTo(deliveredByFirst));
        stopWatching();

        String changedDuringFailover = upload(iTwins.get(2));
        watch("startFrom=now&stateRepository=#nextLeader");

        assertThat(pollEvents()).singleElement().satisfies(event -> {
            assertThat(header(event, ITWIN_ID)).isEqualTo(iTwins.get(2));
            assertThat(header(event, CHANGE_TYPE)).isEqualTo("added");
            assertThat(header(event, SMALL_IMAGE_NAME)).isEqualTo(changedDuringFailover);
        });
        assertThat(pollEvents()).isEmpty();
    }

    @Test
    void whileRedisIsDownPollsFailAndEmitNothingThenCarryOn() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 2);
        context.getRegistry().bind("firstLeader", firstLeader);
        watch("startFrom=now&stateRepository=#firstLeader");
        assertThat(pollEvents()).isEmpty();

        REDIS.stop();
        String addedDuringOutage;
        try {
            addedDuringOutage = upload(iTwins.get(0));
            assertThat(pollEvents()).isEmpty();
        } finally {
            REDIS.start();
        }
        awaitReconnected(firstLeader);

        assertThat(pollEvents())
                .singleElement()
                .satisfies(event -> assertThat(header(event, SMALL_IMAGE_NAME)).isEqualTo(addedDuringOutage));
        assertThat(pollEvents()).isEmpty();
    }

    /** Lettuce reconnects in the background, with a back-off; the next poll of a real route comes a period later. */
    private static void awaitReconnected(RedisStateRepository repository) {
        Await.until("the state repository answers again", Duration.ofSeconds(30), () -> {
            try {
                repository.getState("any");
                return true;
            } catch (RedisException e) {
                return false;
            }
        });
    }
}
