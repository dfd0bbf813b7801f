package io.camelitwin.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.RouteFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the client's limit equal to the platform's, the client spends the whole budget and never gets a 429: after
 * the initial burst it keeps pace with the refill.
 */
class ThroughputUnderLimitTest extends EmulatorCamelTestSupport {

    private static final int PER_MINUTE = 300;
    // the burst, then 25 s at the refill rate
    private static final int MESSAGES = PER_MINUTE + PER_MINUTE * 25 / 60;

    @RegisterExtension
    static final ITwinEmulatorExtension LIMITED = new ITwinEmulatorExtension(builder -> builder.rateLimits(PER_MINUTE, 0));

    @Override
    protected ITwinEmulator emulator() {
        return LIMITED.emulator();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("itwin.dead-letter.uri", "mock:dead-letter");
        context.getPropertiesComponent().setInitialProperties(properties);
        RouteFiles.load(context, "itwin-resilience.camel.yaml");
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return GetImageLoad.route(PER_MINUTE);
    }

    @Test
    void sustainsTheLimitWithoutAny429() throws Exception {
        GetImageLoad.run(context, MESSAGES, Duration.ofSeconds(60));

        List<RecordedRequest> requests = emulator().requests(DemoData.DEMO_CLIENT_ID);
        assertThat(requests).hasSize(MESSAGES).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(GetImageLoad.sustainedPerMinute(requests, PER_MINUTE) / PER_MINUTE).isGreaterThanOrEqualTo(0.95);
        assertThat(getMockEndpoint("mock:dead-letter").getReceivedCounter()).isZero();
    }
}
