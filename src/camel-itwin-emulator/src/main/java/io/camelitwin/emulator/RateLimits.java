package io.camelitwin.emulator;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** Per-client token buckets that run on the emulator's clock, so that tests can move time instead of sleeping. */
final class RateLimits {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter timeMeter;
    private volatile RateLimitSettings settings;

    RateLimits(Clock clock, RateLimitSettings settings) {
        this.settings = settings;
        this.timeMeter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    RateLimitSettings settings() {
        return settings;
    }

    /** New settings start every client with full buckets. */
    void update(RateLimitSettings newSettings) {
        this.settings = newSettings;
        buckets.clear();
    }

    /** Empty when the request may go ahead, otherwise the whole seconds until a permit is available (at least 1). */
    OptionalLong tryAcquire(String clientId) {
        RateLimitSettings current = settings;
        if (current.perMinute() <= 0 && current.perHour() <= 0) {
            return OptionalLong.empty();
        }
        ConsumptionProbe probe =
                buckets.computeIfAbsent(clientId, id -> newBucket(current)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long seconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
        return OptionalLong.of(Math.max(1, seconds));
    }

    private Bucket newBucket(RateLimitSettings current) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(timeMeter);
        if (current.perMinute() > 0) {
            long burst = current.minuteBurst() > 0 ? current.minuteBurst() : current.perMinute();
            builder.addLimit(limit(burst, current.perMinute(), Duration.ofMinutes(1)));
        }
        if (current.perHour() > 0) {
            builder.addLimit(limit(current.perHour(), current.perHour(), Duration.ofHours(1)));
        }
        return builder.build();
    }

    private static Bandwidth limit(long capacity, long permits, Duration period) {
        return Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(permits, period)
                .build();
    }
}
