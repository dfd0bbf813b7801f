package io.camelitwin.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Draws faults from a seeded sequence, so that a run with the same seed and request order fails the same way. */
final class FaultInjector {

    enum Fault {
        NONE,
        THROTTLE,
        UNAVAILABLE,
        INTERNAL_ERROR,
        DROP,
        HTML
    }

    /** A maintenance or login page, as a proxy in front of a service answers: 200, and not what the client asked for. */
    static final byte[] HTML_PAGE = ("<!DOCTYPE html><html><head><title>Service maintenance</title></head>"
                    + "<body><h1>We'll be back soon</h1><p>This service is undergoing maintenance.</p></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    private final long seed;
    private final Random random;
    private volatile FaultSettings settings;
    /** Paths every call to which answers 500, whatever the settings: a resource that is broken, not unlucky. */
    private final Set<String> brokenPaths = ConcurrentHashMap.newKeySet();

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
        brokenPaths.clear();
    }

    void breakPath(String rawPath) {
        brokenPaths.add(rawPath);
    }

    boolean isBroken(String rawPath) {
        return brokenPaths.contains(rawPath);
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
                        + current.htmlProbability()
                == 0) {
            return Fault.NONE;
        }
        double draw = draw();
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
        if (draw < bound) {
            return Fault.DROP;
        }
        bound += current.htmlProbability();
        return draw < bound ? Fault.HTML : Fault.NONE;
    }

    /** Whether this token request is answered with an HTML page instead of a token. */
    boolean nextTokenIsHtml(FaultSettings current) {
        return current.tokenHtmlProbability() > 0 && draw() < current.tokenHtmlProbability();
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }
}
