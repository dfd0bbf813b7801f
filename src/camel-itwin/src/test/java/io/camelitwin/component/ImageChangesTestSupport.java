package io.camelitwin.component;

import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * Runs {@code itwin:imageChanges} routes against the emulator as a client of its own, so that each test sees only
 * the iTwins it seeded. Polls are driven by the test ({@code startScheduler=false} and {@link #pollEvents()}), so
 * that every assertion is about exactly one poll.
 */
abstract class ImageChangesTestSupport extends EmulatorCamelTestSupport {

    static final String ROUTE_ID = "watch";

    protected String clientId;
    /** What the route does with each event before it reaches mock:changes; a test may make it fail. */
    protected Processor downstream = exchange -> {};

    @Override
    protected void configure(ITwinConfiguration configuration) {
        super.configure(configuration);
        clientId = "watcher-" + UUID.randomUUID();
        String clientSecret = "watcher-secret-" + UUID.randomUUID();
        SecretsLedger.record(clientSecret);
        emulator().addClient(clientId, clientSecret);
        configuration.setClientId(clientId);
        configuration.setClientSecret(clientSecret);
    }

    /** Starts the watching route; the consumer polls only when the test says so. */
    protected void watch(String options) throws Exception {
        watch(options, "startScheduler=false");
    }

    protected void watch(String options, String schedulerOptions) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Exception.class).to("mock:errors");
                from("itwin:imageChanges?" + schedulerOptions + (options.isEmpty() ? "" : "&" + options))
                        .routeId(ROUTE_ID)
                        .process(exchange -> downstream.process(exchange))
                        .to("mock:changes");
            }
        });
    }

    protected void stopWatching() throws Exception {
        context.getRouteController().stopRoute(ROUTE_ID);
        context.removeRoute(ROUTE_ID);
        context.removeEndpoints("itwin:imageChanges*");
    }

    protected ScheduledPollConsumer watchingConsumer() {
        return (ScheduledPollConsumer) context.getRoute(ROUTE_ID).getConsumer();
    }

    /** Runs one poll on the test's thread and returns the events it delivered to mock:changes. */
    protected List<Exchange> pollEvents() {
        MockEndpoint changes = getMockEndpoint("mock:changes");
        int before = changes.getReceivedCounter();
        watchingConsumer().run();
        List<Exchange> received = changes.getReceivedExchanges();
        return List.copyOf(received.subList(before, received.size()));
    }

    protected int errorCount() {
        return getMockEndpoint("mock:errors").getReceivedCounter();
    }

    /** Uploads a new image to the iTwin and returns its small image name, as the producer reports it. */
    protected String upload(String iTwinId) {
        Exchange uploaded = template.request("itwin:uploadImage", exchange -> {
            exchange.getMessage().setBody(TestImages.png(800, 500));
            exchange.getMessage().setHeader(ITwinConstants.ITWIN_ID, iTwinId);
        });
        if (uploaded.getException() != null) {
            throw new IllegalStateException("upload failed", uploaded.getException());
        }
        return uploaded.getMessage().getHeader(ITwinConstants.SMALL_IMAGE_NAME, String.class);
    }

    protected void deleteImage(String iTwinId) {
        template.sendBodyAndHeader("itwin:deleteImage", null, ITwinConstants.ITWIN_ID, iTwinId);
    }

    /** The GET requests of the test's client, e.g. to count list pages and image look-ups. */
    protected List<RecordedRequest> gets() {
        return emulator().requests(clientId).stream()
                .filter(r -> r.method().equals("GET"))
                .toList();
    }

    static boolean isList(RecordedRequest request) {
        return request.path().equals("/itwins") || request.path().equals("/itwins/");
    }

    static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
