package io.camelitwin.benchmark;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A second JVM on the test class path, so that what it measures is not mixed with the benchmark's own work. */
final class ChildJvm {

    /** Quiet logging for every JVM of a benchmark: the suite's DEBUG configuration would measure the logger. */
    static final String QUIET_LOGGING = "-Dlogback.configurationFile=benchmark/logback-benchmark.xml";

    private ChildJvm() {}

    static ProcessBuilder command(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(QUIET_LOGGING);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass.getName());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Surefire runs tests from a manifest-only jar; it names the real class path in its own property. */
    private static String classPath() {
        String testClassPath = System.getProperty("surefire.test.class.path");
        return testClassPath != null && !testClassPath.isBlank()
                ? testClassPath
                : System.getProperty("java.class.path", "") + File.pathSeparator;
    }
}
