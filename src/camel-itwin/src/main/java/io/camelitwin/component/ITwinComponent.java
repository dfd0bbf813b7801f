package io.camelitwin.component;

import io.camelitwin.client.ClientListener;
import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import io.camelitwin.client.ratelimit.RequestLimits;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code itwin:} component: endpoints for the Bentley iTwin Platform's image, thumbnail and graphics APIs.
 *
 * <p>The options of the platform client itself (rate limit, timeouts, listener) are component options: every endpoint
 * of one OAuth identity shares one client, so an endpoint cannot have its own.
 */
@Component("itwin")
public class ITwinComponent extends HealthCheckComponent {

    @Metadata(description = "The component configuration; every endpoint starts from a copy of it.")
    private ITwinConfiguration configuration = new ITwinConfiguration();

    @Metadata(
            defaultValue = "" + RequestLimits.TRIAL_PER_MINUTE,
            description = "Client-side rate limit: requests per minute for each OAuth client, shared by every endpoint"
                    + " and route that authenticates as it. The default is the Trial tier's; Basic, Premium and"
                    + " Custom tiers allow 5000.")
    private int requestsPerMinute = RequestLimits.TRIAL_PER_MINUTE;

    @Metadata(
            defaultValue = "" + RequestLimits.TRIAL_PER_HOUR,
            description = "Client-side rate limit: requests per hour for each OAuth client (the Trial tier's cap); 0"
                    + " for no hourly cap.")
    private int requestsPerHour = RequestLimits.TRIAL_PER_HOUR;

    @Metadata(
            label = "advanced",
            description = "A rate limiter to use instead of the one built from requestsPerMinute and requestsPerHour,"
                    + " e.g. one whose budget several replicas share. Every OAuth identity of this component uses it.")
    private PlatformRateLimiter rateLimiter;

    @Metadata(
            label = "advanced",
            description = "Receives the platform clients' events (requests, 429s, time waited for the rate limit), e.g."
                    + " to count them as metrics.")
    private ClientListener clientListener;

    @Metadata(
            label = "advanced",
            defaultValue = "10000",
            javaType = "java.time.Duration",
            description = "How long to wait for a connection to the platform, in milliseconds.")
    private long connectTimeout = 10_000;

    @Metadata(
            label = "advanced",
            defaultValue = "60000",
            javaType = "java.time.Duration",
            description = "How long the platform may stay silent while a request waits for its answer or reads it, in"
                    + " milliseconds.")
    private long requestTimeout = 60_000;

    @Metadata(
            label = "advanced",
            defaultValue = "300000",
            javaType = "java.time.Duration",
            description = "The longest a single 429 may hold every request of the OAuth client, in milliseconds: a"
                    + " longer Retry-After (or an HTTP date far ahead, e.g. from a proxy) pauses this long only,"
                    + " with a WARN. The platform's own Retry-After values are far shorter.")
    private long maxPause = 300_000;

    @Metadata(
            label = "advanced",
            autowired = true,
            description = "A fully configured platform client for every endpoint, instead of the one built from the"
                    + " connection and security options.")
    private ITwinPlatformClient platformClient;

    private volatile PlatformClients clients;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ITwinConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setOperation(
                getCamelContext().getTypeConverter().mandatoryConvertTo(ITwinOperations.class, remaining));
        ITwinEndpoint endpoint = new ITwinEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        // a typo in an option fails the route now, not the first message
        endpointConfiguration.validate();
        return endpoint;
    }

    public ITwinConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ITwinConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(int requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public int getRequestsPerHour() {
        return requestsPerHour;
    }

    public void setRequestsPerHour(int requestsPerHour) {
        this.requestsPerHour = requestsPerHour;
    }

    public PlatformRateLimiter getRateLimiter() {
        return rateLimiter;
    }

    public void setRateLimiter(PlatformRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    public ClientListener getClientListener() {
        return clientListener;
    }

    public void setClientListener(ClientListener clientListener) {
        this.clientListener = clientListener;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getMaxPause() {
        return maxPause;
    }

    public void setMaxPause(long maxPause) {
        this.maxPause = maxPause;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public ITwinPlatformClient getPlatformClient() {
        return platformClient;
    }

    public void setPlatformClient(ITwinPlatformClient platformClient) {
        this.platformClient = platformClient;
    }

    /**
     * The platform client of the component's own configuration, which every endpoint without an identity of its own
     * shares: for a health check or a caller outside a route. Available while the component is started, so that it is
     * built with the options as bound, never before, and never again once {@link #doStop()} has closed it (which holds
     * the same lock).
     *
     * @throws IllegalStateException while the component is not started
     */
    public synchronized ITwinPlatformClient defaultClient() {
        if (!isStarted()) {
            throw new IllegalStateException("The itwin component is not started");
        }
        return clientFor(configuration);
    }

    /**
     * The platform client of the endpoint's OAuth identity: endpoints that authenticate as the same OAuth client share
     * one, with one token and one rate limit.
     */
    ITwinPlatformClient clientFor(ITwinConfiguration endpointConfiguration) {
        if (platformClient != null) {
            return platformClient;
        }
        return clients().clientFor(endpointConfiguration);
    }

    /** Fails when the endpoint could not authenticate, so that a route without credentials does not start. */
    void requireCredentials(ITwinConfiguration endpointConfiguration) {
        if (platformClient == null) {
            PlatformClients.requireCredentials(endpointConfiguration);
        }
    }

    /** Built with the options as they are when the first endpoint needs a client, after the properties were bound. */
    private PlatformClients clients() {
        PlatformClients built = clients;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (clients == null) {
                clients = new PlatformClients(new ClientSettings(
                        Duration.ofMillis(connectTimeout),
                        Duration.ofMillis(requestTimeout),
                        Duration.ofMillis(maxPause),
                        new RequestLimits(requestsPerMinute, requestsPerHour),
                        rateLimiter,
                        clientListener != null ? clientListener : ClientListener.NONE));
            }
            return clients;
        }
    }

    /** Closes the clients this component built; a client bean given as {@code platformClient} is left open. */
    @Override
    protected synchronized void doStop() throws Exception {
        if (clients != null) {
            clients.close();
            clients = null;
        }
        super.doStop();
    }
}
