package io.camelitwin.app.config;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * A whole number of {@link AppSettings} read and checked against its range in one step, as the key's converter
 * ({@code @WithConverter}), so that a value out of range stops the start naming the key while the configuration is set
 * up, before any bean or route starts. A converter rather than Bean Validation's {@code @Min}: a Bean Validation
 * provider loads some 400 classes at every start for these few comparisons (see docs/benchmarks.md).
 */
public abstract class NumberRange {

    private final long least;
    private final long most;

    private NumberRange(long least, long most) {
        this.least = least;
        this.most = most;
    }

    long checked(String value) {
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number " + range() + ", not '" + value + "'");
        }
        if (number < least || number > most) {
            throw new IllegalArgumentException("must be " + range() + ", not " + number);
        }
        return number;
    }

    private String range() {
        return most == Long.MAX_VALUE ? least + " or more" : "from " + least + " to " + most;
    }

    /**
     * An {@code int} key's range. SmallRye Config checks a converter against its key by the return type of its
     * {@code convert} method, which a generic base would erase to {@code Number}: hence one base per type.
     */
    public abstract static class IntRange extends NumberRange implements Converter<Integer> {
        IntRange(int least, int most) {
            super(least, most);
        }

        @Override
        public final Integer convert(String value) {
            return (int) checked(value);
        }
    }

    /** A {@code long} key's range. */
    public abstract static class LongRange extends NumberRange implements Converter<Long> {
        LongRange(long least) {
            super(least, Long.MAX_VALUE);
        }

        @Override
        public final Long convert(String value) {
            return checked(value);
        }
    }

    /** A TCP port; 0 takes a free one. */
    public static final class Port extends IntRange {
        public Port() {
            super(0, 65535);
        }
    }

    /** A count that must be at least one: replicas, consumers, objects per poll. */
    public static final class Positive extends IntRange {
        public Positive() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** A count where 0 has a meaning of its own (documented on the key). */
    public static final class NonNegative extends IntRange {
        public NonNegative() {
            super(0, Integer.MAX_VALUE);
        }
    }

    /** A redelivery limit: -1 redelivers for ever, 0 never. */
    public static final class RedeliveryLimit extends IntRange {
        public RedeliveryLimit() {
            super(-1, Integer.MAX_VALUE);
        }
    }

    /** A poll delay or a size that must be at least one (millisecond, byte). */
    public static final class PositiveLong extends LongRange {
        public PositiveLong() {
            super(1);
        }
    }

    /** A delay where 0 means none. */
    public static final class NonNegativeLong extends LongRange {
        public NonNegativeLong() {
            super(0);
        }
    }
}
