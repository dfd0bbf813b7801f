package io.camelitwin.client.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.bucket4j.Bandwidth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Bucket4jRateLimiterTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void burstOfTheMinuteBudgetLessTheLeadPassesThenTheNextWaitsForRefill() throws InterruptedException {
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder()
                .limits(RequestLimits.perMinuteOnly(60))
                .build();
        Duration burst = Duration.ZERO;
        for (int i = 0; i < 59; i++) {
            burst = burst.plus(limiter.acquire());
        }
        assertThat(burst).isLessThan(Duration.ofMillis(500));
        // 60 per minute refills one permit a second
        assertThat(limiter.acquire()).isGreaterThan(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void hourlyCapHoldsEvenWhenTheMinuteBudgetIsLeft() throws Exception {
        Bucket4jRateLimiter limiter =
                Bucket4jRateLimiter.builder().limits(new RequestLimits(100, 4)).build();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire()).isLessThan(Duration.ofMillis(500));
        }
        assertBlocksUntilInterrupted(limiter);
    }

    @Test
    void trialTierIsTheDefault() {
        assertThat(RequestLimits.TRIAL.bucketConfiguration().getBandwidths())
                .extracting(Bandwidth::getCapacity, Bandwidth::getRefillPeriodNanos)
                .containsExactly(
                        tuple(499L, Duration.ofMinutes(1).toNanos()),
                        tuple(4999L, Duration.ofHours(1).toNanos()));
    }

    @Test
    void holdsOnePermitInReserveButRefillsAtTheFullLimit() {
        assertThat(new RequestLimits(600, 1).bucketConfiguration().getBandwidths())
                .extracting(Bandwidth::getCapacity, Bandwidth::getRefillTokens)
                .containsExactly(tuple(599L, 600L), tuple(1L, 1L));
    }

    @Test
    void pauseHoldsBackEveryThreadUntilItsInstant() throws Exception {
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder().build();
        Instant resume = Instant.now().plusMillis(400);
        limiter.pauseUntil(resume);
        List<Future<Instant>> released = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            released.add(threads.submit(() -> {
                limiter.acquire();
                return Instant.now();
            }));
        }
        for (Future<Instant> at : released) {
            assertThat(at.get(10, TimeUnit.SECONDS)).isAfterOrEqualTo(resume);
        }
    }

    @Test
    void pauseIsNeverShortenedAndAPastPauseIsIgnored() throws InterruptedException {
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder().build();
        limiter.pauseUntil(Instant.now().minusSeconds(30));
        assertThat(limiter.acquire()).isLessThan(Duration.ofMillis(500));

        Instant resume = Instant.now().plusMillis(300);
        limiter.pauseUntil(resume);
        limiter.pauseUntil(Instant.now().plusMillis(10));
        limiter.acquire();
        assertThat(Instant.now()).isAfterOrEqualTo(resume);
    }

    @Test
    void waitingForAPauseIsInterruptible() throws Exception {
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder().build();
        limiter.pauseUntil(Instant.now().plus(Duration.ofHours(1)));
        assertBlocksUntilInterrupted(limiter);
    }

    @Test
    void replicasOnOneDistributedBucketShareOneBudget() throws Exception {
        InMemoryProxyManager store = new InMemoryProxyManager();
        PauseState sharedPause = PauseState.local();
        Bucket4jRateLimiter.Builder config =
                Bucket4jRateLimiter.builder().limits(new RequestLimits(100, 5)).pauseState(sharedPause);
        Bucket4jRateLimiter first = config.build(store, "client-a");
        Bucket4jRateLimiter second = config.build(store, "client-a");
        first.acquire();
        second.acquire();
        first.acquire();
        second.acquire();
        assertBlocksUntilInterrupted(first);

        Instant resume = Instant.now().plusMillis(200);
        first.pauseUntil(resume);
        assertThat(sharedPause.pausedUntil()).isEqualTo(resume);
        assertThat(config.build(store, "client-b").acquire()).isGreaterThan(Duration.ZERO);
        assertThat(Instant.now()).isAfterOrEqualTo(resume);
    }

    @Test
    void learnsFromA429TheSameOverALocalAndADistributedBucket() throws InterruptedException {
        Bucket4jRateLimiter.Builder config = Bucket4jRateLimiter.builder().limits(RequestLimits.perMinuteOnly(6000));
        for (Bucket4jRateLimiter limiter :
                List.of(config.build(), config.build(new InMemoryProxyManager(), "client-a"))) {
            assertThat(limiter.currentPerMinute()).isEqualTo(6000);
            limiter.pauseUntil(Instant.now());

            // 3000 a minute: one request every 20 ms, although the bucket still holds a burst of 5999
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                limiter.acquire();
            }

            assertThat(limiter.currentPerMinute()).isEqualTo(3000);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        }
    }

    @Test
    void anOperationLimitedApartLearnsItsOwnPaceAndTheOthersKeepTheirs() throws InterruptedException {
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder()
                .limits(RequestLimits.perMinuteOnly(6000))
                .build();
        limiter.acquire("uploadITwinImage");
        limiter.acquire("getITwinImage");

        limiter.pauseUntil(Instant.now(), "uploadITwinImage");

        assertThat(limiter.currentPerMinute("uploadITwinImage")).isEqualTo(3000);
        assertThat(limiter.currentPerMinute("getITwinImage")).isEqualTo(6000);
        assertThat(limiter.currentPerMinute()).isEqualTo(3000);
        // look-ups still go as fast as the configured bucket lets them: 50 at once, far more than 3000 a minute would
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            limiter.acquire("getITwinImage");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void unlimitedLimiterStillHonoursThePause() throws InterruptedException {
        PlatformRateLimiter unlimited = PlatformRateLimiter.unlimited();
        Instant resume = Instant.now().plusMillis(200);
        unlimited.pauseUntil(resume);
        unlimited.acquire();
        assertThat(Instant.now()).isAfterOrEqualTo(resume);
    }

    @Test
    void refusesNonPositiveLimits() {
        assertThatThrownBy(() -> new RequestLimits(0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perMinute must be positive, was 0");
        assertThatThrownBy(() -> new RequestLimits(10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perHour must be positive, or 0 for no hourly limit, was -1");
    }

    /** Proves {@code acquire} blocks (still waiting after a while) and answers an interrupt with the exception. */
    private void assertBlocksUntilInterrupted(PlatformRateLimiter limiter) throws Exception {
        CompletableFuture<Thread> waiter = new CompletableFuture<>();
        Future<Duration> acquired = threads.submit(() -> {
            waiter.complete(Thread.currentThread());
            return limiter.acquire();
        });
        Thread thread = waiter.get(5, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertThat(acquired).isNotDone();
        thread.interrupt();
        assertThatThrownBy(() -> acquired.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    }
}
