package io.camelitwin.client.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The learnt pace, on a hand-moved clock: what each 429 and each accepted answer does to it. */
class AdaptivePaceTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private long now = 1_000_000_000L;
    private final AdaptivePace pace = new AdaptivePace(600, () -> now);

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
    void aMeasuredRateAboveThePaceStillLowersIt() {
        pace.onRateLimited(RETRY_AFTER);
        acceptEvenly(100, Duration.ofSeconds(12));

        pace.onRateLimited(RETRY_AFTER);

        assertThat(pace.perMinute()).isCloseTo(AdaptivePace.MARGIN * 300, within(0.01));
    }

    @Test
    void tooFewAcceptedAnswersToMeasureHalveAgain() {
        pace.onRateLimited(RETRY_AFTER);
        acceptEvenly(AdaptivePace.MIN_ACCEPTED_TO_MEASURE - 1, Duration.ofSeconds(5));

        pace.onRateLimited(RETRY_AFTER);

        assertThat(pace.perMinute()).isEqualTo(150);
    }

    @Test
    void thePaceRisesByOnePercentOfTheLimitPerSecondOfAcceptedAnswersOnceTheHoldIsOver() {
        pace.onRateLimited(RETRY_AFTER);
        acceptEvenly(30, Duration.ofSeconds(30));
        assertThat(pace.perMinute()).as("still holding").isEqualTo(300);

        advance(AdaptivePace.HOLD_AFTER_HALVING);
        pace.onAccepted();
        assertThat(pace.perMinute()).isEqualTo(306);
        advance(Duration.ofMillis(500));
        pace.onAccepted();
        assertThat(pace.perMinute()).as("at most once a second").isEqualTo(306);
        advance(Duration.ofMillis(500));
        pace.onAccepted();
        assertThat(pace.perMinute()).isEqualTo(312);

        // no accepted answer, no rise: an idle client learns nothing
        advance(Duration.ofMinutes(10));
        assertThat(pace.perMinute()).isEqualTo(312);
        acceptEvenly(200, Duration.ofSeconds(200));
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
            advance(RETRY_AFTER.plusMillis(1));
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

    private void advance(Duration by) {
        now += by.toNanos();
    }
}
