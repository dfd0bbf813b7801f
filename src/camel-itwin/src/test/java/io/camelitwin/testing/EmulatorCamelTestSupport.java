package io.camelitwin.testing;

import io.camelitwin.component.ITwinComponent;
import io.camelitwin.component.ITwinConfiguration;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
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

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    static {
        SecretsLedger.record(DemoData.DEMO_CLIENT_SECRET);
        SecretsLedger.record(DemoData.OTHER_CLIENT_SECRET);
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
