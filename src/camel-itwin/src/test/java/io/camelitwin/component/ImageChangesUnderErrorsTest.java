package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import io.camelitwin.emulator.RateLimitSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
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

    static {
    }

    @RegisterExtension
    static final ITwinEmulatorExtension FAILING = new ITwinEmulatorExtension(
            builder -> builder.seed(20261203L).rateLimits(new RateLimitSettings("Custom", 100_000, 0)));

    @Override
    protected ITwinEmulator emulator() {
        return FAILING.emulator();
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
