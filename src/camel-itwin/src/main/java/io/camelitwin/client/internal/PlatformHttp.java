package io.camelitwin.client.internal;

import io.camelitwin.client.ClientListener;
import io.camelitwin.client.Redaction;
import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.message.HeaderGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request path every operation goes through: rate-limit permit, bearer token, send, one token renewal on 401,
 * trusted redirects, and the translation of failures into typed exceptions. Never retries anything else: retries and
 * back-off belong to the routes, which see the exception types.
 *
 * <p>Requests go through Apache HttpClient 5 (classic, blocking I/O on the caller's thread): on small calls it costs
 * less CPU and has a shorter tail than the JDK HttpClient, whose selector thread hands every answer over to the caller
 * (docs/benchmarks.md). The HttpClient is built on the first request and shared with the identity's token requests
 * ({@link LazyHttpClient}). Its own retries, redirects, cookies and decompression are off: this class decides those.
 */
public final class PlatformHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformHttp.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;

    private final LazyHttpClient http;
    private final Supplier<String> tokens;
    private final Consumer<String> refusedTokens;
    private final PlatformRateLimiter limiter;
    private final ClientListener listener;
    private final TrustedDestinations trusted;
    private final ErrorResponseParser errors;

    /**
     * @param tokens        the identity's bearer token, cached or renewed (its token provider's {@code getAccessToken})
     * @param refusedTokens told of a token the platform refused with a 401 (its token provider's {@code invalidate})
     */
    public PlatformHttp(
            LazyHttpClient http,
            Supplier<String> tokens,
            Consumer<String> refusedTokens,
            PlatformRateLimiter limiter,
            ClientListener listener,
            TrustedDestinations trusted,
            ErrorResponseParser errors) {
        this.http = http;
        this.tokens = tokens;
        this.refusedTokens = refusedTokens;
        this.limiter = limiter;
        this.listener = listener;
        this.trusted = trusted;
        this.errors = errors;
    }

    /** Sends the call and returns its 2xx answer; closes the call's upload body in every case. */
    public PlatformResponse execute(PlatformRequest call) {
        return execute(call, response -> response);
    }

    /**
     * Sends the call and reads its 2xx answer with {@code reader}; closes the call's upload body in every case. An
     * answer the reader finds is not the documented one ({@link ITwinTransientException}) counts as a transient failure
     * of the call, as a 5xx would, and an upload counts as accepted only once its answer was read.
     */
    public <T> T execute(PlatformRequest call, Function<PlatformResponse, T> reader) {
        try (UploadBody ignored = call.body()) {
            Attempt attempt = attempt(call);
            if (attempt.response().statusCode() == 401 && call.authenticated()) {
                refusedTokens.accept(attempt.token());
                // a caller's one-shot stream is spent: the 401 stands, as an authentication failure
                if (call.replayable()) {
                    attempt = attempt(call);
                }
            }
            PlatformResponse response = attempt.response();
            if (response.statusCode() / 100 != 2) {
                throw failure(call, attempt.uri(), response);
            }
            T read;
            try {
                read = reader.apply(response);
            } catch (ITwinTransientException unexpected) {
                listener.onTransientFailure(call.operation(), response.statusCode());
                throw unexpected;
            }
            if (call.body() != null) {
                listener.onUploaded(call.operation(), call.body().length());
            }
            return read;
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
                tokens.get();
                acquirePermit(call, uri);
                // the cached token, unless it neared expiry while the permit was awaited
                token = tokens.get();
            }
            listener.onRequest(call.operation());
            PlatformResponse response = send(call, uri, token);
            if (!call.followRedirects() || !REDIRECTS.contains(response.statusCode())) {
                return new Attempt(uri, token, response);
            }
            uri = redirectTarget(call, uri, response, redirects);
        }
    }

    private void acquirePermit(PlatformRequest call, URI uri) {
        try {
            listener.onLimiterWait(limiter.acquire(call.operation()));
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

    private PlatformResponse send(PlatformRequest call, URI uri, String token) {
        ClassicRequestBuilder request =
                ClassicRequestBuilder.create(call.method()).setUri(uri);
        if (token != null) {
            request.addHeader("Authorization", "Bearer " + token);
        }
        if (call.accept() != null) {
            request.addHeader("Accept", call.accept());
        }
        call.headers().forEach(request::addHeader);
        if (call.body() != null) {
            request.setEntity(call.body().entity());
        }

        if (call.authenticated()) {
            // the last moment to honour a 429 that another thread read while this one waited for its permit
            awaitPause(call, uri);
        }
        long start = System.nanoTime();
        try {
            PlatformResponse response = http.get().execute(request.build(), answer -> read(call, uri, answer));
            if (LOG.isDebugEnabled()) {
                // the redacted request line is built only when it is logged, not on every successful call
                LOG.debug("{} -> {} in {} ms", where(call, uri), response.statusCode(), millisSince(start));
            }
            listener.onResponse(call.operation(), response.statusCode());
            return response;
        } catch (LengthCheckedInputStream.LengthMismatchException e) {
            // the caller's stream did not hold the length it declared: its fault, and sending it again cannot help
            throw new ITwinValidationException("body", e.getMessage());
        } catch (InterruptedIOException e) {
            // connect and read timeouts
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
        }
    }

    /**
     * Reads the whole answer, so that the connection goes back to the pool before the caller looks at it; but first
     * tells the limiter what the status line says: a 429 pauses every other thread now, not after its body has been
     * read and parsed.
     */
    private PlatformResponse read(PlatformRequest call, URI uri, ClassicHttpResponse response) throws IOException {
        if (call.authenticated()) {
            if (response.getCode() == 429) {
                Instant now = Instant.now();
                ErrorResponseParser.RateLimitPause pause = errors.pause(response, now);
                if (pause.capped()) {
                    // a day-long Retry-After (a proxy's, a misconfigured gateway's) would hold every route of the
                    // OAuth client, in every replica sharing the pause, for that long; the 429 itself is honoured
                    LOG.warn(
                            "{} {} answered 429 asking to wait {} s: pausing every request for {} s, the longest"
                                    + " pause (maxPause)",
                            call.operation(),
                            where(call, uri),
                            pause.asked().toSeconds(),
                            pause.applied().toSeconds());
                    listener.onPauseCapped(call.operation(), pause.asked(), pause.applied());
                }
                limiter.pauseUntil(now.plus(pause.applied()), call.operation());
            } else if (response.getCode() < 500) {
                limiter.onAccepted(call.operation());
            }
        }
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
        HeaderGroup headers = new HeaderGroup();
        headers.setHeaders(response.getHeaders());
        return new PlatformResponse(response.getCode(), headers, body);
    }

    /** Closes the HttpClient and its pooled connections, if it was ever built. */
    @Override
    public void close() {
        http.close();
    }

    private URI redirectTarget(PlatformRequest call, URI from, PlatformResponse response, int redirectsSoFar) {
        String location = response.header("Location");
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
    private ITwinException failure(PlatformRequest call, URI uri, PlatformResponse response) {
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
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private record Attempt(URI uri, String token, PlatformResponse response) {
        @Override
        public String toString() {
            return "Attempt[" + Redaction.redactUrl(uri.toString()) + " -> " + response.statusCode() + "]";
        }
    }
}
