package io.camelitwin.component;

import io.camelitwin.client.ClientListener;
import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * Options of the {@code itwin:} component and its endpoints. Set at component level ({@code camel.component.itwin.*})
 * they apply to every endpoint; set on an endpoint URI they apply to that endpoint.
 */
@UriParams
public class ITwinConfiguration implements Cloneable {

    public static final String DEFAULT_TOKEN_URL = ClientCredentialsTokenProvider.DEFAULT_TOKEN_URL;

    @UriPath(description = "The operation to perform.")
    @Metadata(required = true)
    private ITwinOperations operation;

    @UriParam(description = "The iTwin id (a GUID). For getGraphics, makes the call iTwin-scoped.")
    private String iTwinId;

    @UriParam(label = "producer", description = "The iModel id (a GUID), for getThumbnail and uploadThumbnail.")
    private String iModelId;

    @UriParam(label = "producer", description = "The repository id, for getGraphics.")
    private String repositoryId;

    @UriParam(label = "producer", description = "The resource id, for getGraphics.")
    private String resourceId;

    @UriParam(
            description = "Which rendition getThumbnail and downloadImage fetch (and the imageChanges consumer when"
                    + " it includes the image bytes).",
            enums = "small,large",
            defaultValue = "small")
    private String size = "small";

    @UriParam(
            defaultValue = "1000",
            description = "listITwins and imageChanges: how many iTwins to ask for per page (1 to 1000). Every page is"
                    + " fetched, up to the platform's cap of 10000 iTwins.")
    private int pageSize = 1000;

    @UriParam(
            label = "producer",
            defaultValue = "true",
            description = "listITwins: ask for each iTwin's small image name and URL (Prefer: return=representation).")
    private boolean includeImages = true;

    @UriParam(
            label = "consumer",
            description = "imageChanges: the iTwin ids to watch, comma-separated; each costs one request per poll."
                    + " When absent, every iTwin the identity can see (up to 10000) is watched, at the cost of"
                    + " one list request per page of pageSize, plus one request per changed iTwin.")
    private String iTwinIds;

    @UriParam(
            label = "consumer",
            defaultValue = "now",
            description = "imageChanges: what to do with iTwins never seen before on the first poll: now records"
                    + " their current images without emitting; beginning emits an added event for each.")
    private StartFrom startFrom = StartFrom.now;

    @UriParam(
            label = "consumer",
            description = "imageChanges: where the image names already delivered are kept (iTwin id to small image"
                    + " name). Use a shared repository when several instances may poll. Takes precedence over"
                    + " stateFile.")
    private StateRepository<String, String> stateRepository;

    @UriParam(
            label = "consumer",
            description = "imageChanges: a file to keep the image names already delivered in, so that a restart"
                    + " emits nothing twice. When neither this nor stateRepository is set, the state is kept in"
                    + " memory only.")
    private String stateFile;

    @UriParam(
            label = "consumer",
            defaultValue = "false",
            description = "imageChanges: make the body the image bytes (of the rendition chosen by size) instead of"
                    + " the change metadata.")
    private boolean includeImageBytes;

    @UriParam(
            label = "common",
            defaultValue = ITwinPlatformClient.DEFAULT_BASE_URL,
            description = "The base URL of the iTwin Platform API (or of the local emulator).")
    private String baseUrl = ITwinPlatformClient.DEFAULT_BASE_URL;

    @UriParam(
            label = "security",
            defaultValue = DEFAULT_TOKEN_URL,
            description = "The OAuth 2.0 token endpoint for the client credentials grant.")
    private String tokenUrl = DEFAULT_TOKEN_URL;

    @UriParam(label = "security", description = "The client id of the service application.")
    private String clientId;

    @UriParam(label = "security", secret = true, description = "The client secret of the service application.")
    private String clientSecret;

    @UriParam(label = "security", defaultValue = "itwin-platform", description = "The OAuth scope to ask for.")
    private String scope = "itwin-platform";

    @UriParam(
            label = "security",
            secret = true,
            description = "A static bearer token to use instead of client credentials (it is never renewed).")
    private String accessToken;

    @UriParam(
            label = "security,advanced",
            description = "A custom source of bearer tokens; takes precedence over accessToken and client credentials.")
    @Metadata(autowired = true)
    private TokenProvider tokenProvider;

    @UriParam(
            label = "advanced",
            defaultValue = "10000",
            javaType = "java.time.Duration",
            description = "How long to wait for a connection to the platform, in milliseconds.")
    private long connectTimeout = 10_000;

    @UriParam(
            label = "advanced",
            defaultValue = "60000",
            javaType = "java.time.Duration",
            description = "How long the platform may stay silent while a request waits for its answer or reads it, in"
                    + " milliseconds.")
    private long requestTimeout = 60_000;

    @UriParam(
            label = "common",
            defaultValue = "500",
            description = "Client-side rate limit: requests per minute for this OAuth client, shared by every endpoint"
                    + " and route that uses the same credentials. The default is the Trial tier's; Basic,"
                    + " Premium and Custom tiers allow 5000.")
    private int requestsPerMinute = 500;

    @UriParam(
            label = "common",
            defaultValue = "5000",
            description = "Client-side rate limit: requests per hour (the Trial tier's cap); 0 for no hourly cap.")
    private int requestsPerHour = 5000;

    @UriParam(
            label = "advanced",
            description = "A rate limiter to use instead of the one built from requestsPerMinute and"
                    + " requestsPerHour, e.g. one whose budget several replicas share.")
    private PlatformRateLimiter rateLimiter;

    @UriParam(
            label = "advanced",
            description = "Receives the client's events (requests, 429s, time waited for the rate limit), e.g. to"
                    + " count them as metrics.")
    private ClientListener clientListener;

    @UriParam(
            label = "producer,advanced",
            defaultValue = "300000",
            javaType = "java.time.Duration",
            description = "The longest redelivery delay, in milliseconds, that a 429's Retry-After may set on the"
                    + " exchange (header CamelRedeliveryDelay). A longer Retry-After is still honoured: the"
                    + " shared rate limiter holds every request of that client until it has passed.")
    private long maxRetryAfter = 300_000;

    @UriParam(
            label = "advanced",
            description = "A fully configured platform client to use instead of the connection and security options.")
    @Metadata(autowired = true)
    private ITwinPlatformClient platformClient;

    public ITwinOperations getOperation() {
        return operation;
    }

    public void setOperation(ITwinOperations operation) {
        this.operation = operation;
    }

    public String getITwinId() {
        return iTwinId;
    }

    public void setITwinId(String iTwinId) {
        this.iTwinId = iTwinId;
    }

    public String getIModelId() {
        return iModelId;
    }

    public void setIModelId(String iModelId) {
        this.iModelId = iModelId;
    }

    public String getRepositoryId() {
        return repositoryId;
    }

    public void setRepositoryId(String repositoryId) {
        this.repositoryId = repositoryId;
    }

    public String getResourceId() {
        return resourceId;
    }

    public void setResourceId(String resourceId) {
        this.resourceId = resourceId;
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public boolean isIncludeImages() {
        return includeImages;
    }

    public void setIncludeImages(boolean includeImages) {
        this.includeImages = includeImages;
    }

    public String getITwinIds() {
        return iTwinIds;
    }

    public void setITwinIds(String iTwinIds) {
        this.iTwinIds = iTwinIds;
    }

    /** {@link #getITwinIds()} as a list; empty when every visible iTwin is watched. */
    public List<String> watchedITwinIds() {
        if (iTwinIds == null) {
            return List.of();
        }
        return Arrays.stream(iTwinIds.split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .toList();
    }

    public StartFrom getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(StartFrom startFrom) {
        this.startFrom = startFrom;
    }

    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getStateFile() {
        return stateFile;
    }

    public void setStateFile(String stateFile) {
        this.stateFile = stateFile;
    }

    public boolean isIncludeImageBytes() {
        return includeImageBytes;
    }

    public void setIncludeImageBytes(boolean includeImageBytes) {
        this.includeImageBytes = includeImageBytes;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    public TokenProvider getTokenProvider() {
        return tokenProvider;
    }

    public void setTokenProvider(TokenProvider tokenProvider) {
        this.tokenProvider = tokenProvider;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
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

    public long getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public ITwinPlatformClient getPlatformClient() {
        return platformClient;
    }

    public void setPlatformClient(ITwinPlatformClient platformClient) {
        this.platformClient = platformClient;
    }

    public ITwinConfiguration copy() {
        try {
            return (ITwinConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
