package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.testing.RouteFiles;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code itwin-resilience} configuration gives 429s and transient faults separate budgets. The platform
 * call is replaced by a scripted sequence of failures, reported to the error handler exactly as the producer reports
 * them ({@link RedeliveryHints#onFailure}), so that the counts are exact and the test takes milliseconds.
 */
class RedeliveryBudgetTest extends CamelTestSupport {

    private final Deque<RuntimeException> script = new ArrayDeque<>();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        RouteFiles.loadResilience(
                context, Map.of("itwin.retry.transient.initial-delay", "1", "itwin.retry.transient.max-delay", "5"));
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:call")
                        .routeConfigurationId("itwin-resilience")
                        .process(this::callPlatform)
                        .to("mock:delivered");
            }

            private void callPlatform(Exchange exchange) {
                RuntimeException failure = script.poll();
                if (failure != null) {
                    RedeliveryHints.onFailure(exchange, failure, new ITwinConfiguration());
                    throw failure;
                }
            }
        };
    }

    @Test
    void aLong429StormDoesNotUseUpTheTransientBudget() throws Exception {
        for (int i = 0; i < 10; i++) {
            script.add(rateLimited());
        }
        for (int i = 0; i < 3; i++) {
            script.add(transientFault());
        }
        MockEndpoint delivered = getMockEndpoint("mock:delivered");
        delivered.expectedMessageCount(1);

        template.sendBody("direct:call", "image");

        delivered.assertIsSatisfied();
        Exchange exchange = delivered.getExchanges().get(0);
        assertThat(exchange.getProperty(ITwinConstants.RATE_LIMITED_FAILURES, Integer.class))
                .isEqualTo(10);
        assertThat(exchange.getProperty(ITwinConstants.TRANSIENT_FAILURES, Integer.class))
                .isEqualTo(3);
        assertThat(getMockEndpoint("mock:dead-letter").getReceivedCounter()).isZero();
    }

    @Test
    void transientFaultsBeyondTheirBudgetEndInTheDeadLetter() throws Exception {
        for (int i = 0; i < 9; i++) {
            script.add(transientFault());
        }
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(1);
        deadLetter.expectedBodiesReceived("image");

        template.sendBody("direct:call", "image");

        deadLetter.assertIsSatisfied();
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader(ITwinConstants.FAILURE_REASON, String.class))
                .startsWith("ITwinTransientException");
        assertThat(script).isEmpty();
        assertThat(getMockEndpoint("mock:delivered").getReceivedCounter()).isZero();
    }

    private static ITwinRateLimitException rateLimited() {
        return new ITwinRateLimitException(
                "RateLimitExceeded",
                "too many requests",
                null,
                Duration.ofMillis(1),
                true,
                new ITwinRateLimitException.RateLimitedBy(null, null, null, null));
    }

    private static ITwinTransientException transientFault() {
        return new ITwinTransientException(503, "getImage GET /itwins/x/image failed: HTTP 503", null);
    }
}
