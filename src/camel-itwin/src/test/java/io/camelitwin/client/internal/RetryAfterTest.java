package io.camelitwin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateAsTheWaitFromNow() {
        assertThat(RetryAfter.parse("Wed, 04 Mar 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void anHttpDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Wed, 04 Mar 2026 09:59:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void absentOrUnreadableValuesGiveNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("  ", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
    }

    @Test
    void aWaitTooLongToAddToAnInstantIsReadAsTheLongestWait() {
        // beyond a long; a long but beyond Instant's range once added to now; an HTTP date in the year 9999
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse(Long.toString(Long.MAX_VALUE), NOW)).contains(RetryAfter.LONGEST);
        assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", NOW)).contains(RetryAfter.LONGEST);
        assertThat(NOW.plus(RetryAfter.LONGEST)).isAfter(NOW);
        assertThat(RetryAfter.LONGEST.toNanos()).isPositive();
    }
}
