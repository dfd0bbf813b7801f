package io.camelitwin.client.internal;

import io.camelitwin.client.ClientListener;
import io.camelitwin.client.Redaction;
import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request path every operation goes through: rate-limit permit, bearer token, send, one token renewal on 401,
 * trusted redirects, and the translation of failures into typed exceptions. Never retries anything else: retries and
 * back-off belong to the routes, which see the exception types.
 */
public final class PlatformHttp {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformHttp.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http;
    private final TokenProvider tokens;
    private final PlatformRateLimiter limiter;
    private final ClientListener listener;
    private final Duration requestTimeout;
    private final TrustedDestinations trusted;
    private final ErrorResponseParser errors;

    public PlatformHttp(
            HttpClient http,
            TokenProvider tokens,
            PlatformRateLimiter limiter,
            ClientListener listener,
            Duration requestTimeout,
            TrustedDestinations trusted,
            ErrorResponseParser errors) {
        this.http = http;
        this.tokens = tokens;
        this.limiter = limiter;
        this.listener = listener;
        this.requestTimeout = requestTimeout;
        this.trusted = trusted;
        this.errors = errors;
    }

    /** Sends the call and returns its 2xx answer; closes the call's upload body in every case. */
    public PlatformResponse execute(PlatformRequest call) {
        try (UploadBody ignored = call.body()) {
            Attempt attempt = attempt(call);
            if (attempt.response().statusCode() == 401 && call.authenticated()) {
                tokens.invalidate(attempt.token());
                // a caller's one-shot stream is spent: the 401 stands, as an authentication failure
                if (call.replayable()) {
                    attempt = attempt(call);
                }
            }
            HttpResponse<byte[]> response = attempt.response();
            if (response.statusCode() / 100 != 2) {
                throw failure(call, attempt.uri(), response);
            }
            if (call.body() != null) {
                listener.onUploaded(call.operation(), call.body().length());
            }
            return new PlatformResponse(response.statusCode(), response.headers(), response.body());
        }
    }

    private Attempt attempt(PlatformRequest call) {
        URI uri = call.uri();
        for (int redirects = 0; ; redirects++) {
            String token = null;
            if (call.authenticated()) {
                // a token round trip between the permit and the request would delay this request, and so the start of
                // the platform's refill clock, behind the limiter's: at a limit equal to the platform's, the requests
                // that follow would then arrive a fraction of a permit too soon and get a 429
                tokens.getAccessToken();
                acquirePermit(call, uri);
                // the cached token, unless it neared expiry while the permit was awaited
                token = tokens.getAccessToken();
            }
            listener.onRequest(call.operation());
            HttpResponse<byte[]> response = send(call, uri, token);
            if (!call.followRedirects() || !REDIRECTS.contains(response.statusCode())) {
                return new Attempt(uri, token, response);
            }
            uri = redirectTarget(call, uri, response, redirects);
        }
    }

    private void acquirePermit(PlatformRequest call, URI uri) {
        try {
            listener.onLimiterWait(limiter.acquire());
        } catch (InterruptedException e) {
            throw interrupted(call, uri, e);
        }
    }

    private void awaitPause(PlatformRequest call, URI uri) {
        try {
            limiter.awaitPause();
        } catch (InterruptedException e) {
            throw interrupted(call, uri, e);
        }
    }

    private HttpResponse<byte[]> send(PlatformRequest call, URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .method(
                        call.method(),
                        call.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : call.body().publisher());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (call.accept() != null) {
            request.header("Accept", call.accept());
        }
        call.headers().forEach(request::header);

        if (call.authenticated()) {
            // the last moment to honour a 429 that another thread read while this one waited for its permit
            awaitPause(call, uri);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), tellingTheLimiter(call));
            LOG.debug("{} -> {} in {} ms", where(call, uri), response.statusCode(), millisSince(start));
            listener.onResponse(call.operation(), response.statusCode());
            return response;
        } catch (HttpTimeoutException e) {
            LOG.debug("{} timed out after {} ms", where(call, uri), millisSince(start));
            throw transientFailure(call, uri, "timed out", e);
        } catch (IOException e) {
            LOG.debug(
                    "{} failed after {} ms: {}",
                    where(call, uri),
                    millisSince(start),
                    e.getClass().getSimpleName());
            throw transientFailure(
                    call, uri, "failed without a response (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            throw interrupted(call, uri, e);
        }
    }

    /**
     * Reads the body as bytes, but first tells the limiter what the status line says: a 429 pauses every other thread
     * now, not after its body has been read and parsed.
     */
    private HttpResponse.BodyHandler<byte[]> tellingTheLimiter(PlatformRequest call) {
        return answer -> {
            if (call.authenticated()) {
                if (answer.statusCode() == 429) {
                    Instant now = Instant.now();
                    limiter.pauseUntil(now.plus(errors.retryAfter(answer.headers(), now)));
                } else if (answer.statusCode() < 500) {
                    limiter.onAccepted();
                }
            }
            return HttpResponse.BodySubscribers.ofByteArray();
        };
    }

    private URI redirectTarget(PlatformRequest call, URI from, HttpResponse<byte[]> response, int redirectsSoFar) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null || redirectsSoFar >= MAX_REDIRECTS) {
            throw failure(call, from, response);
        }
        URI target;
        try {
            target = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new ITwinApiException(
                    response.statusCode(),
                    null,
                    call.operation() + " " + where(call, from) + " redirected to a malformed location",
                    null,
                    null);
        }
        if (!trusted.mayCarryBearerToken(target)) {
            throw new ITwinApiException(
                    response.statusCode(),
                    null,
                    call.operation() + " " + where(call, from)
                            + " redirected to untrusted host " + target.getHost()
                            + ": not following, the bearer token goes only to the platform",
                    null,
                    null);
        }
        return target;
    }

    /** The exception for an error answer, after telling the listener what it implies. */
    private ITwinException failure(PlatformRequest call, URI uri, HttpResponse<byte[]> response) {
        Instant now = Instant.now();
        ITwinException failure = errors.toException(
                call.operation(), where(call, uri), response.statusCode(), response.headers(), response.body(), now);
        if (failure instanceof ITwinRateLimitException rateLimited) {
            listener.onRateLimited(call.operation(), rateLimited.getRetryAfter());
        } else if (failure instanceof ITwinTransientException) {
            listener.onTransientFailure(call.operation(), response.statusCode());
        }
        return failure;
    }

    private ITwinTransientException transientFailure(PlatformRequest call, URI uri, String what, IOException cause) {
        listener.onTransientFailure(call.operation(), 0);
        return new ITwinTransientException(0, call.operation() + " " + where(call, uri) + " " + what, cause);
    }

    private static ITwinException interrupted(PlatformRequest call, URI uri, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ITwinException(call.operation() + " " + where(call, uri) + " interrupted", e);
    }

    /**
     * The request as messages and logs show it: method and path for the API; the whole URL for a signed URL, whose host
     * matters. Credential-bearing query parameters are masked either way.
     */
    private static String where(PlatformRequest call, URI uri) {
        String shown = call.authenticated()
                ? uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                : uri.toString();
        return call.method() + " " + Redaction.redactUrl(shown);
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private record Attempt(URI uri, String token, HttpResponse<byte[]> response) {}
}
