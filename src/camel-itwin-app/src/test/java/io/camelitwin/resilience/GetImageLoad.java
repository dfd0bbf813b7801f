package io.camelitwin.resilience;

import io.camelitwin.component.ITwinComponent;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.RecordedRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;

/**
 * Many getImage calls through a route with a few concurrent producers, under the shared {@code itwin-resilience}
 * configuration, and the rate at which they reached the platform.
 */
final class GetImageLoad {

    static final String ROUTE = "get-image-load";
    private static final int PRODUCERS = 4;

    private GetImageLoad() {}

    /** The route that makes the calls. */
    static RouteBuilder route() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:get-image?concurrentConsumers=" + PRODUCERS + "&size=100000")
                        .routeId(ROUTE)
                        .routeConfigurationId("itwin-resilience")
                        .to("itwin:getImage");
            }
        };
    }

    /** Allows the component's client {@code clientPerMinute} requests a minute and no hourly limit. */
    static void limitClient(ITwinComponent component, int clientPerMinute) {
        component.setRequestsPerMinute(clientPerMinute);
        component.setRequestsPerHour(0);
    }

    /** Sends {@code messages} and waits until all are done; returns how long that took. */
    static Duration run(CamelContext context, int messages, Duration timeout) throws Exception {
        NotifyBuilder done =
                new NotifyBuilder(context).fromRoute(ROUTE).whenDone(messages).create();
        long start = System.nanoTime();
        try (ProducerTemplate template = context.createProducerTemplate()) {
            for (int i = 0; i < messages; i++) {
                template.sendBodyAndHeader("seda:get-image", null, ITwinConstants.ITWIN_ID, DemoData.ITWIN_WITH_IMAGE);
            }
        }
        if (!done.matches(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(messages + " getImage calls not done within " + timeout);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Successful calls a minute as the platform saw them arrive, over the second half of those after the first
     * {@code burst} (the bucket's initial capacity, spent at once): the permits that refilled while the burst was being
     * sent go out right after it, faster than the refill, and would inflate the figure.
     */
    static double sustainedPerMinute(List<RecordedRequest> requests, int burst) {
        // the log is in order of completion, not of arrival
        List<RecordedRequest> served = requests.stream()
                .filter(r -> r.status() == 200)
                .sorted(Comparator.comparingLong(RecordedRequest::nanoTime))
                .toList();
        int from = burst + (served.size() - burst) / 2;
        if (served.size() - from < 10) {
            throw new IllegalArgumentException(
                    "only " + served.size() + " served calls: too few after a burst of " + burst);
        }
        long first = served.get(from).nanoTime();
        long last = served.get(served.size() - 1).nanoTime();
        double intervals = served.size() - 1 - from;
        return intervals / ((last - first) / 1e9) * 60;
    }
}
