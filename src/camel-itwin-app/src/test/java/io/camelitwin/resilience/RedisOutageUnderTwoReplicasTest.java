package io.camelitwin.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.error.ITwinException;
import io.camelitwin.client.ratelimit.RequestLimits;
import io.camelitwin.client.ratelimit.redis.RedisRateLimiter;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import io.camelitwin.emulator.RateLimitSettings;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas of one OAuth client, each its own platform client and its own {@link RedisRateLimiter} over one real
 * {@code redis-server}, as two pods would have, sending as fast as their budget lets them against a platform that allows
 * {@value #LIMIT} a minute. Redis is stopped while the shared budget is spent down to the platform's pace, and started
 * again later. The platform (the emulator, which counts with a token bucket as the platform does, and records every
 * request) must refuse nothing: neither switch may send more than the limit, and no request may arrive inside a
 * Retry-After.
 */
class RedisOutageUnderTwoReplicasTest {

    private static final int LIMIT = 120;

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @RegisterExtension
    static final ITwinEmulatorExtension PLATFORM =
            new ITwinEmulatorExtension(builder -> builder.rateLimits(new RateLimitSettings("Custom", LIMIT, 0)));

    private final String keyPrefix = "test:" + UUID.randomUUID();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final List<Replica> replicas = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        running.set(false);
        senders.shutdownNow();
        senders.awaitTermination(10, TimeUnit.SECONDS);
        replicas.forEach(Replica::close);
        REDIS.start();
    }

    @Test
    void neitherSwitchSendsMoreThanTheLimitNorInsideARetryAfter() throws Exception {
        Replica first = replica();
        Replica second = replica();

        // past the platform's initial burst: from here on the budget is spent as fast as the platform refills it
        awaitAccepted(LIMIT + LIMIT / 4, Duration.ofMinutes(1));
        assertThat(first.limiter.isShared()).isTrue();
        assertThat(second.limiter.isShared()).isTrue();

        REDIS.stop();
        Await.until(
                "both replicas degrade",
                Duration.ofSeconds(30),
                () -> !first.limiter.isShared() && !second.limiter.isShared());
        awaitAccepted(accepted() + LIMIT / 6, Duration.ofMinutes(1));
        assertThat(first.limiter.isShared()).isFalse();
        assertNothingRefused();

        REDIS.start();
        Await.until(
                "both replicas share the budget again",
                Duration.ofSeconds(30),
                () -> first.limiter.isShared() && second.limiter.isShared());
        awaitAccepted(accepted() + LIMIT / 6, Duration.ofMinutes(1));

        running.set(false);
        assertNothingRefused();
    }

    private void assertNothingRefused() {
        List<RecordedRequest> requests = platform().requests(DemoData.DEMO_CLIENT_ID);
        assertThat(requests).filteredOn(r -> r.status() == 429).isEmpty();
        assertThat(platform().earlyRequestCount(DemoData.DEMO_CLIENT_ID)).isZero();
        assertThat(requests).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    private ITwinEmulator platform() {
        return PLATFORM.emulator();
    }

    private long accepted() {
        return platform().requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.status() == 200)
                .count();
    }

    private void awaitAccepted(long count, Duration timeout) {
        Await.until(count + " requests accepted", timeout, () -> accepted() >= count, () -> accepted() + " accepted");
    }

    /** A replica: its own limiter and client, and two threads sending look-ups as fast as the limiter lets them. */
    private Replica replica() {
        RedisRateLimiter limiter = RedisRateLimiter.builder(REDIS.url())
                .keyPrefix(keyPrefix)
                .limits(RequestLimits.perMinuteOnly(LIMIT))
                .replicas(2)
                .probeInterval(Duration.ofSeconds(1))
                .build();
        ITwinPlatformClient client = ITwinPlatformClient.builder()
                .baseUrl(platform().baseUrl())
                .clientCredentials(ClientCredentialsTokenProvider.builder()
                        .tokenUrl(platform().tokenUrl())
                        .clientId(DemoData.DEMO_CLIENT_ID)
                        .clientSecret(DemoData.DEMO_CLIENT_SECRET))
                .rateLimiter(limiter)
                .build();
        Replica replica = new Replica(limiter, client);
        replicas.add(replica);
        for (int thread = 0; thread < 2; thread++) {
            senders.submit(() -> {
                while (running.get() && !Thread.currentThread().isInterrupted()) {
                    try {
                        client.getITwinImage(DemoData.ITWIN_WITH_IMAGE);
                    } catch (ITwinException e) {
                        // a 429 or an interrupt: the platform's request log is the judge
                    }
                }
            });
        }
        return replica;
    }

    private record Replica(RedisRateLimiter limiter, ITwinPlatformClient client) {
        void close() {
            client.close();
            limiter.close();
        }
    }
}
