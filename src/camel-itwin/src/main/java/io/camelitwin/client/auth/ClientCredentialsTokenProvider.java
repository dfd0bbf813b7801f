package io.camelitwin.client.auth;

import io.camelitwin.client.Redaction;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.client.internal.JsonMapping;
import io.camelitwin.client.internal.LazyHttpClient;
import io.camelitwin.client.internal.RetryAfter;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens of a service app (OAuth 2.0 client credentials grant), cached until shortly before they expire.
 *
 * <p>Fetching is single-flight: however many threads find the cache stale at once, one request goes to the token
 * endpoint and the others wait for its outcome, success or failure. A burst of callers after expiry (or after a 401)
 * must not turn into a burst on the identity service.
 *
 * <p>A refusal (wrong client id or secret, unknown scope) does not mend itself, so it is not asked again at every call:
 * until a back-off has passed (1 s, doubling up to 5 minutes by default) callers get the same refusal at once, and the
 * identity service sees a handful of requests an hour instead of one per message or health probe. The first refusal
 * is logged as an error; the ones that follow only at debug level (but for one a minute, below), until the identity is
 * accepted again.
 *
 * <p>A fault of the identity service is not a refusal: a 5xx or 408, no answer at all, or an answer that is no token
 * (a 200 with a proxy's HTML maintenance or login page, a token answer without {@code access_token}, a redirect)
 * is an {@link ITwinTransientException}, which routes redeliver with back-off instead of refusing the content. It is
 * not asked again at every call either: callers get the same fault at once until a shorter back-off has passed (1 s,
 * doubling up to 10 s by default), so that every route, redelivery and health probe together make a few requests a
 * minute to a service that is in trouble, and a recovered service is asked again within seconds. The first fault of
 * a row is logged as a warning, the rest at debug level. While a fault or a 429 of the token endpoint holds, callers
 * still get the cached token as long as it has not expired: renewal starts a margin before expiry, and a token the
 * platform still accepts must not be withheld because its successor could not be had yet. A row of failures that does
 * not end (a wrong token URL, revoked credentials) is logged again at its level at most once a minute, with how long it
 * has lasted, so that it is seen in a long log without flooding it.
 *
 * <p>Requests go through Apache HttpClient 5, built for the first token request: the platform client's own when this
 * provider belongs to an {@link io.camelitwin.client.ITwinPlatformClient} (one HttpClient per OAuth identity), else
 * one of its own, which {@link #close()} releases.
 */
public final class ClientCredentialsTokenProvider implements TokenProvider, AutoCloseable {

    public static final String DEFAULT_TOKEN_URL = "https://ims.bentley.com/connect/token";
    public static final String DEFAULT_SCOPE = "itwin-platform";

    private static final Logger LOG = LoggerFactory.getLogger(ClientCredentialsTokenProvider.class);
    /** How long a 429 of the token endpoint without a usable Retry-After holds the caller. */
    private static final Duration TOKEN_FALLBACK_RETRY_AFTER = Duration.ofSeconds(60);
    /**
     * How often a row of failures that does not end (a wrong token URL, revoked credentials) is logged again at its
     * level: once is easily missed in a long log, every time would flood it.
     */
    static final Duration LOG_AGAIN_AFTER = Duration.ofMinutes(1);

    /** How the client proves its identity to the token endpoint (RFC 6749 section 2.3.1). */
    public enum ClientAuthentication {
        /** HTTP Basic with the URL-encoded client id and secret; what Bentley's own client does. */
        CLIENT_SECRET_BASIC,
        /** {@code client_id} and {@code client_secret} as form fields. */
        CLIENT_SECRET_POST
    }

    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final ClientAuthentication clientAuthentication;
    private final Duration renewBeforeExpiry;
    private final Clock clock;
    private final Duration refusalBackoff;
    private final Duration maxRefusalBackoff;
    private final Duration maxPause;
    private final Duration faultBackoff;
    private final Duration maxFaultBackoff;
    private final Supplier<CloseableHttpClient> http;
    /** The HttpClient this provider built for itself and closes; null when it sends through the platform client's. */
    private final LazyHttpClient ownHttp;

    private final JsonMapping json = new JsonMapping();

    private final Object lock = new Object();
    private CachedToken cached;
    private CompletableFuture<CachedToken> inFlight;
    private Held<ITwinAuthenticationException> refusal;
    private Held<ITwinTransientException> fault;
    /** Until when the token endpoint asked everyone to wait (its 429): no request is sent before. */
    private Instant rateLimitedUntil = Instant.MIN;

    private ClientCredentialsTokenProvider(Builder builder) {
        this.tokenUrl = builder.tokenUrl;
        this.clientId = builder.clientId;
        this.clientSecret = builder.clientSecret;
        this.scope = builder.scope;
        this.clientAuthentication = builder.clientAuthentication;
        this.renewBeforeExpiry = builder.renewBeforeExpiry;
        this.clock = builder.clock;
        this.ownHttp =
                builder.sharedHttp != null ? null : new LazyHttpClient(builder.connectTimeout, builder.requestTimeout);
        this.http = builder.sharedHttp != null ? builder.sharedHttp : ownHttp;
        this.refusalBackoff = builder.refusalBackoff;
        this.maxRefusalBackoff = builder.maxRefusalBackoff;
        this.maxPause = builder.maxPause;
        this.faultBackoff = builder.faultBackoff;
        this.maxFaultBackoff = builder.maxFaultBackoff;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String getAccessToken() {
        CompletableFuture<CachedToken> flight;
        boolean mine;
        synchronized (lock) {
            if (cached != null && cached.usableAt(clock.instant())) {
                return cached.token();
            }
            if (refusal != null && refusal.standsAt(clock.instant())) {
                throw refusal.repeated();
            }
            if (fault != null && fault.standsAt(clock.instant())) {
                return stillValidOr(fault.repeated());
            }
            if (clock.instant().isBefore(rateLimitedUntil)) {
                return stillValidOr(rateLimited(Duration.between(clock.instant(), rateLimitedUntil), true));
            }
            mine = inFlight == null;
            if (mine) {
                inFlight = new CompletableFuture<>();
            }
            flight = inFlight;
        }
        return mine ? fetchFor(flight) : await(flight);
    }

    /** Drops the cached token only if it is the rejected one: a late 401 must not discard a token fetched since. */
    @Override
    public void invalidate(String rejectedToken) {
        synchronized (lock) {
            if (cached != null && cached.token().equals(rejectedToken)) {
                cached = null;
            }
        }
    }

    private String fetchFor(CompletableFuture<CachedToken> mine) {
        try {
            CachedToken fetched = fetch();
            synchronized (lock) {
                cached = fetched;
                if (refusal != null) {
                    LOG.info("Token endpoint {} accepts client {} again", tokenUrl, clientId);
                    refusal = null;
                }
                if (fault != null) {
                    LOG.info("Token endpoint {} answers with tokens again", tokenUrl);
                    fault = null;
                }
            }
            mine.complete(fetched);
            return fetched.token();
        } catch (ITwinAuthenticationException refused) {
            synchronized (lock) {
                refusal = nextRefusal(refused);
            }
            mine.completeExceptionally(refused);
            throw refused;
        } catch (ITwinTransientException failed) {
            synchronized (lock) {
                fault = nextFault(failed);
            }
            mine.completeExceptionally(failed);
            return stillValidOr(failed);
        } catch (ITwinRateLimitException limited) {
            synchronized (lock) {
                rateLimitedUntil = clock.instant().plus(limited.getRetryAfter());
            }
            mine.completeExceptionally(limited);
            return stillValidOr(limited);
        } catch (RuntimeException | Error failure) {
            mine.completeExceptionally(failure);
            throw failure;
        } finally {
            synchronized (lock) {
                inFlight = null;
            }
        }
    }

    /**
     * The cached token while it has not expired, else the failure. A renewal is due a margin before expiry: a fault
     * or a 429 of the token endpoint in that margin must not stop callers that still hold a token the platform
     * accepts. A refusal is thrown as it is: the credentials are wrong now, and a rejected token was dropped already.
     */
    private String stillValidOr(ITwinException failure) {
        synchronized (lock) {
            if (cached != null && cached.validAt(clock.instant())) {
                return cached.token();
            }
        }
        throw failure;
    }

    /**
     * Doubles the wait after each refusal in a row; logs the first of a row as the error it is, and again at most
     * every {@link #LOG_AGAIN_AFTER} while the row lasts.
     */
    private Held<ITwinAuthenticationException> nextRefusal(ITwinAuthenticationException refused) {
        Held<ITwinAuthenticationException> next = Held.after(
                refusal,
                refused,
                refusalBackoff,
                maxRefusalBackoff,
                clock.instant(),
                (failure, message) ->
                        new ITwinAuthenticationException(failure.getStatusCode(), failure.getCode(), message));
        if (next.dueForLog(clock.instant())) {
            LOG.error(
                    "{}. Check the client id, the secret and the token URL; {}not asking again before {}, then less"
                            + " and less often (at most every {})",
                    refused.getMessage(),
                    next.row(),
                    next.retryAt(),
                    maxRefusalBackoff);
            return next.loggedAt(clock.instant());
        }
        LOG.debug("{}; not asking again before {}", refused.getMessage(), next.retryAt());
        return next;
    }

    /**
     * Doubles the wait after each fault in a row; the first of a row is worth a warning, and so is one at most every
     * {@link #LOG_AGAIN_AFTER} while the row lasts (a wrong token URL never mends itself); the rest only at debug.
     */
    private Held<ITwinTransientException> nextFault(ITwinTransientException failed) {
        Held<ITwinTransientException> next = Held.after(
                fault,
                failed,
                faultBackoff,
                maxFaultBackoff,
                clock.instant(),
                (failure, message) -> new ITwinTransientException(failure.getStatusCode(), message, null));
        if (next.dueForLog(clock.instant())) {
            LOG.warn(
                    "{}; taken as a passing fault: {}not asking again before {}",
                    failed.getMessage(),
                    next.row(),
                    next.retryAt());
            return next.loggedAt(clock.instant());
        }
        LOG.debug("{}; not asking again before {}", failed.getMessage(), next.retryAt());
        return next;
    }

    private String await(CompletableFuture<CachedToken> running) {
        try {
            return running.get().token();
        } catch (ExecutionException e) {
            // the same typed failure the fetching thread got, so routes handle it the same way, or the token it kept
            if (e.getCause() instanceof ITwinTransientException || e.getCause() instanceof ITwinRateLimitException) {
                return stillValidOr((ITwinException) e.getCause());
            }
            if (e.getCause() instanceof ITwinException failure) {
                throw failure;
            }
            throw new ITwinException("token request to " + tokenUrl + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ITwinException("interrupted while waiting for a token from " + tokenUrl, e);
        }
    }

    private CachedToken fetch() {
        // taken before sending, so that the expiry we compute is never later than the server's
        Instant issuedAt = clock.instant();
        TokenResponse response = send(buildRequest());
        int status = response.status();
        if (status == 429) {
            // the identity service's own rate limit: the credentials are fine, the caller waits as for the API's 429
            Optional<Duration> asked = RetryAfter.parse(response.retryAfter(), clock.instant());
            Duration wait = asked.orElse(TOKEN_FALLBACK_RETRY_AFTER);
            if (wait.compareTo(maxPause) > 0) {
                LOG.warn(
                        "Token endpoint {} answered 429 asking to wait {} s: holding token requests for {} s, the"
                                + " longest pause (maxPause)",
                        tokenUrl,
                        wait.toSeconds(),
                        maxPause.toSeconds());
                wait = maxPause;
            }
            throw rateLimited(wait, asked.isPresent());
        }
        if (status >= 500 || status == 408) {
            throw new ITwinTransientException(status, "token request to " + tokenUrl + " failed: HTTP " + status, null);
        }
        if (status >= 400) {
            throw refused(status, response.body());
        }
        String context = "token request to " + tokenUrl;
        if (status != 200) {
            // a redirect (a proxy's login page) or another success: not the token endpoint's answer, and no refusal
            throw JsonMapping.unexpected(status, context, "no token answer");
        }
        JsonMapping.TokenBody body = json.token(status, response.body(), context);
        if (body.accessToken() == null || body.accessToken().isBlank()) {
            throw JsonMapping.unexpected(status, context, "no access_token");
        }
        long lifetime = body.expiresIn() == null ? 3600 : body.expiresIn();
        // a token that lives shorter than the margin would be stale on arrival: renew it at half-life instead
        long margin = Math.min(renewBeforeExpiry.toSeconds(), lifetime / 2);
        return new CachedToken(
                body.accessToken(), issuedAt.plusSeconds(lifetime - margin), issuedAt.plusSeconds(lifetime));
    }

    private ITwinRateLimitException rateLimited(Duration wait, boolean fromServer) {
        return new ITwinRateLimitException(
                null,
                "token request to " + tokenUrl + " was rate limited: HTTP 429 (retry after " + wait.toSeconds() + " s)",
                List.of(),
                wait,
                fromServer,
                new ITwinRateLimitException.RateLimitedBy(null, null, null, null));
    }

    private ClassicHttpRequest buildRequest() {
        StringBuilder form = new StringBuilder("grant_type=client_credentials&scope=").append(encode(scope));
        ClassicRequestBuilder request = ClassicRequestBuilder.post(tokenUrl).addHeader("Accept", "application/json");
        if (clientAuthentication == ClientAuthentication.CLIENT_SECRET_BASIC) {
            String credentials = encode(clientId) + ":" + encode(clientSecret);
            request.addHeader(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.append("&client_id=")
                    .append(encode(clientId))
                    .append("&client_secret=")
                    .append(encode(clientSecret));
        }
        // the form as it is, without "; charset=" (which some identity services refuse): it is ASCII once encoded
        return request.setEntity(
                        new StringEntity(form.toString(), ContentType.create("application/x-www-form-urlencoded")))
                .build();
    }

    private TokenResponse send(ClassicHttpRequest request) {
        long start = System.nanoTime();
        try {
            TokenResponse response = http.get()
                    .execute(
                            request,
                            answer -> new TokenResponse(
                                    answer.getCode(),
                                    answer.getEntity() == null
                                            ? new byte[0]
                                            : EntityUtils.toByteArray(answer.getEntity()),
                                    answer.getFirstHeader("Retry-After") == null
                                            ? null
                                            : answer.getFirstHeader("Retry-After")
                                                    .getValue()));
            LOG.debug(
                    "POST {} -> {} in {} ms",
                    tokenUrl,
                    response.status(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            return response;
        } catch (IOException e) {
            LOG.debug("POST {} failed: {}", tokenUrl, e.getClass().getSimpleName());
            if (Thread.currentThread().isInterrupted()) {
                throw new ITwinException("token request to " + tokenUrl + " interrupted", e);
            }
            throw new ITwinTransientException(
                    0,
                    "token request to " + tokenUrl + " failed without a response ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private ITwinAuthenticationException refused(int status, byte[] body) {
        Optional<JsonMapping.OAuthErrorBody> error = json.oauthError(body);
        String code = error.map(JsonMapping.OAuthErrorBody::error).orElse(null);
        String reason = error.map(
                        e -> " " + e.error() + (e.errorDescription() == null ? "" : ": " + e.errorDescription()))
                .orElse("");
        String message =
                "token request to " + tokenUrl + " for client " + clientId + " refused: HTTP " + status + reason;
        // an identity service may echo what it was sent; the secret must not reach a log through us
        return new ITwinAuthenticationException(
                status, code, Redaction.redactText(message.replace(clientSecret, Redaction.MASK)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Closes the HttpClient it built and its pooled connections; a later token request builds a new one. One shared
     * with a platform client is that client's to close.
     */
    @Override
    public void close() {
        if (ownHttp != null) {
            ownHttp.close();
        }
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokenProvider[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret="
                + Redaction.maskValue(clientSecret) + ", scope=" + scope + ", clientAuthentication="
                + clientAuthentication + "]";
    }

    /**
     * The last failure of a row (refusals, or faults), and when the token endpoint may be asked again: the wait doubles
     * with every failure in a row, up to a maximum. It counts the failures of the row since it began and remembers
     * when the row was last logged at its level.
     */
    private record Held<E extends ITwinException>(
            E failure,
            Duration backoff,
            Instant retryAt,
            BiFunction<E, String, E> copy,
            int failures,
            Instant since,
            Instant loggedAt) {

        static <E extends ITwinException> Held<E> after(
                Held<E> previous,
                E failure,
                Duration initial,
                Duration max,
                Instant now,
                BiFunction<E, String, E> copy) {
            Duration doubled = previous == null ? initial : previous.backoff().multipliedBy(2);
            Duration wait = doubled.compareTo(max) <= 0 ? doubled : max;
            return previous == null
                    ? new Held<>(failure, wait, now.plus(wait), copy, 1, now, null)
                    : new Held<>(
                            failure,
                            wait,
                            now.plus(wait),
                            copy,
                            previous.failures() + 1,
                            previous.since(),
                            previous.loggedAt());
        }

        boolean standsAt(Instant now) {
            return now.isBefore(retryAt);
        }

        boolean dueForLog(Instant now) {
            return loggedAt == null || !now.isBefore(loggedAt.plus(LOG_AGAIN_AFTER));
        }

        Held<E> loggedAt(Instant now) {
            return new Held<>(failure, backoff, retryAt, copy, failures, since, now);
        }

        /** For a log line: how long the row has lasted, when it is more than its first failure. */
        String row() {
            return failures == 1 ? "" : "failing " + failures + " times in a row since " + since + "; ";
        }

        /**
         * A fresh exception for each caller, saying until when it stands: one instance thrown in many threads would
         * collect their suppressions.
         */
        E repeated() {
            return copy.apply(failure, failure.getMessage() + " (not asking again before " + retryAt + ")");
        }
    }

    private record TokenResponse(int status, byte[] body, String retryAfter) {}

    private record CachedToken(String token, Instant renewAt, Instant expiresAt) {
        boolean usableAt(Instant now) {
            return now.isBefore(renewAt);
        }

        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "CachedToken[renewAt=" + renewAt + ", expiresAt=" + expiresAt + "]";
        }
    }

    public static final class Builder {
        private URI tokenUrl = URI.create(DEFAULT_TOKEN_URL);
        private String clientId;
        private String clientSecret;
        private String scope = DEFAULT_SCOPE;
        private ClientAuthentication clientAuthentication = ClientAuthentication.CLIENT_SECRET_BASIC;
        private Duration renewBeforeExpiry = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Supplier<CloseableHttpClient> sharedHttp;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration refusalBackoff = Duration.ofSeconds(1);
        private Duration maxRefusalBackoff = Duration.ofMinutes(5);
        private Duration maxPause = PlatformRateLimiter.DEFAULT_MAX_PAUSE;
        private Duration faultBackoff = Duration.ofSeconds(1);
        private Duration maxFaultBackoff = Duration.ofSeconds(10);

        private Builder() {}

        public Builder tokenUrl(String tokenUrl) {
            this.tokenUrl = URI.create(tokenUrl);
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** Space-separated scopes; {@value #DEFAULT_SCOPE} by default. */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        public Builder clientAuthentication(ClientAuthentication clientAuthentication) {
            this.clientAuthentication = clientAuthentication;
            return this;
        }

        /** How long before its expiry a cached token is replaced; 60 s by default. */
        public Builder renewBeforeExpiry(Duration renewBeforeExpiry) {
            this.renewBeforeExpiry = renewBeforeExpiry;
            return this;
        }

        /** The clock that decides when a cached token is due for renewal (a fixed or stepped one in tests). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sends the token requests through another HttpClient, with its timeouts, instead of one of the provider's own:
         * for {@link io.camelitwin.client.ITwinPlatformClient}, which builds its HttpClient on first use, and owns and
         * closes it.
         */
        public Builder sharing(Supplier<CloseableHttpClient> platformHttp) {
            this.sharedHttp = platformHttp;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * How long a refusal of the credentials stands before the token endpoint is asked again (1 s by default); it
         * doubles with every refusal in a row up to {@code max} (5 minutes by default).
         */
        public Builder refusalBackoff(Duration initial, Duration max) {
            this.refusalBackoff = initial;
            this.maxRefusalBackoff = max;
            return this;
        }

        /** The longest a single 429 of the token endpoint holds token requests, whatever its Retry-After (5 minutes). */
        public Builder maxPause(Duration maxPause) {
            this.maxPause = Objects.requireNonNull(maxPause, "maxPause");
            return this;
        }

        /**
         * How long a fault of the token endpoint (5xx, 408, no answer, an answer that is no token) stands before it is
         * asked again (1 s by default); it doubles with every fault in a row up to {@code max} (10 s by default). Keep
         * the maximum below the routes' transient back-off, so that a redelivery finds the endpoint asked again.
         */
        public Builder faultBackoff(Duration initial, Duration max) {
            this.faultBackoff = initial;
            this.maxFaultBackoff = max;
            return this;
        }

        public ClientCredentialsTokenProvider build() {
            requireText(clientId, "clientId");
            requireText(clientSecret, "clientSecret");
            requireText(scope, "scope");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(clientAuthentication, "clientAuthentication");
            Objects.requireNonNull(renewBeforeExpiry, "renewBeforeExpiry");
            Objects.requireNonNull(clock, "clock");
            if (refusalBackoff.isNegative() || maxRefusalBackoff.compareTo(refusalBackoff) < 0) {
                throw new IllegalArgumentException("refusalBackoff must be >= 0 and <= its maximum");
            }
            if (faultBackoff.isNegative() || maxFaultBackoff.compareTo(faultBackoff) < 0) {
                throw new IllegalArgumentException("faultBackoff must be >= 0 and <= its maximum");
            }
            return new ClientCredentialsTokenProvider(this);
        }

        private static void requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is required");
            }
        }
    }
}
