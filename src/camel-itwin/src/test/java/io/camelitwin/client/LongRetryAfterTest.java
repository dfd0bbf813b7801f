package io.camelitwin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camelitwin.client.ClientDoubles.RecordingListener;
import io.camelitwin.client.ClientDoubles.RenewingTokens;
import io.camelitwin.client.ScriptedServer.Response;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.internal.PlatformHttp;
import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.RequestLimits;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A 429 whose Retry-After is far longer than any the platform gives (a proxy's, a gateway's) pauses every request for
 * the longest pause only, with a WARN and a listener event; values beyond what an Instant can add are read safely.
 */
class LongRetryAfterTest {

    private static final Duration MAX_PAUSE = Duration.ofMinutes(2);

    private ScriptedServer server;
    private final Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder()
            .limits(RequestLimits.perMinuteOnly(600))
            .build();
    private final RecordingListener listener = new RecordingListener();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private ITwinPlatformClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        client = ITwinPlatformClient.builder()
                .baseUrl(server.baseUrl())
                .tokenProvider(new RenewingTokens())
                .rateLimiter(limiter)
                .listener(listener)
                .maxPause(MAX_PAUSE)
                .build();
        log.start();
        ((Logger) LoggerFactory.getLogger(PlatformHttp.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(PlatformHttp.class)).detachAppender(log);
        client.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "86400",
                // a long, but beyond Instant's range once added to now
                "9223372036854775807",
                // beyond a long
                "99999999999999999999999",
                "Fri, 31 Dec 9999 23:59:59 GMT"
            })
    void aRetryAfterBeyondTheLongestPauseHoldsEveryRequestForTheLongestPauseOnly(String retryAfter) {
        server.enqueue(Response.json(429, "{\"error\":{\"code\":\"RateLimitExceeded\",\"message\":\"Wait.\"}}")
                .header("Retry-After", retryAfter));
        Instant before = Instant.now();

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(ITwinRateLimitException.class, e -> {
                    assertThat(e.getRetryAfter()).isEqualTo(MAX_PAUSE);
                    assertThat(e.getMessage()).contains("retry after 120 s, capped");
                });

        assertThat(limiter.pausedUntil()).isCloseTo(before.plus(MAX_PAUSE), within(Duration.ofSeconds(5)));
        assertThat(listener.events).contains("pauseCapped listITwins 120");
        assertThat(log.list)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains("listITwins GET /itwins")
                        .contains("pausing every request for 120 s"));
    }

    @Test
    void aRetryAfterWithinTheLongestPauseIsTakenAsItComesWithoutAWarning() {
        server.enqueue(Response.json(429, "{\"error\":{\"code\":\"RateLimitExceeded\",\"message\":\"Wait.\"}}")
                .header("Retry-After", "119"));
        Instant before = Instant.now();

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(
                        ITwinRateLimitException.class,
                        e -> assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(119)));

        assertThat(limiter.pausedUntil()).isCloseTo(before.plusSeconds(119), within(Duration.ofSeconds(5)));
        assertThat(listener.events).noneMatch(event -> event.startsWith("pauseCapped"));
        assertThat(log.list).noneMatch(event -> event.getLevel() == Level.WARN);
    }
}
