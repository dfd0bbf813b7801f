package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.engine.PooledExchangeFactory;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PooledObjectFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change detection under a steady error rate: every look-up that succeeds becomes a delivered change, whatever
 * failed beside it in the same poll, and what failed is found again by the next poll. With one poll thrown away
 * whenever any of its look-ups failed, 100 pending changes at 30% failures would almost never get through
 * (0.7^100).
 */
class ImageChangesUnderErrorsTest extends ImageChangesTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ImageChangesUnderErrorsTest.class);
    private static final int CHANGED = 100;
    private static final int MAX_POLLS = 20;

    @RegisterExtension
    static final ITwinEmulatorExtension FAILING = faultsOnlyEmulator(20261203L, FaultSettings.NONE);

    /** What reaches the consumer's exception handler: failures of the poll and of exchanges it could not deliver. */
    private final List<Throwable> handled = new CopyOnWriteArrayList<>();

    @Override
    protected ITwinEmulator emulator() {
        return FAILING.emulator();
    }

    /**
     * Pooled exchanges with statistics, so that a test can see every exchange the consumer created given back; with
     * the default factory an exchange never released is merely garbage, with a pooled one it is lost to the pool.
     */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        PooledExchangeFactory exchanges = new PooledExchangeFactory();
        exchanges.setStatisticsEnabled(true);
        context.getCamelContextExtension().setExchangeFactory(exchanges);
        context.getRegistry().bind("recordingHandler", new RecordingHandler());
        return context;
    }

    private final class RecordingHandler implements ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
            handled.add(exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handled.add(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            handled.add(exception);
        }
    }

    @Override
    protected void configureClients(ITwinComponent component) {
        component.setRequestsPerMinute(100_000);
        component.setRequestsPerHour(0);
    }

    @Test
    void everyChangeIsDeliveredExactlyOnceWithinABoundedNumberOfPolls() throws Exception {
        List<String> iTwinIds = emulator().seedITwins(clientId, CHANGED);
        watch("startFrom=now");
        assertThat(pollEvents()).as("the baseline").isEmpty();
        iTwinIds.forEach(this::upload);
        // 30% of the calls fail: 429 (Retry-After 1 s), 503, 500 and dropped connections
        emulator()
                .faults(FaultSettings.NONE
                        .withThrottle(0.05, 1)
                        .withUnavailable(0.10)
                        .withInternalError(0.10)
                        .withDrop(0.05));

        Map<String, Integer> deliveries = new TreeMap<>();
        int polls = 0;
        while (deliveries.size() < CHANGED && polls < MAX_POLLS) {
            List<Exchange> events = pollEvents();
            polls++;
            events.forEach(event -> deliveries.merge(header(event, ITwinConstants.ITWIN_ID), 1, Integer::sum));
        }
        LOG.info("{} of {} changes delivered in {} polls at 30% failures", deliveries.size(), CHANGED, polls);

        assertThat(deliveries.keySet())
                .as("changes delivered in %d polls", polls)
                .containsExactlyInAnyOrderElementsOf(iTwinIds);
        assertThat(deliveries.values()).as("deliveries per change").containsOnly(1);
        emulator().faults(FaultSettings.NONE);
        assertThat(pollEvents()).as("a poll after all were delivered").isEmpty();
    }

    @Test
    void aPollWhose429BudgetRunsOutDeliversWhatItLookedUp() throws Exception {
        List<String> iTwinIds = emulator().seedITwins(clientId, 20);
        watch("startFrom=now&rateLimitRetriesPerPoll=1");
        assertThat(pollEvents()).isEmpty();
        iTwinIds.forEach(this::upload);
        emulator().faults(FaultSettings.NONE.withThrottle(0.3, 1));

        Map<String, Integer> deliveries = new TreeMap<>();
        int polls = 0;
        while (deliveries.size() < iTwinIds.size() && polls < 3 * MAX_POLLS) {
            pollEvents().forEach(event -> deliveries.merge(header(event, ITwinConstants.ITWIN_ID), 1, Integer::sum));
            polls++;
        }

        assertThat(deliveries.keySet())
                .as("changes delivered in %d polls", polls)
                .containsExactlyInAnyOrderElementsOf(iTwinIds);
        assertThat(deliveries.values()).containsOnly(1);
        assertThat(emulator().earlyRequestCount(clientId))
                .as("requests inside a Retry-After")
                .isZero();
    }

    @Test
    void aFewITwinsWhoseLookUpsAlwaysFailDoNotStarveTheOthers() throws Exception {
        List<String> iTwinIds =
                emulator().seedITwins(clientId, 30).stream().sorted().toList();
        // the list is in id order: the broken ones come first in every poll, ahead of the others
        List<String> broken = iTwinIds.subList(0, 3);
        List<String> others = iTwinIds.subList(3, iTwinIds.size());
        watch("startFrom=now&maxMessagesPerPoll=5");
        assertThat(pollEvents()).as("the baseline").isEmpty();
        iTwinIds.forEach(this::upload);
        broken.forEach(id -> emulator().breakPath("/itwins/" + id + "/image"));

        Map<String, Integer> deliveries = new TreeMap<>();
        int polls = 0;
        while (deliveries.size() < others.size() && polls < MAX_POLLS) {
            pollEvents().forEach(event -> deliveries.merge(header(event, ITwinConstants.ITWIN_ID), 1, Integer::sum));
            polls++;
        }

        // 27 changes at 5 a poll, the broken ones looked up after the others: 7 polls, with the first one's 2
        assertThat(deliveries.keySet())
                .as("changes delivered in %d polls", polls)
                .containsExactlyInAnyOrderElementsOf(others);
        assertThat(deliveries.values()).containsOnly(1);
        assertThat(polls).isLessThanOrEqualTo(7);
    }

    @Test
    void aWatchedITwinWhoseLookUpFailsDoesNotHoldUpTheOthers() throws Exception {
        List<String> iTwinIds = emulator().seedITwins(clientId, 3);
        watch("startFrom=now&exceptionHandler=#recordingHandler&iTwinIds=" + String.join(",", iTwinIds));
        assertThat(pollEvents()).as("the baseline").isEmpty();
        iTwinIds.forEach(this::upload);
        emulator().breakPath("/itwins/" + iTwinIds.get(1) + "/image");

        List<String> delivered = pollEvents().stream()
                .map(event -> header(event, ITwinConstants.ITWIN_ID))
                .toList();

        assertThat(delivered).containsExactlyInAnyOrder(iTwinIds.get(0), iTwinIds.get(2));
        assertThat(handled)
                .as("a poll that delivered what it could does not fail")
                .isEmpty();
        assertThat(pollEvents())
                .as("the broken one still fails, the others were delivered")
                .isEmpty();
        assertThat(handled).isEmpty();

        iTwinIds.forEach(id -> emulator().breakPath("/itwins/" + id + "/image"));
        assertThat(pollEvents()).isEmpty();
        assertThat(handled).as("a poll whose every look-up failed fails").hasSize(1);
    }

    @Test
    void anImageThatCannotBeDownloadedNamesItsITwinAndItsExchangeIsReleased() throws Exception {
        List<String> iTwinIds = emulator().seedITwins(clientId, 2);
        watch("startFrom=now&includeImageBytes=true&exceptionHandler=#recordingHandler");
        assertThat(pollEvents()).isEmpty();
        String uploaded = iTwinIds.get(0);
        upload(uploaded);
        // links that expired before they were made: every download is refused (403)
        emulator().blobUrlLifetime(Duration.ofMinutes(-1));
        try {
            assertThat(pollEvents()).isEmpty();
        } finally {
            emulator().blobUrlLifetime(Duration.ofHours(1));
        }

        assertThat(handled)
                .singleElement()
                .satisfies(failure -> assertThat(failure).hasMessageContaining("iTwin " + uploaded));
        PooledObjectFactory.Statistics statistics = consumerExchangeStatistics();
        assertThat(statistics.getReleasedCounter())
                .as(
                        "exchanges released of %d created and %d reused",
                        statistics.getCreatedCounter(), statistics.getAcquiredCounter())
                .isEqualTo(statistics.getCreatedCounter() + statistics.getAcquiredCounter());
        assertThat(pollEvents()).as("found again next poll").singleElement();
    }

    private PooledObjectFactory.Statistics consumerExchangeStatistics() {
        return context.getCamelContextExtension().getExchangeFactoryManager().getExchangeFactories().stream()
                .filter(factory -> factory.getConsumer() == watchingConsumer())
                .findFirst()
                .orElseThrow()
                .getStatistics();
    }

    @Test
    void maxMessagesPerPollBoundsTheLookUpsOfOnePoll() throws Exception {
        List<String> iTwinIds = emulator().seedITwins(clientId, 25);
        watch("startFrom=now&maxMessagesPerPoll=10");
        assertThat(pollEvents()).isEmpty();
        iTwinIds.forEach(this::upload);

        int before = gets().size();
        assertThat(pollEvents()).hasSize(10);
        assertThat(gets().subList(before, gets().size()))
                .as("one list request and ten look-ups")
                .hasSize(11);
        assertThat(pollEvents()).hasSize(10);
        assertThat(pollEvents()).hasSize(5);
        assertThat(pollEvents()).isEmpty();
    }
}
