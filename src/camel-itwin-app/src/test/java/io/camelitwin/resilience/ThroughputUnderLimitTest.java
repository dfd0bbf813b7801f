package io.camelitwin.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.component.ITwinComponent;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;

/**
 * With the client's limit equal to the platform's, the client spends the whole budget and never gets a 429: after
 * the initial burst it keeps pace with the refill.
 */
class ThroughputUnderLimitTest extends RateLimitedPlatformTestSupport {

    // the burst, then 25 s at the refill rate
    private static final int MESSAGES = SERVER_PER_MINUTE + SERVER_PER_MINUTE * 25 / 60;

    @Override
    protected void configureClients(ITwinComponent component) {
        GetImageLoad.limitClient(component, SERVER_PER_MINUTE);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return GetImageLoad.route();
    }

    @Test
    void sustainsTheLimitWithoutAny429() throws Exception {
        GetImageLoad.run(context, MESSAGES, Duration.ofSeconds(60));

        List<RecordedRequest> requests = emulator().requests(DemoData.DEMO_CLIENT_ID);
        assertThat(requests)
                .hasSize(MESSAGES)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(GetImageLoad.sustainedPerMinute(requests, SERVER_PER_MINUTE) / SERVER_PER_MINUTE)
                .isGreaterThanOrEqualTo(0.95);
        assertThat(getMockEndpoint("mock:dead-letter").getReceivedCounter()).isZero();
    }
}
