package io.camelitwin.client.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.camelitwin.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The learnt pace, on a hand-moved clock: what each 429 and each accepted answer does to it. */
class AdaptivePaceTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock();
    private final AdaptivePace pace = new AdaptivePace(600, () -> nanos(clock.instant()));

    @Test
    void noPaceOfItsOwnBeforeThePlatformAnswers429() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            pace.onAccepted();
        }
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            pace.await();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        assertThat(pace.perMinute()).isEqualTo(600);
    }

    @Test
    void aFirst429HalvesThePaceAnd429sDuringItsPauseChangeNothing() {
        pace.onRateLimited(RETRY_AFTER);
        assertThat(pace.perMinute()).isEqualTo(300);

        // requests already on their way when the first 429 arrived
        advance(Duration.ofMillis(400));
        pace.onRateLimited(RETRY_AFTER);
        pace.onRateLimited(RETRY_AFTER);
        assertThat(pace.perMinute()).isEqualTo(300);
    }

    @Test
    void aLater429SetsThePaceJustBelowWhatThePlatformAcceptedSinceThePreviousOne() {
        pace.onRateLimited(RETRY_AFTER);
        // 40 accepted in the 12 s up to the next 429: the platform allows 200 a minute
        acceptEvenly(40, Duration.ofSeconds(12));

        pace.onRateLimited(RETRY_AFTER);

        assertThat(pace.perMinute()).isCloseTo(AdaptivePace.MARGIN * 200, within(0.01));
    }

    @Test
    void a429AfterThePlatformAcceptedAboutAllThePaceSentIsNotThePacesDoing() {
        pace.onRateLimited(RETRY_AFTER);
        // 56 in 12 s: 280 a minute, 93% of the pace of 300
        acceptEvenly(56, Duration.ofSeconds(12));

        pace.onRateLimited(RETRY_AFTER);

        assertThat(pace.perMinute()).isEqualTo(300);
    }

    @Test
    void a429AfterFewerAcceptedAnswersThanARefillIsNotThePacesDoingAndOnlyPauses() {
        pace.onRateLimited(RETRY_AFTER);
        acceptEvenly(AdaptivePace.MIN_ACCEPTED_TO_MEASURE - 1, Duration.ofSeconds(5));

        pace.onRateLimited(RETRY_AFTER);

        assertThat(pace.perMinute()).isEqualTo(300);
    }

    @Test
    void aMeasurementLeavesOutThePauseOfA429ThatWasNotThePacesDoing() {
        pace.onRateLimited(RETRY_AFTER);
        acceptEvenly(3, Duration.ofSeconds(2));
        // not the pace's doing: its 10 s pause was the platform's choice, not its limit's
        pace.onRateLimited(Duration.ofSeconds(10));
        advance(Duration.ofSeconds(10));
        // 40 accepted in the 12 s after that pause: 200 a minute, not 40 in 22 s
        acceptEvenly(40, Duration.ofSeconds(12));

        pace.onRateLimited(RETRY_AFTER);

        assertThat(pace.perMinute()).isCloseTo(AdaptivePace.MARGIN * 200, within(0.01));
    }

    @Test
    void random429sThatAreNotTheClientsDoingDoNotDragThePaceDown() {
        // 30% of the answers are 429s with a 1 s Retry-After, whatever the pace: for 10 minutes, one request at a time
        Random platform = new Random(20261203L);
        for (Duration elapsed = Duration.ZERO;
                elapsed.compareTo(Duration.ofMinutes(10)) < 0;
                elapsed = elapsed.plus(sendOne(platform))) {
            assertThat(pace.perMinute()).isGreaterThanOrEqualTo(300);
        }

        assertThat(pace.perMinute()).isEqualTo(600);
    }

    @Test
    void aRealLimitBehindRandom429sIsStillLearnt() {
        // the platform accepts 120 a minute and refuses 10% more at random; the client is configured at 600
        Random platform = new Random(7L);
        TokenBucket limit = new TokenBucket(120);
        for (Duration elapsed = Duration.ZERO;
                elapsed.compareTo(Duration.ofMinutes(3)) < 0;
                elapsed = elapsed.plus(Duration.ofNanos(Math.round(60e9 / pace.perMinute())))) {
            advance(Duration.ofNanos(Math.round(60e9 / pace.perMinute())));
            if (limit.tryTake(clock.instant()) && platform.nextDouble() >= 0.10) {
                pace.onAccepted();
            } else {
                pace.onRateLimited(RETRY_AFTER);
                advance(RETRY_AFTER);
            }
        }

        assertThat(pace.perMinute()).isBetween(90.0, 125.0);
    }

    @Test
    void thePaceRisesByFivePercentOfTheLimitPerSecondOfAcceptedAnswersOnceTheHoldIsOver() {
        pace.onRateLimited(RETRY_AFTER);
        acceptEvenly(30, Duration.ofSeconds(30));
        assertThat(pace.perMinute()).as("still holding").isEqualTo(300);

        advance(AdaptivePace.HOLD_AFTER_HALVING);
        pace.onAccepted();
        assertThat(pace.perMinute()).isEqualTo(330);
        advance(Duration.ofMillis(500));
        pace.onAccepted();
        assertThat(pace.perMinute()).as("at most once a second").isEqualTo(330);
        advance(Duration.ofMillis(500));
        pace.onAccepted();
        assertThat(pace.perMinute()).isEqualTo(360);

        // no accepted answer, no rise: an idle client learns nothing
        advance(Duration.ofMinutes(10));
        assertThat(pace.perMinute()).isEqualTo(360);
        // back from half the limit in seconds, not minutes
        acceptEvenly(8, Duration.ofSeconds(8));
        assertThat(pace.perMinute()).as("never above the configured limit").isEqualTo(600);
    }

    @Test
    void aMeasuredPaceHoldsLongerThanAHalvedOne() {
        pace.onRateLimited(RETRY_AFTER);
        acceptEvenly(40, Duration.ofSeconds(12));
        pace.onRateLimited(RETRY_AFTER);
        double measured = pace.perMinute();

        acceptEvenly(240, AdaptivePace.HOLD_AFTER_MEASURING.minusSeconds(1));
        assertThat(pace.perMinute()).isEqualTo(measured);
        advance(Duration.ofSeconds(2));
        pace.onAccepted();
        assertThat(pace.perMinute()).isGreaterThan(measured);
    }

    @Test
    void thePaceNeverDropsBelowTheFloor() {
        for (int i = 0; i < 20; i++) {
            pace.onRateLimited(RETRY_AFTER);
            // enough accepted to be the pace's doing, too long ago to measure from (and no rise while idle): it halves
            acceptEvenly(AdaptivePace.MIN_ACCEPTED_TO_MEASURE, Duration.ofSeconds(5));
            advance(AdaptivePace.MEASURING_WINDOW);
        }
        assertThat(pace.perMinute()).isEqualTo(AdaptivePace.FLOOR_FRACTION * 600);
    }

    @Test
    void afterA429RequestsGoOneAtATimeAtTheLoweredPaceWithoutABurst() throws InterruptedException {
        // 6000 a minute halved: one request every 20 ms, starting from an empty pace
        AdaptivePace fast = new AdaptivePace(6000, System::nanoTime);
        fast.onRateLimited(Duration.ZERO);

        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            fast.await();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    private void acceptEvenly(int answers, Duration over) {
        Duration step = over.dividedBy(answers);
        for (int i = 0; i < answers; i++) {
            advance(step);
            pace.onAccepted();
        }
    }

    /** One request at the pace, against a platform that refuses 30% at random; returns how long it took. */
    private Duration sendOne(Random platform) {
        Duration interval = Duration.ofNanos(Math.round(60e9 / pace.perMinute()));
        advance(interval);
        if (platform.nextDouble() < 0.30) {
            pace.onRateLimited(RETRY_AFTER);
            advance(RETRY_AFTER);
            return interval.plus(RETRY_AFTER);
        }
        pace.onAccepted();
        return interval;
    }

    private void advance(Duration by) {
        clock.advance(by);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** The platform's limit: a token bucket of {@code perMinute} that refills continuously. */
    private static final class TokenBucket {
        private final double perMinute;
        private double tokens;
        private Instant last;

        TokenBucket(double perMinute) {
            this.perMinute = perMinute;
            this.tokens = perMinute;
        }

        boolean tryTake(Instant now) {
            if (last != null) {
                tokens = Math.min(
                        perMinute,
                        tokens + perMinute * Duration.between(last, now).toNanos() / 60e9);
            }
            last = now;
            if (tokens < 1) {
                return false;
            }
            tokens--;
            return true;
        }
    }
}
