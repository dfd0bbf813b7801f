package io.camelitwin.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CountingClientListenerTest {

    @Test
    void countsWhatEveryThreadReports() throws InterruptedException {
        CountingClientListener listener = new CountingClientListener();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 1000; i++) {
            threads.execute(() -> {
                listener.onRequest("getImage");
                listener.onLimiterWait(Duration.ofMillis(3));
                listener.onRateLimited("getImage", Duration.ofSeconds(2));
                listener.onTransientFailure("getImage", 503);
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(listener.requests()).isEqualTo(1000);
        assertThat(listener.rateLimited()).isEqualTo(1000);
        assertThat(listener.transientFailures()).isEqualTo(1000);
        assertThat(listener.limiterWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(listener.retryAfterRequested()).isEqualTo(Duration.ofSeconds(2000));
    }
}
