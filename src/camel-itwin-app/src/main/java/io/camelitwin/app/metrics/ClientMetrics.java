package io.camelitwin.app.metrics;

import io.camelitwin.client.ClientListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The platform client's events as Micrometer meters, exposed by {@code /q/metrics}: requests by operation and status,
 * 429s and the Retry-After they asked for, pauses shortened to the longest pause, transient failures, time spent waiting for the rate limiter, bytes uploaded.
 */
@Singleton
public class ClientMetrics implements ClientListener {

    private final MeterRegistry registry;
    private final Timer limiterWait;
    private final Counter retryAfterRequested;

    public ClientMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.limiterWait = Timer.builder("itwin.client.limiter.wait")
                .description("Time spent waiting for a rate-limit permit, pauses after a 429 included")
                .register(registry);
        this.retryAfterRequested = Counter.builder("itwin.client.retry.after.requested")
                .description("The sum of the Retry-After the platform asked for")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void onResponse(String operation, int statusCode) {
        Counter.builder("itwin.client.responses")
                .description("Answers of the iTwin Platform")
                .tag("operation", operation)
                .tag("status", Integer.toString(statusCode))
                .register(registry)
                .increment();
    }

    @Override
    public void onRateLimited(String operation, Duration retryAfter) {
        Counter.builder("itwin.client.rate.limited")
                .description("Answers with HTTP 429")
                .tag("operation", operation)
                .register(registry)
                .increment();
        retryAfterRequested.increment(retryAfter.toMillis() / 1000.0);
    }

    @Override
    public void onPauseCapped(String operation, Duration asked, Duration applied) {
        Counter.builder("itwin.client.pauses.capped")
                .description("429s whose Retry-After was longer than the longest pause (max-pause), which was taken"
                        + " instead")
                .tag("operation", operation)
                .register(registry)
                .increment();
    }

    @Override
    public void onTransientFailure(String operation, int statusCode) {
        Counter.builder("itwin.client.transient.failures")
                .description("5xx answers, dropped connections and timeouts (status 0: no answer)")
                .tag("operation", operation)
                .tag("status", Integer.toString(statusCode))
                .register(registry)
                .increment();
    }

    @Override
    public void onLimiterWait(Duration waited) {
        limiterWait.record(waited);
    }

    @Override
    public void onUploaded(String operation, long bytes) {
        Counter.builder("itwin.client.uploaded.bytes")
                .description("Bytes of images and thumbnails the platform accepted")
                .baseUnit("bytes")
                .tag("operation", operation)
                .register(registry)
                .increment(bytes);
    }
}
