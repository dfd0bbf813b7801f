package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.testing.SecretsLedger;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;

class ImageChangesHealthTest extends ImageChangesTestSupport {

    private static final String WRONG_SECRET = "not-the-watcher-secret";

    static {
        SecretsLedger.record(WRONG_SECRET);
    }

    /** Camel Main registers the consumer health checks when asked to; a bare context needs it done by hand. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(registry.resolveById("consumers"));
        return context;
    }

    @Test
    void aStormOf429sSlowsThePollDownButNeitherFailsItNorAnExchange() throws Exception {
        List<String> iTwins = emulator().seedITwins(clientId, 20);
        iTwins.subList(0, 3).forEach(this::upload);
        watch("startFrom=now");
        pollEvents();
        iTwins.subList(0, 3).forEach(this::upload);

        emulator().faults(FaultSettings.NONE.withThrottle(0.5, 1));
        List<Exchange> events = pollEvents();
        HealthCheck.State duringStorm = readiness().getState();
        emulator().faults(FaultSettings.NONE);

        assertThat(emulator().requests(clientId)).anyMatch(r -> r.status() == 429);
        assertThat(events)
                .hasSize(3)
                .allSatisfy(event ->
                        assertThat(header(event, ITwinConstants.CHANGE_TYPE)).isEqualTo("changed"));
        assertThat(duringStorm).isEqualTo(HealthCheck.State.UP);
        assertThat(emulator().earlyRequestCount(clientId)).isZero();
        assertThat(errorCount()).isZero();
        assertThat(watchingConsumer().getErrorCounter()).isZero();
    }

    @Test
    void aPollGivesUpAfterItsBoundOfRateLimitRetries() throws Exception {
        emulator().seedITwins(clientId, 2);
        watch("rateLimitRetriesPerPoll=2");
        emulator().faults(FaultSettings.NONE.withThrottle(1.0, 1));

        List<Exchange> events = pollEvents();
        HealthCheck.Result readiness = readiness();
        emulator().faults(FaultSettings.NONE);

        assertThat(events).isEmpty();
        // the first attempt and two retries, each after the Retry-After of the one before
        assertThat(emulator().requests(clientId)).hasSize(3).allMatch(r -> r.status() == 429);
        assertThat(emulator().earlyRequestCount(clientId)).isZero();
        assertThat(readiness.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(readiness.getError()).containsInstanceOf(ITwinRateLimitException.class);
    }

    @Test
    void aWrongClientSecretFailsThePollAndReportsDown() throws Exception {
        emulator().seedITwins(clientId, 2);
        watch("clientSecret=RAW(" + WRONG_SECRET + ")");

        assertThat(pollEvents()).isEmpty();

        HealthCheck.Result readiness = readiness();
        assertThat(readiness.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(readiness.getError()).containsInstanceOf(ITwinAuthenticationException.class);
        assertThat(errorCount()).isZero();
    }

    private HealthCheck.Result readiness() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals("consumer:" + ROUTE_ID))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no readiness check for route " + ROUTE_ID));
    }
}
