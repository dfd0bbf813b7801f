package io.camelitwin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.ClientDoubles.RecordingLimiter;
import io.camelitwin.client.ClientDoubles.RenewingTokens;
import io.camelitwin.client.ScriptedServer.Response;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import io.camelitwin.client.ratelimit.RequestLimits;
import io.camelitwin.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 429 stops every thread of the client from the moment its status line is read: the body of the answer may take its
 * time, and a thread that got its permit before the 429 still checks the pause immediately before it sends.
 */
class PauseAtStatusLineTest {

    private static final String EMPTY_PAGE = "{\"iTwins\":[],\"_links\":{\"self\":{\"href\":\"x\"}}}";
    private static final Duration SLOW_BODY = Duration.ofSeconds(2);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private ScriptedServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        server.close();
    }

    @Test
    void thePauseIsSetBeforeThe429sBodyHasArrived() throws Exception {
        RecordingLimiter limiter = new RecordingLimiter();
        ITwinPlatformClient client = client(limiter);
        server.enqueue(Response.text(429, "Too Many Requests")
                .header("Retry-After", "30")
                .bodyDelayed(SLOW_BODY));
        Instant before = Instant.now();

        Future<?> call = threads.submit(() -> client.listITwins(5, 0, false));

        // a loaded machine may take a while to run the handler, but not until the body has come
        Await.until(
                "paused while the body is still on its way",
                SLOW_BODY.minusMillis(500),
                () -> !limiter.pauses.isEmpty());
        assertThat(limiter.pauses)
                .as("paused while the body is still on its way")
                .hasSize(1);
        assertThat(call).isNotDone();
        assertThat(limiter.pauses.get(0)).isAfterOrEqualTo(before.plusSeconds(30));
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ITwinRateLimitException.class);
    }

    @Test
    void onceAnyThreadHasReadA429NoThreadSendsBeforeItsRetryAfterHasPassed() throws Exception {
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder()
                .limits(RequestLimits.perMinuteOnly(100_000))
                .build();
        ITwinPlatformClient client = client(limiter);
        // each thread alone would keep sending for more than a second: through the whole Retry-After
        int threadCount = 4;
        int callsPerThread = 50;
        Response ok = Response.json(200, EMPTY_PAGE).delayed(Duration.ofMillis(25));
        int before429 = 20;
        for (int i = 0; i < before429; i++) {
            server.enqueue(ok);
        }
        server.enqueue(Response.text(429, "Too Many Requests")
                .header("Retry-After", "1")
                .bodyDelayed(SLOW_BODY));
        for (int i = before429 + 1; i < threadCount * callsPerThread; i++) {
            server.enqueue(ok);
        }

        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            callers.add(threads.submit(() -> {
                for (int i = 0; i < callsPerThread; i++) {
                    try {
                        client.listITwins(5, 0, false);
                    } catch (ITwinRateLimitException expectedOnce) {
                        // the caller that got the 429 goes on with its next call
                    }
                }
                return null;
            }));
        }
        for (Future<?> caller : callers) {
            caller.get(30, TimeUnit.SECONDS);
        }

        List<ScriptedServer.Recorded> requests = server.requests();
        assertThat(requests).hasSize(threadCount * callsPerThread);
        // the 429's status line left the server when its request arrived (no delay before it)
        long statusLineSent = requests.stream()
                .filter(r -> r.answeredWith() == 429)
                .findFirst()
                .orElseThrow()
                .arrivedNanos();
        // requests sent before the client read that status line may still arrive a moment after it
        long inFlight = Duration.ofMillis(150).toNanos();
        long retryAfterEnds = statusLineSent + Duration.ofSeconds(1).toNanos();
        assertThat(requests)
                .as("ms after the 429 was sent: "
                        + requests.stream()
                                .map(r -> (r.arrivedNanos() - statusLineSent) / 1_000_000)
                                .toList())
                .noneMatch(r -> r.arrivedNanos() > statusLineSent + inFlight && r.arrivedNanos() < retryAfterEnds)
                .anyMatch(r -> r.arrivedNanos() >= retryAfterEnds);
    }

    private ITwinPlatformClient client(PlatformRateLimiter limiter) {
        return ITwinPlatformClient.builder()
                .baseUrl(server.baseUrl() + "/")
                .tokenProvider(new RenewingTokens())
                .rateLimiter(limiter)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }
}
