package io.camelitwin.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs of the machine that no Maven registry ships (a container runtime, promtool, chattr). Where one is missing the
 * test that needs it is skipped with the reason, so that a fresh machine with only a JDK runs everything else; under
 * {@code CI=true}, where {@code .ci/run} installs them, a missing one fails the test instead of hiding it.
 */
public final class MachineTools {

    private MachineTools() {}

    /** Where the program is on the PATH, if it is. */
    public static Optional<Path> find(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Skips the calling test unless every program is on the PATH (fails instead under {@code CI=true}).
     *
     * @param whatIsNotTested what the test would have shown, for the skip message
     * @param install how to get the programs, e.g. the Debian packages
     */
    public static void assumeInstalled(List<String> programs, String whatIsNotTested, String install) {
        List<String> missing =
                programs.stream().filter(program -> find(program).isEmpty()).toList();
        String message = String.join(", ", missing) + " not on the PATH: " + whatIsNotTested + " (" + install
                + "; .ci/run does)";
        if (!missing.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.assumeTrue(missing.isEmpty(), message);
    }
}
