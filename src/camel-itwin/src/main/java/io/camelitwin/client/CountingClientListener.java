package io.camelitwin.client;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link ClientListener} that only counts, for exposing as metrics (counters and gauges read from the getters).
 * {@link LongAdder}s because every request of every route thread calls in, and reads are rare.
 */
public final class CountingClientListener implements ClientListener {

    private final LongAdder requests = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder transientFailures = new LongAdder();
    private final LongAdder limiterWaitNanos = new LongAdder();
    private final LongAdder retryAfterRequestedNanos = new LongAdder();

    @Override
    public void onRequest(String operation) {
        requests.increment();
    }

    @Override
    public void onLimiterWait(Duration waited) {
        limiterWaitNanos.add(waited.toNanos());
    }

    @Override
    public void onRateLimited(String operation, Duration retryAfter) {
        rateLimited.increment();
        retryAfterRequestedNanos.add(retryAfter.toNanos());
    }

    @Override
    public void onTransientFailure(String operation, int statusCode) {
        transientFailures.increment();
    }

    /** Requests sent to the platform, retries and redirects included. */
    public long requests() {
        return requests.sum();
    }

    /** Answers with HTTP 429. */
    public long rateLimited() {
        return rateLimited.sum();
    }

    /** 5xx answers, dropped connections and timeouts. */
    public long transientFailures() {
        return transientFailures.sum();
    }

    /**
     * Time callers spent waiting for a rate-limit permit, pauses after a 429 included; summed over threads, so it can
     * exceed the wall-clock time when several threads wait at once.
     */
    public Duration limiterWait() {
        return Duration.ofNanos(limiterWaitNanos.sum());
    }

    /** The sum of every 429's Retry-After: what the platform asked for, to compare with {@link #limiterWait()}. */
    public Duration retryAfterRequested() {
        return Duration.ofNanos(retryAfterRequestedNanos.sum());
    }
}
