package io.camelitwin.testing;

import io.camelitwin.component.ITwinComponent;
import io.camelitwin.component.ITwinConfiguration;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import io.camelitwin.emulator.RateLimitSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plain Camel tests (no Quarkus) against a real emulator on a free port: the {@code itwin} component is configured
 * with the emulator's URLs and the demo client's credentials, exactly as a user would configure it.
 *
 * <p>Subclasses that need other emulator settings declare their own {@code EMULATOR} field and override
 * {@link #emulator()}.
 */
public abstract class EmulatorCamelTestSupport extends CamelTestSupport {

    private static final int FAULTS_ONLY_PER_MINUTE = 100_000;

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    static {
        SecretsLedger.record(DemoData.DEMO_CLIENT_SECRET);
        SecretsLedger.record(DemoData.OTHER_CLIENT_SECRET);
    }

    /**
     * An emulator whose own rate limit never bites (far more a minute than any test sends, no hourly cap): only the
     * faults it is given, or given later, fail requests. Seeded, so that a run's faults come again in the next.
     */
    public static ITwinEmulatorExtension faultsOnlyEmulator(long seed, FaultSettings faults) {
        return new ITwinEmulatorExtension(builder -> builder.seed(seed)
                .rateLimits(new RateLimitSettings("Custom", FAULTS_ONLY_PER_MINUTE, 0))
                .faults(faults));
    }

    /** The component's budget as large as {@link #faultsOnlyEmulator}'s, so that no request waits for the client's. */
    protected static void withFaultsOnlyBudget(ITwinComponent component) {
        component.setRequestsPerMinute(FAULTS_ONLY_PER_MINUTE);
        component.setRequestsPerHour(0);
    }

    protected ITwinEmulator emulator() {
        return EMULATOR.emulator();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        ITwinComponent component = new ITwinComponent();
        configure(component.getConfiguration());
        configureClients(component);
        context.addComponent("itwin", component);
        return context;
    }

    /**
     * The client-wide component options (rate limit, listener, timeouts) as {@code camel.component.itwin.*} would set
     * them; none by default.
     */
    protected void configureClients(ITwinComponent component) {}

    /** The component's configuration as {@code camel.component.itwin.*} would set it; override to change it. */
    protected void configure(ITwinConfiguration configuration) {
        configuration.setBaseUrl(emulator().baseUrl());
        configuration.setTokenUrl(emulator().tokenUrl());
        configuration.setClientId(DemoData.DEMO_CLIENT_ID);
        configuration.setClientSecret(DemoData.DEMO_CLIENT_SECRET);
    }
}
