package io.camelitwin.benchmark;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A second JVM on the test class path, so that what it measures is not mixed with the benchmark's own work. */
final class ChildJvm {

    /** Quiet logging for every JVM of a benchmark: the suite's DEBUG configuration would measure the logger. */
    static final String QUIET_LOGGING = "-Dlogback.configurationFile=benchmark/logback-benchmark.xml";

    private static final Pattern QUARKUS_ONLY = Pattern.compile("^(camel-microprofile-config|slf4j-jboss-logmanager)-");

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

    /**
     * The test class path (Surefire runs tests from a manifest-only jar and names the real one in its own property)
     * without the two jars that make a plain JVM behave like the Quarkus application: camel-microprofile-config would
     * hand the application's {@code application.properties} (all its routes and beans) to a child's Camel Main, and
     * the JBoss Logging provider for SLF4J would take over from Logback and ignore {@link #QUIET_LOGGING}.
     */
    private static String classPath() {
        String testClassPath = System.getProperty("surefire.test.class.path");
        String classPath = testClassPath != null && !testClassPath.isBlank()
                ? testClassPath
                : System.getProperty("java.class.path", "");
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !QUARKUS_ONLY
                        .matcher(Path.of(entry).getFileName().toString())
                        .find())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
