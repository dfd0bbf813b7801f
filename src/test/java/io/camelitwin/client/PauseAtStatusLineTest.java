package io.camelitwin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.ClientDoubles.RecordingLimiter;
import io.camelitwin.client.ClientDoubles.RenewingTokens;
import io.camelitwin.client.ScriptedServer.Response;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.PauseState;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 429 stops every thread of the client from the moment its status line is read: the body of the answer may take its
 * time, and a thread that got its permit before the 429 still checks the pause immediately before it sends.
 */
class PauseAtStatusLineTest {

    private static final String EMPTY_PAGE = "{\"iTwins\":[],\"_links\":{\"self\":{\"href\":\"x\"}}}";
    private static final Duration SLOW_BODY = Duration.ofMillis(800);

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

        long deadline = System.nanoTime() + SLOW_BODY.toNanos() / 2;
        while (limiter.pauses.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(limiter.pauses)
                .as("paused while the body is still on its way")
                .hasSize(1);
        assertThat(call).isNotDone();
        assertThat(limiter.pauses.get(0)).isAfterOrEqualTo(before.plusSeconds(30));
        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ITwinRateLimitException.class);
    }

    @Test
    void onceAnyThreadHasReadA429NoThreadSendsBeforeItsRetryAfterHasPassed() throws Exception {
        RecordingPause pause = new RecordingPause();
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder()
                .perMinute(100_000)
                .withoutHourlyLimit()
                .pauseState(pause)
                .build();
        ITwinPlatformClient client = client(limiter);
        int threadCount = 4;
        int callsPerThread = 15;
        server.enqueue(Response.text(429, "Too Many Requests")
                .header("Retry-After", "1")
                .bodyDelayed(SLOW_BODY));
        for (int i = 1; i < threadCount * callsPerThread; i++) {
            server.enqueue(Response.json(200, EMPTY_PAGE).delayed(Duration.ofMillis(10)));
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

        long readAt = pause.firstPauseNanos.get();
        assertThat(readAt).as("a 429 was read").isNotZero();
        // requests sent before the 429 was read may still arrive a moment after it
        long inFlight = Duration.ofMillis(50).toNanos();
        long pauseEnds = readAt + Duration.ofSeconds(1).toNanos();
        List<ScriptedServer.Recorded> requests = server.requests();
        assertThat(requests).hasSize(threadCount * callsPerThread);
        assertThat(requests)
                .as("requests that arrived while the Retry-After was running")
                .noneMatch(r -> r.arrivedNanos() > readAt + inFlight && r.arrivedNanos() < pauseEnds);
        assertThat(requests).anyMatch(r -> r.arrivedNanos() >= pauseEnds);
    }

    private ITwinPlatformClient client(PlatformRateLimiter limiter) {
        return ITwinPlatformClient.builder()
                .baseUrl(server.baseUrl() + "/")
                .tokenProvider(new RenewingTokens())
                .rateLimiter(limiter)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The local pause, noting when the first 429 was reported to it. */
    private static final class RecordingPause implements PauseState {
        private final PauseState local = PauseState.local();
        final AtomicLong firstPauseNanos = new AtomicLong();

        @Override
        public Instant pausedUntil() {
            return local.pausedUntil();
        }

        @Override
        public void pauseUntil(Instant instant) {
            firstPauseNanos.compareAndSet(0, System.nanoTime());
            local.pauseUntil(instant);
        }
    }
}
