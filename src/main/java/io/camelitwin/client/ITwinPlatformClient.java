package io.camelitwin.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A client for the iTwin Platform operations this project supports. Free of Camel types; thread-safe; one instance per
 * OAuth client (it owns the token cache and shares the rate limiter).
 *
 * <p>Every operation validates its input first ({@link ITwinValidationException}, nothing sent), then waits for a
 * rate-limit permit, then calls the platform. Failures are typed: {@link ITwinApiException} (with the envelope's
 * code), {@link ITwinRateLimitException} (429, with Retry-After), {@link ITwinTransientException} (5xx, I/O),
 * {@link ITwinAuthenticationException} (401 after one renewal).
 */
public final class ITwinPlatformClient {

    public static final String DEFAULT_BASE_URL = "https://api.bentley.com";
    public static final String ITWINS_ACCEPT = "application/vnd.bentley.itwin-platform.v1+json";
    public static final String IMODELS_ACCEPT = "application/vnd.bentley.itwin-platform.v2+json";

    private final Builder config;

    private ITwinPlatformClient(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code GET /itwins/{iTwinId}/image}. */
    public ITwinImage getITwinImage(String iTwinId) {
        throw new UnsupportedOperationException("pending");
    }

    /** {@code PUT /itwins/{iTwinId}/image}; returns the new image with its new names. */
    public ITwinImage uploadITwinImage(String iTwinId, ImageContent content) {
        throw new UnsupportedOperationException("pending");
    }

    /** {@code DELETE /itwins/{iTwinId}/image}. */
    public void deleteITwinImage(String iTwinId) {
        throw new UnsupportedOperationException("pending");
    }

    /**
     * Downloads the bytes behind a signed image URL returned by {@link #getITwinImage}. No bearer token is sent: the
     * URL carries its own signature, and may point at another host.
     */
    public byte[] downloadSignedUrl(String signedUrl) {
        throw new UnsupportedOperationException("pending");
    }

    /** {@code GET /imodels/{iModelId}/thumbnail?size=}; the PNG bytes. */
    public byte[] getIModelThumbnail(String iModelId, ImageSize size) {
        throw new UnsupportedOperationException("pending");
    }

    /** {@code PUT /imodels/{iModelId}/thumbnail}. */
    public void uploadIModelThumbnail(String iModelId, ImageContent content) {
        throw new UnsupportedOperationException("pending");
    }

    /**
     * {@code GET /itwins/repositories/{repositoryId}/resources/{resourceId}/graphics}, or the iTwin-scoped
     * {@code GET /itwins/{iTwinId}/repositories/...} when {@code iTwinId} is not null.
     */
    public List<Graphics> getGraphics(String iTwinId, String repositoryId, String resourceId) {
        throw new UnsupportedOperationException("pending");
    }

    /**
     * {@code GET /itwins?$top=&$skip=}; with {@code withImages}, {@code Prefer: return=representation} so that each
     * iTwin carries its small image name and URL.
     */
    public ITwinPage listITwins(int top, int skip, boolean withImages) {
        throw new UnsupportedOperationException("pending");
    }

    /** Follows a page's {@code next} link. */
    public ITwinPage listITwins(URI next, boolean withImages) {
        throw new UnsupportedOperationException("pending");
    }

    public static final class Builder {
        private URI baseUrl = URI.create(DEFAULT_BASE_URL);
        private TokenProvider tokenProvider;
        private PlatformRateLimiter rateLimiter = PlatformRateLimiter.unlimited();
        private ClientListener listener = ClientListener.NONE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration fallbackRetryAfter = Duration.ofSeconds(60);

        private Builder() {
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
            return this;
        }

        public Builder tokenProvider(TokenProvider tokenProvider) {
            this.tokenProvider = tokenProvider;
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

        /** How long one request may take, from sending to the end of the response. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** How long to wait after a 429 that carried no usable {@code Retry-After}. */
        public Builder fallbackRetryAfter(Duration fallbackRetryAfter) {
            this.fallbackRetryAfter = fallbackRetryAfter;
            return this;
        }

        public ITwinPlatformClient build() {
            Objects.requireNonNull(tokenProvider, "tokenProvider");
            return new ITwinPlatformClient(this);
        }
    }
}
