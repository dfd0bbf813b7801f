package io.camelitwin.client;

import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.client.error.ErrorCodes;
import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.internal.ErrorResponseParser;
import io.camelitwin.client.internal.Ids;
import io.camelitwin.client.internal.ImageAnswers;
import io.camelitwin.client.internal.JsonMapping;
import io.camelitwin.client.internal.LazyHttpClient;
import io.camelitwin.client.internal.PlatformHttp;
import io.camelitwin.client.internal.PlatformRequest;
import io.camelitwin.client.internal.TrustedDestinations;
import io.camelitwin.client.internal.UploadBody;
import io.camelitwin.client.internal.UploadTarget;
import io.camelitwin.client.model.DownloadedImage;
import io.camelitwin.client.model.Graphics;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.client.model.ITwinPage;
import io.camelitwin.client.model.ITwinSummary;
import io.camelitwin.client.model.ImageContent;
import io.camelitwin.client.model.ImageSize;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client for the iTwin Platform operations this project supports. Free of Camel types; thread-safe; one instance per
 * OAuth client (it owns the token cache and shares the rate limiter). API calls go through one Apache HttpClient,
 * built on the first call; close the client to release its pooled connections. Given
 * {@link Builder#clientCredentials client credentials}, it fetches tokens through the same HttpClient.
 *
 * <p>Every operation validates its input first ({@link ITwinValidationException}, nothing sent), then waits for a
 * rate-limit permit, then calls the platform. Failures are typed: {@link ITwinApiException} (with the envelope's
 * code), {@link ITwinRateLimitException} (429, with Retry-After), {@link ITwinTransientException} (5xx, I/O),
 * {@link ITwinAuthenticationException} (401 after one renewal).
 */
public final class ITwinPlatformClient implements AutoCloseable {

    public static final String DEFAULT_BASE_URL = "https://api.bentley.com";
    public static final String ITWINS_ACCEPT = "application/vnd.bentley.itwin-platform.v1+json";
    public static final String IMODELS_ACCEPT = "application/vnd.bentley.itwin-platform.v2+json";

    /** The platform's page size limit for {@code $top}. */
    public static final int MAX_TOP = 1000;
    /**
     * The most iTwins the platform lists in total, whatever the paging, when asked with {@code X-Max-Return}; without
     * that header it stops after 1000.
     */
    public static final int MAX_RETURN = 10_000;

    private final URI baseUrl;
    private final TrustedDestinations trusted;
    private final JsonMapping json = new JsonMapping();
    private final PlatformHttp http;
    private final TokenProvider tokens;

    private ITwinPlatformClient(Builder config) {
        this.baseUrl = config.baseUrl;
        this.trusted = new TrustedDestinations(config.baseUrl);
        LazyHttpClient httpClient = new LazyHttpClient(config.connectTimeout, config.requestTimeout);
        this.tokens = config.tokenProvider != null
                ? config.tokenProvider
                : config.clientCredentials
                        .sharing(httpClient)
                        .maxPause(config.maxPause)
                        .build();
        this.http = new PlatformHttp(
                httpClient,
                tokens::getAccessToken,
                tokens::invalidate,
                config.rateLimiter,
                config.listener,
                trusted,
                new ErrorResponseParser(json, config.fallbackRetryAfter, config.maxPause));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Gets the access token the next call would send (the cached one while it is fresh) without calling an API, so
     * that a health check can tell whether the credentials are still accepted. The token stays inside the client.
     *
     * @throws ITwinAuthenticationException when the token endpoint refuses the credentials
     * @throws ITwinTransientException when it cannot be reached or answers with a server error
     */
    public void checkCredentials() {
        tokens.getAccessToken();
    }

    /**
     * Checks an iTwin or iModel id as every operation does before it sends anything, for callers that want to refuse
     * a bad id earlier (e.g. when reading their configuration). Returns the id trimmed and lower-cased.
     *
     * @throws ITwinValidationException naming {@code field} when the value is not a GUID
     */
    public static String requireGuid(String field, String value) {
        return Ids.requireGuid(field, value);
    }

    /** {@code GET /itwins/{iTwinId}/image}. */
    public ITwinImage getITwinImage(String iTwinId) {
        String id = Ids.requireGuid("iTwinId", iTwinId);
        PlatformRequest call =
                PlatformRequest.api("getITwinImage", "GET", api("/itwins/" + id + "/image"), ITWINS_ACCEPT);
        return http.execute(call, response -> json.image(response, context(call)));
    }

    /** {@code PUT /itwins/{iTwinId}/image}; returns the new image with its new names. */
    public ITwinImage uploadITwinImage(String iTwinId, ImageContent content) {
        String id = Ids.requireGuid("iTwinId", iTwinId);
        UploadBody body = UploadBody.validate(content, UploadTarget.ITWIN_IMAGE);
        PlatformRequest call = PlatformRequest.api(
                        "uploadITwinImage", "PUT", api("/itwins/" + id + "/image"), ITWINS_ACCEPT)
                .withBody(body);
        return http.execute(call, response -> json.image(response, context(call)));
    }

    /**
     * The iTwin's image if the platform's copy is this content, byte for byte; empty when the iTwin has no image or
     * another one. The platform keeps the uploaded image as the large image, so an upload whose answer was lost can be
     * checked before it is sent again: a second upload of the same bytes would give the image new names, which change
     * detection reports as a change. The content is validated first, as for an upload, and read once: a stream is
     * spent.
     */
    public Optional<ITwinImage> findITwinImage(String iTwinId, ImageContent content) {
        try (UploadBody body = UploadBody.validate(content, UploadTarget.ITWIN_IMAGE)) {
            ITwinImage image;
            try {
                image = getITwinImage(iTwinId);
            } catch (ITwinApiException e) {
                if (e.getStatusCode() == 404 && ErrorCodes.IMAGE_NOT_FOUND.equals(e.getCode())) {
                    return Optional.empty();
                }
                throw e;
            }
            byte[] platformCopy;
            try {
                platformCopy = downloadSignedUrl(image.largeImageUrl()).bytes();
            } catch (ITwinApiException e) {
                // replaced or deleted since the look-up, or its link refused: not known to be this content
                return Optional.empty();
            }
            return body.hasBytes(platformCopy) ? Optional.of(image) : Optional.empty();
        }
    }

    /** {@code DELETE /itwins/{iTwinId}/image}. */
    public void deleteITwinImage(String iTwinId) {
        String id = Ids.requireGuid("iTwinId", iTwinId);
        http.execute(PlatformRequest.api("deleteITwinImage", "DELETE", api("/itwins/" + id + "/image"), ITWINS_ACCEPT));
    }

    /**
     * Downloads the bytes behind a signed image URL returned by {@link #getITwinImage}, with the media type the blob
     * store declared. No bearer token is sent: the URL carries its own signature, and may point at another host. A
     * {@code 200} whose body is no PNG or JPEG (a proxy's page, a JSON document) is an {@link ITwinTransientException}.
     */
    public DownloadedImage downloadSignedUrl(String signedUrl) {
        URI uri = absoluteHttpUri("signedUrl", signedUrl);
        PlatformRequest call = PlatformRequest.signedUrl("downloadSignedUrl", uri);
        return http.execute(
                call,
                response ->
                        new DownloadedImage(ImageAnswers.requireImage(response, context(call)), response.mediaType()));
    }

    /**
     * {@code GET /imodels/{iModelId}/thumbnail?size=}; the PNG bytes. A null size is the platform's default, small. A
     * {@code 200} whose body is no image is an {@link ITwinTransientException}.
     */
    public byte[] getIModelThumbnail(String iModelId, ImageSize size) {
        String id = Ids.requireGuid("iModelId", iModelId);
        String sizeValue = (size == null ? ImageSize.SMALL : size).queryValue();
        // the iModels API wants its versioned media type even though the success body is a PNG
        PlatformRequest call = PlatformRequest.api(
                "getIModelThumbnail", "GET", api("/imodels/" + id + "/thumbnail?size=" + sizeValue), IMODELS_ACCEPT);
        return http.execute(call, response -> ImageAnswers.requireImage(response, context(call)));
    }

    /** {@code PUT /imodels/{iModelId}/thumbnail}. */
    public void uploadIModelThumbnail(String iModelId, ImageContent content) {
        String id = Ids.requireGuid("iModelId", iModelId);
        UploadBody body = UploadBody.validate(content, UploadTarget.IMODEL_THUMBNAIL);
        http.execute(PlatformRequest.api(
                        "uploadIModelThumbnail", "PUT", api("/imodels/" + id + "/thumbnail"), IMODELS_ACCEPT)
                .withBody(body));
    }

    /**
     * {@code GET /itwins/repositories/{repositoryId}/resources/{resourceId}/graphics}, or the iTwin-scoped
     * {@code GET /itwins/{iTwinId}/repositories/...} when {@code iTwinId} is not null.
     */
    public List<Graphics> getGraphics(String iTwinId, String repositoryId, String resourceId) {
        String scope = iTwinId == null ? "" : "/" + Ids.requireGuid("iTwinId", iTwinId);
        String repository = Ids.requirePathSegment("repositoryId", repositoryId);
        String resource = Ids.requirePathSegment("resourceId", resourceId);
        PlatformRequest call = PlatformRequest.api(
                        "getGraphics",
                        "GET",
                        api("/itwins" + scope + "/repositories/" + repository + "/resources/" + resource + "/graphics"),
                        ITWINS_ACCEPT)
                .followingRedirects();
        return http.execute(call, response -> json.graphics(response, context(call)));
    }

    /**
     * Every iTwin the identity can see (up to {@link #MAX_RETURN}), following the platform's {@code next} links; see
     * {@link #listITwins(int, int, boolean)} for {@code withImages}.
     */
    public List<ITwinSummary> listAllITwins(int pageSize, boolean withImages) {
        List<ITwinSummary> iTwins = new ArrayList<>();
        ITwinPager pages = pageITwins(pageSize, withImages);
        while (pages.hasNext()) {
            iTwins.addAll(pages.next().iTwins());
        }
        return iTwins;
    }

    /**
     * The pages of {@code GET /itwins}, fetched one per {@link ITwinPager#next()}, for a caller that handles each page's
     * failure itself (e.g. waits out a 429 and asks for the same page again).
     */
    public ITwinPager pageITwins(int pageSize, boolean withImages) {
        requireTop(pageSize);
        return new ITwinPager(this, pageSize, withImages);
    }

    /**
     * {@code GET /itwins?$top=&$skip=}; with {@code withImages}, {@code Prefer: return=representation} so that each
     * iTwin carries its small image name and URL. Every page asks for the platform's maximum total
     * ({@link #MAX_RETURN}), so that following the next links reaches every iTwin up to that cap.
     */
    public ITwinPage listITwins(int top, int skip, boolean withImages) {
        requireTop(top);
        if (skip < 0) {
            throw new ITwinValidationException("skip", "skip must not be negative, was " + skip);
        }
        return listPage(api("/itwins?$top=" + top + "&$skip=" + skip), withImages);
    }

    /** Follows a page's {@code next} link; a relative link is resolved against the base URL. */
    public ITwinPage listITwins(URI next, boolean withImages) {
        if (next == null) {
            throw new ITwinValidationException("next", "next link is required");
        }
        URI resolved = baseUrl.resolve(next);
        // the link comes from a response body: the bearer token must not follow it off the platform
        if (!trusted.mayCarryBearerToken(resolved)) {
            throw new ITwinValidationException(
                    "next", "next link points to host " + resolved.getHost() + ", not to the platform");
        }
        return listPage(resolved, withImages);
    }

    private ITwinPage listPage(URI uri, boolean withImages) {
        PlatformRequest page = PlatformRequest.api("listITwins", "GET", uri, ITWINS_ACCEPT)
                .withHeader("X-Max-Return", String.valueOf(MAX_RETURN));
        PlatformRequest call = withImages ? page.withHeader("Prefer", "return=representation") : page;
        return http.execute(call, response -> json.page(response, context(call)));
    }

    private static void requireTop(int top) {
        if (top < 1 || top > MAX_TOP) {
            throw new ITwinValidationException("top", "top must be between 1 and " + MAX_TOP + ", was " + top);
        }
    }

    /** Releases the pooled connections; the client must not be used afterwards. */
    @Override
    public void close() {
        http.close();
    }

    /** The platform URI of a path whose ids were validated, so it needs no further encoding. */
    private URI api(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    private static String context(PlatformRequest call) {
        return call.operation() + " " + call.method() + " "
                + Redaction.redactUrl(call.uri().getRawPath());
    }

    private static URI absoluteHttpUri(String field, String value) {
        try {
            URI uri = new URI(value == null ? "" : value.trim());
            if (uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException malformed) {
            // reported below, without echoing the signature
        }
        throw new ITwinValidationException(
                field, field + " must be an absolute http(s) URL, was " + Redaction.redactUrl(value));
    }

    public static final class Builder {
        private URI baseUrl = URI.create(DEFAULT_BASE_URL);
        private TokenProvider tokenProvider;
        private ClientCredentialsTokenProvider.Builder clientCredentials;
        private PlatformRateLimiter rateLimiter = PlatformRateLimiter.unlimited();
        private ClientListener listener = ClientListener.NONE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration fallbackRetryAfter = Duration.ofSeconds(60);
        private Duration maxPause = PlatformRateLimiter.DEFAULT_MAX_PAUSE;

        private Builder() {}

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
            return this;
        }

        /** Where the bearer tokens come from; or use {@link #clientCredentials}. */
        public Builder tokenProvider(TokenProvider tokenProvider) {
            this.tokenProvider = tokenProvider;
            this.clientCredentials = null;
            return this;
        }

        /**
         * Client credentials; the token provider is built with the client and fetches tokens with its connect and
         * request timeouts.
         */
        public Builder clientCredentials(ClientCredentialsTokenProvider.Builder clientCredentials) {
            this.clientCredentials = clientCredentials;
            this.tokenProvider = null;
            return this;
        }

        public Builder rateLimiter(PlatformRateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        public Builder listener(ClientListener listener) {
            this.listener = listener;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * The longest silence while a request waits for its answer or reads it (a socket timeout: a large upload
         * that keeps moving is not cut off).
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** How long to wait after a 429 that carried no usable {@code Retry-After}. */
        public Builder fallbackRetryAfter(Duration fallbackRetryAfter) {
            this.fallbackRetryAfter = fallbackRetryAfter;
            return this;
        }

        /**
         * The longest a single 429 may hold every request of this client (default 5 minutes): a longer
         * {@code Retry-After}, or an HTTP date far ahead, pauses this long only, with a WARN. The platform's own
         * Retry-After values are seconds to a minute; a day-long one comes from a proxy or a gateway.
         */
        public Builder maxPause(Duration maxPause) {
            if (maxPause.isNegative()) {
                throw new IllegalArgumentException("maxPause must not be negative, was " + maxPause);
            }
            this.maxPause = maxPause;
            return this;
        }

        public ITwinPlatformClient build() {
            if (tokenProvider == null && clientCredentials == null) {
                throw new NullPointerException("tokenProvider or clientCredentials");
            }
            return new ITwinPlatformClient(this);
        }
    }
}
