package io.camelitwin.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A second JVM on the test class path, so that what it measures is not mixed with the benchmark's own work. */
final class ChildJvm {

    /** Quiet logging for every JVM of a benchmark: the suite's DEBUG configuration would measure the logger. */
    static final String QUIET_LOGGING = "-Dlogback.configurationFile=benchmark/logback-benchmark.xml";

    private static final Pattern SOURCE = Pattern.compile(" source: file:(\\S+)");
    private static final Pattern QUARKUS_ONLY = Pattern.compile("^(camel-microprofile-config|slf4j-jboss-logmanager)-");

    private ChildJvm() {}

    static ProcessBuilder command(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        return command(jvmOptions, classPath(), mainClass, args);
    }

    static ProcessBuilder command(List<String> jvmOptions, String classPath, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(QUIET_LOGGING);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
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
    static String classPath() {
        return Arrays.stream(testClassPath().split(File.pathSeparator))
                .filter(entry -> !QUARKUS_ONLY
                        .matcher(Path.of(entry).getFileName().toString())
                        .find())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The whole test class path, as Surefire gives it. */
    static String testClassPath() {
        String testClassPath = System.getProperty("surefire.test.class.path");
        return testClassPath != null && !testClassPath.isBlank()
                ? testClassPath
                : System.getProperty("java.class.path", "");
    }

    /** The option that makes a child write where each class it loads came from ({@link #suppliers}). */
    static String classLoadLog(Path log) {
        return "-Xlog:class+load=info:file=" + log;
    }

    /**
     * The class path entries that supplied a class in a child's class loading log, joined as a class path. The test
     * class path holds some 500 jars, and the JDK keeps the central directory of every jar it opened (each class or
     * service lookup opens them in turn) on the heap: 12 MB of byte arrays, more than a small heap can spare. A child
     * that needs a small heap is given only the jars it uses.
     */
    static String suppliers(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.map(SOURCE::matcher)
                    .filter(Matcher::find)
                    .map(found -> found.group(1))
                    .distinct()
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }
}
