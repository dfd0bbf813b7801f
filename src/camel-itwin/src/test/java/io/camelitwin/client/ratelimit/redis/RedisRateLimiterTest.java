package io.camelitwin.client.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camelitwin.client.ratelimit.RequestLimits;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Against a real Redis: the budget and the pause are shared, and a Redis outage degrades the limiter, not the app. */
class RedisRateLimiterTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final List<RedisRateLimiter> limiters = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    /** Each test its own budget, as each OAuth client has its own. */
    private final String keyPrefix = "test:" + UUID.randomUUID();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(RedisRateLimiter.class)).addAppender(log);
    }

    @AfterEach
    void cleanUp() throws Exception {
        ((Logger) LoggerFactory.getLogger(RedisRateLimiter.class)).detachAppender(log);
        threads.shutdownNow();
        limiters.forEach(RedisRateLimiter::close);
        REDIS.start();
    }

    @Test
    void twoReplicasSpendOneBudget() throws Exception {
        // 20/hour holds 19 permits and refills one every 3 minutes; each replica alone would still have 9 or 10 left
        RedisRateLimiter first = replica(builder -> builder.limits(new RequestLimits(1000, 20)));
        RedisRateLimiter second = replica(builder -> builder.limits(new RequestLimits(1000, 20)));
        for (int i = 0; i < 10; i++) {
            first.acquire();
        }
        for (int i = 0; i < 9; i++) {
            second.acquire();
        }

        Future<Duration> beyondTheBudget = threads.submit(() -> first.acquire());
        assertThat(completesWithin(beyondTheBudget, Duration.ofSeconds(1))).isFalse();
        beyondTheBudget.cancel(true);
        assertThat(first.isShared()).isTrue();
        assertThat(second.isShared()).isTrue();
    }

    @Test
    void oneReplicasRateLimitPauseHoldsTheOthers() throws Exception {
        RedisRateLimiter rateLimited = replica(600, 1);
        RedisRateLimiter other = replica(600, 1);
        other.acquire();
        rateLimited.pauseUntil(Instant.now().plusMillis(1200));

        assertThat(other.acquire()).isGreaterThan(Duration.ofMillis(1000));
    }

    @Test
    void sharedPauseIsOnlyEverExtended() {
        try (RedisConnector redis =
                new RedisConnector(io.lettuce.core.RedisURI.create(REDIS.url()), Duration.ofSeconds(2))) {
            RedisPauseState pause = new RedisPauseState(redis, keyPrefix + ":pause");
            assertThat(pause.pausedUntil()).isEqualTo(Instant.MIN);
            Instant later = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
            pause.pauseUntil(later);
            pause.pauseUntil(later.minusSeconds(10));
            pause.pauseUntil(Instant.now().minusSeconds(1));

            assertThat(pause.pausedUntil()).isEqualTo(later);
            assertThat(redis.connection().sync().pttl(keyPrefix + ":pause"))
                    .as("the key expires with the pause")
                    .isBetween(1L, 20_000L);
        }
    }

    @Test
    void redisOutageDegradesToThisReplicasShareStartingEmptyAndSaysSoOnce() throws Exception {
        // 60/minute over 30 replicas: 2/minute each, so the first permit of the share comes after 30 s
        RedisRateLimiter limiter = replica(60, 30);
        limiter.acquire();
        REDIS.stop();

        Future<Duration> firstOfTheShare = threads.submit(() -> limiter.acquire());
        Await.until("the limiter degrades", Duration.ofSeconds(5), () -> !limiter.isShared());
        assertThat(completesWithin(firstOfTheShare, Duration.ofSeconds(2)))
                .as("the share starts empty: the shared budget may have been spent by the others")
                .isFalse();
        firstOfTheShare.cancel(true);

        assertThat(warnings())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("127.0.0.1:" + REDIS.port())
                        .contains("2 requests/minute")
                        .contains("30 replicas, starting empty"));
    }

    @Test
    void backFromAnOutageTheSharedBudgetStartsEmptyAndOwesWhatTheReplicaSentAlone() throws Exception {
        // 600/minute over 2 replicas: 300/minute (5 a second) each while degraded, 10 a second shared
        RedisRateLimiter limiter = replica(600, 2);
        REDIS.stop();
        for (int i = 0; i < 10; i++) {
            limiter.acquire();
        }
        assertThat(limiter.isShared()).isFalse();
        REDIS.start();
        Await.until("the limiter reaches Redis again", Duration.ofSeconds(20), limiter::checkStore);

        // the shared budget, 599 when Redis kept or lost it, is empty and 10 in debt: the next permit after ~1 s
        long start = System.nanoTime();
        limiter.acquire();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void aPauseLearntWhileDegradedHoldsTheOthersOnceRedisIsBack() throws Exception {
        RedisRateLimiter degraded = replica(600, 2);
        RedisRateLimiter other = replica(600, 2);
        REDIS.stop();
        degraded.acquire();
        Instant until = Instant.now().plusSeconds(4);
        degraded.pauseUntil(until);
        assertThat(degraded.pausedUntil()).isEqualTo(until);

        REDIS.start();
        Await.until("the limiter reaches Redis again", Duration.ofSeconds(3), degraded::checkStore);

        assertThat(other.pausedUntil()).isEqualTo(until.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void sharesAgainByItselfWhenRedisReturns() throws Exception {
        RedisRateLimiter limiter = replica(600, 3);
        REDIS.stop();
        limiter.acquire();
        assertThat(limiter.checkStore()).isFalse();

        REDIS.start();
        Await.until("the limiter reaches Redis again", Duration.ofSeconds(20), limiter::checkStore);

        assertThat(limiter.isShared()).isTrue();
        limiter.acquire();
        assertThat(limiter.isShared()).isTrue();
        assertThat(warnings()).hasSize(1);
        assertThat(log.list)
                .filteredOn(event -> event.getLevel() == Level.INFO)
                .singleElement()
                .satisfies(event -> assertThat(event.getFormattedMessage()).contains("shared by all replicas again"));
    }

    @Test
    void startsDegradedWhenRedisIsDownAtStart() throws Exception {
        REDIS.stop();
        RedisRateLimiter limiter = replica(600, 3);

        assertThat(limiter.acquire()).isLessThan(Duration.ofSeconds(3));
        assertThat(limiter.isShared()).isFalse();
        assertThat(limiter.fallbackPerMinute()).isEqualTo(200);
    }

    private RedisRateLimiter replica(long perMinute, int replicas) {
        return replica(builder ->
                builder.limits(RequestLimits.perMinuteOnly(perMinute)).replicas(replicas));
    }

    private RedisRateLimiter replica(UnaryOperator<RedisRateLimiter.Builder> limits) {
        RedisRateLimiter limiter = limits.apply(RedisRateLimiter.builder(REDIS.url()))
                .keyPrefix(keyPrefix)
                .probeInterval(Duration.ofMillis(200))
                .build();
        limiters.add(limiter);
        return limiter;
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static boolean completesWithin(Future<?> future, Duration timeout) throws Exception {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
