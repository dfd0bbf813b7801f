package io.camelitwin.component;

import static io.camelitwin.component.ITwinConstants.SMALL_IMAGE_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.component.state.RedisStateRepository;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change sync's state through a Redis restart, Redis run as the platform overlay runs it (a password, the
 * append-only file synced every second, its data directory kept): while images keep changing and the route keeps
 * polling, Redis is stopped as a node drain stops it and started again from its data directory. Every change is
 * delivered, and none twice.
 */
class ImageChangesRedisRestartTest extends ImageChangesTestSupport {

    private static final int CHANGES = 20;

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.asDeployed("redis-" + UUID.randomUUID());

    private final RedisStateRepository state = new RedisStateRepository(REDIS.url(), "test:seen:" + UUID.randomUUID());

    @AfterEach
    void stopRepository() {
        ServiceHelper.stopService(state);
    }

    @Test
    void aRedisRestartedFromItsDataMidRunLosesNoChangeAndRepeatsNone() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, CHANGES);
        context.getRegistry().bind("state", state);
        watch("startFrom=now&stateRepository=#state", "delay=100");
        MockEndpoint changes = getMockEndpoint("mock:changes");
        Await.until(
                "the baseline poll",
                Duration.ofSeconds(20),
                () -> watchingConsumer().isStarted() && polled());

        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            uploaded.add(upload(iTwins.get(i)));
            if (i == CHANGES / 2) {
                int deliveredBefore = changes.getReceivedCounter();
                Await.until(
                        "a change delivered and recorded before the restart",
                        Duration.ofSeconds(20),
                        () -> changes.getReceivedCounter() > deliveredBefore);
                REDIS.restart();
            }
            Thread.sleep(50);
        }

        Await.until(
                "every change delivered",
                Duration.ofMinutes(1),
                () -> delivered(changes).containsAll(uploaded),
                () -> "delivered " + delivered(changes));
        // a few more polls after the last change: anything repeated would come now
        int polls = polls();
        Await.until("three more polls", Duration.ofSeconds(20), () -> polls() >= polls + 3);
        assertThat(delivered(changes)).containsExactlyInAnyOrderElementsOf(uploaded);
    }

    private boolean polled() {
        return polls() > 0;
    }

    private int polls() {
        return emulator().requests(clientId).stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/itwins"))
                .mapToInt(r -> 1)
                .sum();
    }

    private static List<String> delivered(MockEndpoint changes) {
        return changes.getReceivedExchanges().stream()
                .map(exchange -> exchange.getMessage().getHeader(SMALL_IMAGE_NAME, String.class))
                .toList();
    }
}
