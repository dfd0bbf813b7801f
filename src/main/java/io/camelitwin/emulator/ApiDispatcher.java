package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;

/**
 * The path every API call takes: route, authenticate, inject faults, rate-limit, handle, record. Rate limiting comes
 * after authentication because the limit belongs to the OAuth client of the token.
 */
final class ApiDispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);

    private final List<Route> routes;
    private final TokenService tokens;
    private final RateLimits rateLimits;
    private final FaultInjector faults;
    private final RequestLog requestLog;
    private final Clock clock;
    private final String fallbackBaseUrl;

    ApiDispatcher(List<Route> routes, TokenService tokens, RateLimits rateLimits, FaultInjector faults,
                  RequestLog requestLog, Clock clock, String fallbackBaseUrl) {
        this.routes = List.copyOf(routes);
        this.tokens = tokens;
        this.rateLimits = rateLimits;
        this.faults = faults;
        this.requestLog = requestLog;
        this.clock = clock;
        this.fallbackBaseUrl = fallbackBaseUrl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long nanoTime = System.nanoTime();
        Instant at = clock.instant();
        ApiCall call = new ApiCall(exchange, fallbackBaseUrl);
        boolean early = false;
        boolean dropped = false;
        boolean recorded = false;
        try {
            Route route = match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), call);
            call.clientId(tokens.authenticate(exchange.getRequestHeaders().getFirst("Authorization")));
            early = requestLog.arrived(call.clientId(), at);
            dropped = !serve(route, call);
        } catch (ApiException e) {
            if (e.status() == 413) {
                // the client reads this answer long before the rest of its upload is drained: log the request first,
                // so that a client that has its answer also finds the request in the log
                record(exchange, call, at, nanoTime, early, e.status());
                recorded = true;
                call.respondErrorAndDiscardBody(e);
            } else {
                call.respondError(e);
            }
        } catch (IOException e) {
            LOG.debug("Connection lost while answering {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            call.respondError(ErrorResponses.internalError());
        } finally {
            exchange.close();
            if (!recorded) {
                record(exchange, call, at, nanoTime, early, dropped ? -1 : call.status());
            }
        }
    }

    /** False when the connection was dropped on purpose. */
    private boolean serve(Route route, ApiCall call) throws IOException {
        FaultInjector.Fault fault = faults.next();
        long latency = faults.settings().latencyMillis();
        if (latency > 0) {
            pause(latency);
        }
        switch (fault) {
            case DROP:
                return false;
            case THROTTLE:
                throttle(route, call, faults.settings().throttleRetryAfterSeconds());
                return true;
            case UNAVAILABLE:
                call.respond(503, "text/plain; charset=utf-8",
                        "Service Unavailable".getBytes(StandardCharsets.UTF_8));
                return true;
            case INTERNAL_ERROR:
                throw ErrorResponses.internalError();
            default:
                break;
        }
        OptionalLong retryAfter = rateLimits.tryAcquire(call.clientId());
        if (retryAfter.isPresent()) {
            throttle(route, call, retryAfter.getAsLong());
            return true;
        }
        route.handler().handle(call);
        return true;
    }

    private Route match(String method, String rawPath, ApiCall call) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(rawPath);
            if (matcher.matches()) {
                if (route.method().equals(method)) {
                    call.route(matcher);
                    return route;
                }
                pathKnown = true;
            }
        }
        throw pathKnown ? ErrorResponses.methodNotAllowed() : ErrorResponses.routeNotFound();
    }

    private void throttle(Route route, ApiCall call, long retryAfterSeconds) throws IOException {
        requestLog.throttled(call.clientId(), clock.instant().plusSeconds(retryAfterSeconds));
        var headers = call.exchange().getResponseHeaders();
        headers.set("Retry-After", Long.toString(retryAfterSeconds));
        headers.set("ITwinPlatform-RateLimited-Tier", rateLimits.settings().tier());
        headers.set("ITwinPlatform-RateLimited-API", route.api());
        headers.set("ITwinPlatform-RateLimited-Operation", route.operation());
        headers.set("ITwinPlatform-RateLimited-Application", call.clientId());
        Map<String, Map<String, String>> body = route.isUpload()
                ? Map.of("error", Map.of("code", "TooManyRequests",
                        "message", "More requests were received than the subscription rate-limit allows."))
                : Map.of("error", Map.of("code", "RateLimitExceeded",
                        "message", "The client sent more requests than allowed by this API for the current tier of the client."));
        call.respondJson(429, body);
    }

    private void record(HttpExchange exchange, ApiCall call, Instant at, long nanoTime, boolean early, int status) {
        var headers = exchange.getRequestHeaders();
        requestLog.record(new RecordedRequest(at, nanoTime, call.clientId(), exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                headers.getFirst("Accept"), headers.getFirst("Content-Type"), headers.getFirst("Prefer"),
                call.bodyLength(), call.bodySha256(), status, early));
        LOG.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), status);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
