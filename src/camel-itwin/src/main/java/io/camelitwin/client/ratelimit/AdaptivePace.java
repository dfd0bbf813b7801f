package io.camelitwin.client.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pace the platform has shown it accepts, learnt from its answers, below the configured limit. Nothing changes
 * until the platform answers 429. From then on every request also waits for this pace: a bucket in this JVM that holds
 * a single permit, so that no burst follows a pause, taken before the configured bucket, whatever kind that one is
 * (local or distributed). With replicas, each learns from the 429s it receives itself.
 *
 * <p>Additive increase, multiplicative decrease, with the decrease measured whenever it can be, and only for 429s that
 * the client's own pace can explain:
 *
 * <ul>
 *   <li>A 429 that arrives while the pause of the episode's first 429 is in force changes nothing: those requests were
 *       already on their way.
 *   <li>The very first 429 halves the pace and holds it for {@link #HOLD_AFTER_HALVING}, the period over which the
 *       platform's per-minute bucket refills completely: nothing can be measured yet.
 *   <li>A later episode is the client's doing only if at least {@value #MIN_ACCEPTED_TO_MEASURE} requests were accepted
 *       since the previous one began. A rate limit that refused the previous request refills while the client waits
 *       out its Retry-After and then accepts a refill's worth; a 429 after fewer accepted requests was not caused by
 *       this pace (another application on the same budget, a stricter operation limit, a platform shedding load), and
 *       lowering the pace would not make it the last: such an episode only pauses.
 *   <li>An episode of the client's doing lowers the pace. The platform's bucket was empty at the previous episode's
 *       first 429 and is empty again now, so what it accepted in between is its rate: when the previous episode began
 *       at most {@link #MEASURING_WINDOW} ago, the pace becomes {@value #MARGIN} of that measured rate (and never more
 *       than it was), then holds for {@link #HOLD_AFTER_MEASURING}; the pause of a previous episode that was not the
 *       client's doing is left out of the measurement, since the platform's limit did not ask for it. A measured rate
 *       of at least {@value #NEARLY_ALL} of the pace means the platform accepted about everything this pace sent: that
 *       429 was not the pace's doing either, and only pauses. Without a measurement the pace halves and holds for
 *       {@link #HOLD_AFTER_HALVING}.
 *   <li>After the hold, each second in which the platform accepted a request raises the pace by
 *       {@value #RAISE_FRACTION} of the configured limit, up to the configured limit: from half of it in ten seconds.
 *   <li>The pace never drops below {@value #FLOOR_FRACTION} of the configured limit.
 * </ul>
 */
final class AdaptivePace {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptivePace.class);

    static final double MARGIN = 0.97;
    static final double NEARLY_ALL = 0.9;
    static final double HALVING = 0.5;
    static final double RAISE_FRACTION = 0.05;
    static final double FLOOR_FRACTION = 0.05;
    static final int MIN_ACCEPTED_TO_MEASURE = 10;
    static final Duration MEASURING_WINDOW = Duration.ofMinutes(2);
    static final Duration HOLD_AFTER_MEASURING = Duration.ofMinutes(5);
    static final Duration HOLD_AFTER_HALVING = Duration.ofMinutes(1);
    static final Duration RAISE_INTERVAL = Duration.ofSeconds(1);

    private final double configuredPerMinute;
    private final LongSupplier nanoClock;

    /** Null until the first 429: until then the configured bucket alone paces. */
    private volatile Bucket pacer;

    private double perMinute;
    /** Where the next measurement starts: the episode's first 429, or the end of a pause the pace did not explain. */
    private long episodeStart;

    private long episodeEnd;
    private long acceptedSinceEpisode;
    /** The pace when the measuring window began. */
    private double windowPace;

    private long holdUntil;
    private long lastRaise;

    AdaptivePace(long configuredPerMinute, LongSupplier nanoClock) {
        this.configuredPerMinute = configuredPerMinute;
        this.perMinute = configuredPerMinute;
        this.nanoClock = nanoClock;
    }

    /** Waits for this pace's permit; returns at once while the platform has not answered 429. */
    void await() throws InterruptedException {
        Bucket current = pacer;
        if (current != null) {
            current.asBlocking().consume(1);
        }
    }

    /** The pace in requests per minute: the configured limit until the first 429. */
    synchronized double perMinute() {
        return perMinute;
    }

    /** The platform answered 429 and asked for {@code pause}. */
    synchronized void onRateLimited(Duration pause) {
        long now = nanoClock.getAsLong();
        if (pacer != null && now - episodeEnd < 0) {
            return;
        }
        if (pacer != null && acceptedSinceEpisode < MIN_ACCEPTED_TO_MEASURE) {
            LOG.debug(
                    "The platform answered 429 after {} accepted requests: not this pace's doing",
                    acceptedSinceEpisode);
            startEpisode(now, pause, false);
            return;
        }
        double before = perMinute;
        OptionalDouble measured = measuredPerMinute(now);
        // against the pace the window began with too: a pace that rose meanwhile did not send at its new rate
        // throughout
        if (measured.isPresent() && measured.getAsDouble() >= NEARLY_ALL * Math.min(perMinute, windowPace)) {
            LOG.debug(
                    "The platform answered 429 after accepting {}/min at a pace of {}/min: not this pace's doing",
                    Math.round(measured.getAsDouble()),
                    Math.round(perMinute));
            startEpisode(now, pause, false);
            return;
        }
        if (measured.isPresent()) {
            perMinute = MARGIN * Math.min(measured.getAsDouble(), perMinute);
            holdUntil = now + HOLD_AFTER_MEASURING.toNanos();
        } else {
            perMinute = HALVING * perMinute;
            holdUntil = now + HOLD_AFTER_HALVING.toNanos();
        }
        perMinute = Math.max(perMinute, FLOOR_FRACTION * configuredPerMinute);
        startEpisode(now, pause, true);
        lastRaise = now;
        applyPace(true);
        LOG.info(
                "The platform answered 429: pacing at {}/min (was {}/min; {})",
                Math.round(perMinute),
                Math.round(before),
                measured.isPresent()
                        ? "measured " + Math.round(measured.getAsDouble()) + "/min accepted since the previous 429"
                        : "halved, nothing to measure from");
    }

    /** The platform accepted a request: after the hold, the pace rises again. */
    void onAccepted() {
        if (pacer == null) {
            return;
        }
        synchronized (this) {
            acceptedSinceEpisode++;
            long now = nanoClock.getAsLong();
            if (perMinute < configuredPerMinute
                    && now - holdUntil >= 0
                    && now - lastRaise >= RAISE_INTERVAL.toNanos()) {
                perMinute = Math.min(configuredPerMinute, perMinute + RAISE_FRACTION * configuredPerMinute);
                lastRaise = now;
                applyPace(false);
                LOG.debug("Pacing at {}/min", Math.round(perMinute));
            }
        }
    }

    private void startEpisode(long now, Duration pause, boolean lowered) {
        episodeEnd = now + pause.toNanos();
        // the pause of an episode the pace did not explain is left out of the next measurement
        episodeStart = lowered ? now : episodeEnd;
        acceptedSinceEpisode = 0;
        windowPace = perMinute;
    }

    private OptionalDouble measuredPerMinute(long now) {
        long window = now - episodeStart;
        if (pacer == null || window <= 0 || window > MEASURING_WINDOW.toNanos()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(
                acceptedSinceEpisode * (double) Duration.ofMinutes(1).toNanos() / window);
    }

    /** A lowered pace starts empty: the platform's bucket is empty too. */
    private void applyPace(boolean empty) {
        if (pacer == null) {
            pacer = Bucket.builder().addLimit(paceLimit()).build();
            return;
        }
        pacer.replaceConfiguration(
                BucketConfiguration.builder().addLimit(paceLimit()).build(), TokensInheritanceStrategy.AS_IS);
        if (empty) {
            pacer.tryConsumeAsMuchAsPossible();
        }
    }

    private Bandwidth paceLimit() {
        Duration interval = Duration.ofNanos(Math.round(Duration.ofMinutes(1).toNanos() / perMinute));
        return Bandwidth.builder()
                .capacity(1)
                .refillGreedy(1, interval)
                .initialTokens(0)
                .build();
    }
}
