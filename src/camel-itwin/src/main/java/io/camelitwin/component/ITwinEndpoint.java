package io.camelitwin.component;

import io.camelitwin.client.ITwinPlatformClient;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Get, upload and delete iTwin images, get and upload iModel thumbnails, get repository graphics, list iTwins, and
 * watch iTwin images for changes, on the Bentley iTwin Platform.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "itwin",
        title = "iTwin Platform",
        syntax = "itwin:operation",
        category = {Category.CLOUD, Category.FILE},
        headersClass = ITwinConstants.class)
public class ITwinEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriParam
    private ITwinConfiguration configuration;

    public ITwinEndpoint(String uri, ITwinComponent component, ITwinConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public ITwinComponent getComponent() {
        return (ITwinComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (configuration.getOperation().isConsumer()) {
            throw new IllegalArgumentException("itwin:" + configuration.getOperation()
                    + " can only be consumed from; producer operations are "
                    + ITwinOperations.producerOperations());
        }
        return new ITwinProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!configuration.getOperation().isConsumer()) {
            throw new IllegalArgumentException("itwin:" + configuration.getOperation()
                    + " is a producer operation; the consumer operation is imageChanges");
        }
        ITwinImageChangesConsumer consumer = new ITwinImageChangesConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getComponent().requireCredentials(configuration);
    }

    public ITwinConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ITwinConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * The platform client shared by every endpoint of the same identity, built by the first of them that needs it, so
     * that routes which never call the platform cost no HTTP client.
     */
    public ITwinPlatformClient getClient() {
        return getComponent().clientFor(configuration);
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "https";
    }
}
