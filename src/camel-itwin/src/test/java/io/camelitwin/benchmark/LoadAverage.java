package io.camelitwin.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's one-minute load average, written beside each figure: on shared cores it says how much of a figure is
 * other processes' doing.
 */
public final class LoadAverage {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private LoadAverage() {}

    /** The one-minute load average, or NaN where /proc/loadavg does not exist. */
    public static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(LOADAVG).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
