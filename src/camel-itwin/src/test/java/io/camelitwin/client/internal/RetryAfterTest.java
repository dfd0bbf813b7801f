package io.camelitwin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    void readsTheObsoleteDateFormsThatRfc9110AsksARecipientToAccept() {
        // RFC 850, whose two-digit year is the one within 50 years ahead, else the latest past one (so the weekday
        // decides nothing here: 04-Mar-26 is a Wednesday in 2026, not in 1926)
        assertThat(RetryAfter.parse("Wednesday, 04-Mar-26 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        // asctime, with its day of one digit padded by a space, and of two digits
        assertThat(RetryAfter.parse("Wed Mar  4 10:01:30 2026", NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sat Mar 14 10:00:00 2026", NOW)).contains(Duration.ofDays(10));
    }

    @Test
    void readsRfc9110sOwnExamplesOfEachFormAsTheSameMomentInThePast() {
        // 1994: RFC 850's "94" is the latest past year ending in 94, not 2094, whose 6 November is no Sunday
        for (String form : List.of(
                "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994")) {
            assertThat(RetryAfter.parse(form, NOW)).as(form).contains(Duration.ZERO);
            assertThat(RetryAfter.parse(form, Instant.parse("1994-11-06T08:48:37Z")))
                    .as(form)
                    .contains(Duration.ofMinutes(1));
        }
    }

    @Test
    void aDateWhoseWeekdayIsWrongIsUnreadable() {
        assertThat(RetryAfter.parse("Thu, 04 Mar 2026 10:01:30 GMT", NOW)).isEmpty();
        assertThat(RetryAfter.parse("Thursday, 04-Mar-26 10:01:30 GMT", NOW)).isEmpty();
        assertThat(RetryAfter.parse("Thu Mar  4 10:01:30 2026", NOW)).isEmpty();
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
