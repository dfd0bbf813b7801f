package io.camelitwin.client.internal;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value, which RFC 9110 allows as delta-seconds or as an HTTP-date, in any of the
 * three date forms it asks a recipient to accept (section 5.6.7): IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}),
 * the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}).
 *
 * <p>HttpClient 5's {@code DateUtils} reads the first only as RFC 9110 means it: its asctime form rejects the day
 * padded with a space, and its RFC 850 form puts every two-digit year in this century.
 */
public final class RetryAfter {

    /** IMF-fixdate; RFC 1123's form also reads a day of one digit and a numeric offset. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** The day of the month is two digits or a space and one digit. */
    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
            .toFormatter(Locale.US)
            .withZone(ZoneOffset.UTC);

    /**
     * The longest wait a value is read as. Anything longer means "not for the foreseeable future" just as well, and
     * longer waits overflow: {@code Instant.now().plusSeconds(Long.MAX_VALUE)} throws, so does {@code toNanos()} of a
     * few centuries.
     */
    public static final Duration LONGEST = Duration.ofDays(100 * 365);

    private RetryAfter() {}

    /**
     * @param now the moment the answer arrived, to turn an HTTP-date into a wait
     * @return the wait, never negative nor longer than {@link #LONGEST}; empty when the value is absent or not
     *     readable in either form
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            // more digits than a long holds is a very long wait, not an unreadable one
            BigInteger seconds = new BigInteger(trimmed);
            return Optional.of(
                    seconds.compareTo(BigInteger.valueOf(LONGEST.toSeconds())) > 0
                            ? LONGEST
                            : Duration.ofSeconds(seconds.longValueExact()));
        }
        return httpDate(trimmed, now).map(until -> waitUntil(until, now));
    }

    private static Optional<Instant> httpDate(String value, Instant now) {
        for (DateTimeFormatter form : List.of(IMF_FIXDATE, rfc850(now), ASCTIME)) {
            try {
                return Optional.of(form.parse(value, Instant::from));
            } catch (DateTimeParseException notThisForm) {
                // the next form, or none
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 850's two-digit year is the one at most 50 years ahead of {@code now}, else the latest past one with those
     * digits; the weekday must then match the date.
     */
    private static DateTimeFormatter rfc850(Instant now) {
        int thisYear = now.atOffset(ZoneOffset.UTC).getYear();
        return new DateTimeFormatterBuilder()
                .appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.of(thisYear - 49, 1, 1))
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC);
    }

    private static Duration waitUntil(Instant until, Instant now) {
        // a date already past (clock skew) means "now", not a negative wait
        if (!until.isAfter(now)) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(now, until);
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
