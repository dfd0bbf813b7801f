package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.emulator.RecordedRequest;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 10,000 iTwins watched without iTwinIds: what a poll costs, and how soon a change becomes an event. */
class ImageChangesAtScaleTest extends ImageChangesTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ImageChangesAtScaleTest.class);
    private static final int ITWINS = 10_000;
    private static final int LIST_PAGES = ITWINS / ITwinPlatformClient.MAX_TOP;
    private static final long POLL_DELAY_MILLIS = 1000;
    private static final String ARRIVED_NANOS = "arrivedNanos";

    @Test
    void aPollCostsOneRequestPerPageAndOnePerChangedITwin() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, ITWINS);
        // the list is ordered by id: the greatest is on the last page, beyond the platform's default cap of 1000
        String last = Collections.max(iTwins);
        watch("startFrom=now");
        long firstPollStarted = System.nanoTime();
        assertThat(pollEvents()).isEmpty();
        long firstPollMillis = millisSince(firstPollStarted);
        assertThat(Gets.of(gets())).isEqualTo(new Gets(LIST_PAGES, 0));

        String name = upload(last);
        int before = gets().size();
        long pollStarted = System.nanoTime();
        List<Exchange> events = pollEvents();
        long pollMillis = millisSince(pollStarted);
        Gets pollCost = Gets.of(gets().subList(before, gets().size()));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(header(event, ITwinConstants.ITWIN_ID)).isEqualTo(last);
            assertThat(header(event, ITwinConstants.SMALL_IMAGE_NAME)).isEqualTo(name);
        });
        assertThat(pollCost).isEqualTo(new Gets(LIST_PAGES, 1));
        LOG.info(
                "Change detection figures: {} iTwins; first poll {} ms; poll with one change {} ms, {}",
                ITWINS,
                firstPollMillis,
                pollMillis,
                pollCost);
    }

    @Test
    void aChangeIsEmittedByTheFirstPollThatStartsAfterIt() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, ITWINS);
        String changed = iTwins.get(ITWINS / 2);
        PollTimes polls = new PollTimes();
        context.getRegistry().bind("pollTimes", polls);
        downstream = exchange -> exchange.setProperty(ARRIVED_NANOS, System.nanoTime());
        MockEndpoint events = getMockEndpoint("mock:changes");
        events.expectedMessageCount(1);
        watch("startFrom=now&pollStrategy=#pollTimes", "initialDelay=0&greedy=false&delay=" + POLL_DELAY_MILLIS);
        assertThat(polls.firstDone.await(30, TimeUnit.SECONDS)).isTrue();

        long changedAt = System.nanoTime();
        upload(changed);
        events.assertIsSatisfied(TimeUnit.SECONDS.toMillis(10));
        Exchange event = events.getReceivedExchanges().get(0);
        long arrivedAt = event.getProperty(ARRIVED_NANOS, Long.class);

        long firstStartAfterChange = polls.starts.stream()
                .filter(start -> start > changedAt)
                .findFirst()
                .orElseThrow();
        long startOfDeliveringPoll = polls.starts.stream()
                .filter(start -> start < arrivedAt)
                .reduce((earlier, later) -> later)
                .orElseThrow();
        assertThat(startOfDeliveringPoll).isEqualTo(firstStartAfterChange);
        assertThat(header(event, ITwinConstants.ITWIN_ID)).isEqualTo(changed);
        LOG.info(
                "Change detection figures: {} iTwins; delay {} ms; change to event {} ms; poll durations {} ms",
                ITWINS,
                POLL_DELAY_MILLIS,
                TimeUnit.NANOSECONDS.toMillis(arrivedAt - changedAt),
                polls.durationsMillis);
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** The GET requests of a poll: list pages, and image look-ups of changed iTwins. */
    record Gets(long listPages, long imageLookups) {
        static Gets of(List<RecordedRequest> gets) {
            long pages = gets.stream().filter(ImageChangesTestSupport::isList).count();
            return new Gets(pages, gets.size() - pages);
        }
    }

    /** When each scheduled poll started and how long it took, as the consumer's poll strategy sees it. */
    static final class PollTimes implements PollingConsumerPollStrategy {
        final List<Long> starts = new CopyOnWriteArrayList<>();
        final List<Long> durationsMillis = new CopyOnWriteArrayList<>();
        final CountDownLatch firstDone = new CountDownLatch(1);

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            starts.add(System.nanoTime());
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            durationsMillis.add(millisSince(starts.get(starts.size() - 1)));
            firstDone.countDown();
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception e) {
            firstDone.countDown();
            return false;
        }
    }
}
