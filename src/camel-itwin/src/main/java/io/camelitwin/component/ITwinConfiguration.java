package io.camelitwin.component;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.client.model.ImageSize;
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
    private ImageSize size = ImageSize.SMALL;

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
            defaultValue = "0",
            description = "imageChanges: the most changes one poll looks up and emits; 0 or less for no limit. Each"
                    + " change costs a look-up under the rate limit, so this bounds how long a poll lasts (after a bulk"
                    + " change of thousands of images, say). Changes beyond it are not recorded as seen, so the next"
                    + " poll emits them.")
    private int maxMessagesPerPoll;

    @UriParam(
            label = "consumer",
            defaultValue = "20",
            description = "imageChanges: how many times one poll waits out a 429's Retry-After and asks again before it"
                    + " gives up: the changes looked up by then are emitted and the rest wait for the next poll; a poll"
                    + " that got nothing (its list, or every look-up, refused) fails, which the consumer's health"
                    + " check reports. Bounds how long a poll can last during a long rate-limit storm.")
    private int rateLimitRetriesPerPoll = 20;

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
            label = "producer,advanced",
            defaultValue = "300000",
            javaType = "java.time.Duration",
            description = "The longest redelivery delay, in milliseconds, that a 429's Retry-After may set on the"
                    + " exchange (header CamelRedeliveryDelay). A longer Retry-After is still honoured: the"
                    + " shared rate limiter holds every request of that client until it has passed.")
    private long maxRetryAfter = 300_000;

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

    public ImageSize getSize() {
        return size;
    }

    public void setSize(ImageSize size) {
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
                .map(id -> ITwinPlatformClient.requireGuid("iTwinIds", id))
                .toList();
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public int getRateLimitRetriesPerPoll() {
        return rateLimitRetriesPerPoll;
    }

    public void setRateLimitRetriesPerPoll(int rateLimitRetriesPerPoll) {
        this.rateLimitRetriesPerPoll = rateLimitRetriesPerPoll;
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

    public long getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    /**
     * Checks the options a typo could spoil, so that an endpoint fails when it is created, naming the option, instead
     * of failing its first message. Ids given per message in headers are checked per message.
     */
    void validate() {
        if (pageSize < 1 || pageSize > ITwinPlatformClient.MAX_TOP) {
            throw new IllegalArgumentException(
                    "pageSize must be between 1 and " + ITwinPlatformClient.MAX_TOP + ", was " + pageSize);
        }
        if (rateLimitRetriesPerPoll < 0) {
            throw new IllegalArgumentException(
                    "rateLimitRetriesPerPoll must not be negative, was " + rateLimitRetriesPerPoll);
        }
        if (iTwinId != null) {
            ITwinPlatformClient.requireGuid("iTwinId", iTwinId);
        }
        if (iModelId != null) {
            ITwinPlatformClient.requireGuid("iModelId", iModelId);
        }
        watchedITwinIds();
    }

    public ITwinConfiguration copy() {
        try {
            return (ITwinConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
