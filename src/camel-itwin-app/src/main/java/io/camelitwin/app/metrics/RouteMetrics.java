package io.camelitwin.app.metrics;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.component.ITwinEndpoint;
import io.camelitwin.component.ITwinOperations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;

/**
 * What the routes did, as Micrometer meters: image changes emitted by {@code itwin:imageChanges} (by change type),
 * messages handed to the dead-letter route (by the route they failed in) and, among them, inputs refused before
 * anything was sent (by route and field). Camel Quarkus delivers Camel's events to CDI observers.
 */
@Singleton
public class RouteMetrics {

    static final String DEAD_LETTER_ENDPOINT = "direct://itwin-dead-letter";

    private final MeterRegistry registry;

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void onCreated(@Observes ExchangeCreatedEvent created) {
        if (isImageChange(created.getExchange())) {
            Counter.builder("itwin.changes.emitted")
                    .description("Image changes emitted by itwin:imageChanges")
                    .tag(
                            "type",
                            String.valueOf(created.getExchange().getMessage().getHeader(ITwinConstants.CHANGE_TYPE)))
                    .register(registry)
                    .increment();
        }
    }

    void onSending(@Observes ExchangeSendingEvent sending) {
        if (!DEAD_LETTER_ENDPOINT.equals(sending.getEndpoint().getEndpointUri())) {
            return;
        }
        Exchange exchange = sending.getExchange();
        Counter.builder("itwin.dead.letters")
                .description("Messages handed to the dead-letter route")
                .tag("route", routeOf(exchange))
                .register(registry)
                .increment();
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof ITwinValidationException refused) {
            refusals(registry, routeOf(exchange), refused.getField()).increment();
        }
    }

    public static Counter refusals(MeterRegistry registry, String route, String field) {
        return Counter.builder("itwin.validation.refusals")
                .description("Inputs refused before anything was sent to the platform")
                .tag("route", route)
                .tag("field", field)
                .register(registry);
    }

    private static boolean isImageChange(Exchange exchange) {
        Endpoint from = exchange.getFromEndpoint();
        return from instanceof ITwinEndpoint endpoint
                && endpoint.getConfiguration().getOperation() == ITwinOperations.imageChanges;
    }

    private static String routeOf(Exchange exchange) {
        String route = exchange.getFromRouteId();
        return route == null ? "none" : route;
    }
}
