package io.camelitwin.resilience;

import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.RouteFiles;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A platform that allows {@value #SERVER_PER_MINUTE} requests a minute (no hourly cap), with the shipped
 * {@code itwin-resilience} configuration loaded and its dead letter on {@code mock:dead-letter}: the ground of the
 * load test and the benchmark, which must measure the same thing.
 */
abstract class RateLimitedPlatformTestSupport extends EmulatorCamelTestSupport {

    static final int SERVER_PER_MINUTE = 300;

    @RegisterExtension
    static final ITwinEmulatorExtension LIMITED =
            new ITwinEmulatorExtension(builder -> builder.rateLimits(SERVER_PER_MINUTE, 0));

    @Override
    protected ITwinEmulator emulator() {
        return LIMITED.emulator();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        RouteFiles.loadResilience(context, Map.of());
        return context;
    }
}
