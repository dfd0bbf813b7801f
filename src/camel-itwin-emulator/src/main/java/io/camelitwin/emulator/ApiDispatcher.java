package io.camelitwin.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    ApiDispatcher(
            List<Route> routes,
            TokenService tokens,
            RateLimits rateLimits,
            FaultInjector faults,
            RequestLog requestLog,
            Clock clock,
            String fallbackBaseUrl) {
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
        ApiExchange call = new ApiExchange(exchange, fallbackBaseUrl, recorded -> record(recorded, at, nanoTime));
        try {
            Route route =
                    match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), call);
            call.clientId(tokens.authenticate(exchange.getRequestHeaders().getFirst("Authorization")));
            call.early(requestLog.arrived(call.clientId(), at));
            serve(route, call);
        } catch (ApiException e) {
            if (e.status() == 413) {
                call.respondErrorAndDiscardBody(e);
            } else {
                call.respondError(e);
            }
        } catch (IOException e) {
            LOG.debug(
                    "Connection lost while answering {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    e);
        } catch (RuntimeException e) {
            LOG.error(
                    "Unexpected failure on {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    e);
            call.respondError(ErrorResponses.internalError());
        } finally {
            call.record();
            exchange.close();
        }
    }

    /** A dropped connection is recorded with status -1 and closed without any response. */
    private void serve(Route route, ApiExchange call) throws IOException {
        if (faults.isBroken(call.exchange().getRequestURI().getRawPath())) {
            throw ErrorResponses.internalError();
        }
        FaultSettings settings = faults.settings();
        FaultInjector.Fault fault = faults.next(settings);
        if (settings.latencyMillis() > 0) {
            pause(settings.latencyMillis());
        }
        switch (fault) {
            case DROP:
                return;
            case THROTTLE:
                throttle(route, call, settings.throttleRetryAfterSeconds());
                return;
            case UNAVAILABLE:
                call.respond(503, "text/plain; charset=utf-8", "Service Unavailable".getBytes(StandardCharsets.UTF_8));
                return;
            case INTERNAL_ERROR:
                throw ErrorResponses.internalError();
            case HTML:
                call.respond(200, "text/html; charset=utf-8", FaultInjector.HTML_PAGE);
                return;
            default:
                break;
        }
        OptionalLong retryAfter = rateLimits.tryAcquire(call.clientId());
        if (retryAfter.isPresent()) {
            throttle(route, call, retryAfter.getAsLong());
            return;
        }
        route.handler().handle(call);
    }

    private Route match(String method, String rawPath, ApiExchange call) {
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

    private void throttle(Route route, ApiExchange call, long retryAfterSeconds) throws IOException {
        requestLog.throttled(call.clientId(), clock.instant().plusSeconds(retryAfterSeconds));
        var headers = call.exchange().getResponseHeaders();
        headers.set("Retry-After", Long.toString(retryAfterSeconds));
        headers.set("ITwinPlatform-RateLimited-Tier", rateLimits.settings().tier());
        headers.set("ITwinPlatform-RateLimited-API", route.api());
        headers.set("ITwinPlatform-RateLimited-Operation", route.operation());
        headers.set("ITwinPlatform-RateLimited-Application", call.clientId());
        Map<String, Map<String, String>> body = route.isUpload()
                ? Map.of(
                        "error",
                        Map.of(
                                "code",
                                "TooManyRequests",
                                "message",
                                "More requests were received than the subscription rate-limit allows."))
                : Map.of(
                        "error",
                        Map.of(
                                "code",
                                "RateLimitExceeded",
                                "message",
                                "The client sent more requests than allowed by this API for the current tier of the client."));
        call.respondJson(429, body);
    }

    private void record(ApiExchange call, Instant at, long nanoTime) {
        HttpExchange exchange = call.exchange();
        var headers = exchange.getRequestHeaders();
        requestLog.record(new RecordedRequest(
                at,
                nanoTime,
                call.clientId(),
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers.getFirst("Accept"),
                headers.getFirst("Content-Type"),
                headers.getFirst("Prefer"),
                call.bodyLength(),
                call.bodySha256(),
                call.status(),
                call.early()));
        LOG.debug(
                "{} {} -> {}",
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                call.status());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
