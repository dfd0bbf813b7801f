package io.camelitwin.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/** The {@code itwin:} component: endpoints for the Bentley iTwin Platform's image, thumbnail and graphics APIs. */
@Component("itwin")
public class ITwinComponent extends HealthCheckComponent {

    @Metadata(description = "The component configuration; every endpoint starts from a copy of it.")
    private ITwinConfiguration configuration = new ITwinConfiguration();

    private final PlatformClients clients = new PlatformClients();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ITwinConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setOperation(
                getCamelContext().getTypeConverter().mandatoryConvertTo(ITwinOperations.class, remaining));
        ITwinEndpoint endpoint = new ITwinEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public ITwinConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ITwinConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Endpoints that authenticate as the same OAuth client share one platform client: one token, one rate limit. */
    PlatformClients getClients() {
        return clients;
    }

    @Override
    protected void doStop() throws Exception {
        clients.clear();
        super.doStop();
    }
}
