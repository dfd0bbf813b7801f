package io.camelitwin.emulator;

import java.util.Random;

/** Draws faults from a seeded sequence, so that a run with the same seed and request order fails the same way. */
final class FaultInjector {

    enum Fault {
        NONE,
        THROTTLE,
        UNAVAILABLE,
        INTERNAL_ERROR,
        DROP
    }

    private final long seed;
    private final Random random;
    private volatile FaultSettings settings;

    FaultInjector(long seed, FaultSettings settings) {
        this.seed = seed;
        this.random = new Random(seed);
        this.settings = settings;
    }

    /** Back to the start of the seeded sequence with these settings: the same requests meet the same faults again. */
    void reset(FaultSettings newSettings) {
        synchronized (random) {
            random.setSeed(seed);
        }
        this.settings = newSettings;
    }

    FaultSettings settings() {
        return settings;
    }

    void update(FaultSettings newSettings) {
        this.settings = newSettings;
    }

    /** Takes the settings the caller read, so that the fault and its Retry-After or latency come from one version. */
    Fault next(FaultSettings current) {
        if (current.throttleProbability()
                        + current.unavailableProbability()
                        + current.internalErrorProbability()
                        + current.dropProbability()
                == 0) {
            return Fault.NONE;
        }
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        double bound = current.throttleProbability();
        if (draw < bound) {
            return Fault.THROTTLE;
        }
        bound += current.unavailableProbability();
        if (draw < bound) {
            return Fault.UNAVAILABLE;
        }
        bound += current.internalErrorProbability();
        if (draw < bound) {
            return Fault.INTERNAL_ERROR;
        }
        bound += current.dropProbability();
        return draw < bound ? Fault.DROP : Fault.NONE;
    }
}
