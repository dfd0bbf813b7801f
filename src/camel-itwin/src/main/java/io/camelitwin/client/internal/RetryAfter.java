package io.camelitwin.client.internal;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads an HTTP {@code Retry-After} value, which RFC 9110 allows as delta-seconds or as an HTTP-date. */
public final class RetryAfter {

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
        try {
            Instant until = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            // a date already past (clock skew) means "now", not a negative wait
            if (!until.isAfter(now)) {
                return Optional.of(Duration.ZERO);
            }
            Duration wait = Duration.between(now, until);
            return Optional.of(wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
