package io.camelitwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.testing.Await;
import io.camelitwin.testing.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package} before Failsafe runs)
 * as a child process of the test, as a replica runs: configured by environment variables (none inherited from the
 * test's own), in a working directory of its own, so that a test can kill it with SIGKILL while the emulator, in the
 * test's own JVM, lives on. Its console goes to a log under {@code target/test-logs/reliability}, appended across
 * restarts (and started afresh by the next run of the test), which the secrets scan reads too. The one way the tests
 * start the packaged application.
 */
public final class ApplicationProcess implements AutoCloseable {

    public static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final Path LOGS = Path.of("target", "test-logs", "reliability");

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:\\s]+:(\\d+)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Path log;
    private Path directory = Path.of(".");
    private Process process;
    private int port;

    /** @param name names the log file */
    public ApplicationProcess(String name) {
        this.log = LOGS.resolve(name + ".log").toAbsolutePath();
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", "0");
        environment.put("ITWIN_ROUTES_DIR", Path.of("routes").toAbsolutePath().toString());
    }

    /**
     * A copy of the shipped routes/ (its Kamelets folder too) in the given folder, returned for
     * {@code ITWIN_ROUTES_DIR}: a copy rather than a link, because Camel's routes/*.yaml pattern does not look into a
     * symbolic link, and a test may change its copy.
     */
    public static Path shippedRoutesIn(Path folder) throws IOException {
        Path shipped = Repository.root().resolve("routes");
        Path copy = folder.resolve("routes");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(shipped.relativize(file).toString()));
            }
        }
        return copy;
    }

    /** An environment variable for every start from now on (the application's configuration keys, upper-cased). */
    public ApplicationProcess env(String name, Object value) {
        environment.put(name, String.valueOf(value));
        return this;
    }

    /** Configuration keys (e.g. {@code itwin.s3.bucket}) as the environment variables that set them. */
    public ApplicationProcess configuration(Map<String, String> properties) {
        properties.forEach((key, value) -> env(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return this;
    }

    /** The working directory: relative paths in the configuration resolve against it. */
    public ApplicationProcess directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /**
     * A JVM option for every start from now on, for what no environment variable can set (a log category's name keeps
     * its case only in a system property).
     */
    public ApplicationProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public Path directory() {
        return directory;
    }

    public Path log() {
        return log;
    }

    /** Starts the application and waits until its HTTP server listens (routes may still be starting). */
    public ApplicationProcess start() throws IOException {
        long logOffset = process != null && Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = processBuilder();
        process = builder.start();
        port = awaitPort(logOffset);
        return this;
    }

    /**
     * Starts the application expecting it to stop by itself (a configuration it refuses) and returns its exit code;
     * fails if it is still running after {@code timeout}.
     */
    int startExpectingExit(Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = processBuilder();
        process = builder.start();
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("the application stopped by itself (see %s)", log)
                .isTrue();
        return process.exitValue();
    }

    /** {@code kill -9} (SIGKILL): no shutdown hook, no flush, no route stopping. Safe to call from any thread. */
    public void kill() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The status code and body of a health endpoint, e.g. {@code ready} or {@code live}. */
    HttpResponse<String> health(String which) {
        return get("/q/health/" + which);
    }

    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean ready() {
        return health("ready").statusCode() == 200;
    }

    /** The lines of {@link #logText()} that match. */
    public List<String> lines(Predicate<String> matching) {
        return logText().lines().filter(matching).toList();
    }

    /** Waits until a line of the log matches; fails with the log's last lines when none does in time. */
    public void awaitLine(Predicate<String> matching, Duration timeout, String what) {
        Await.until(
                "the application logs its " + what + " (" + log + ")",
                timeout,
                () -> {
                    if (!isAlive()) {
                        throw new AssertionError("the application exited before its " + what + "; " + lastLines());
                    }
                    return !lines(matching).isEmpty();
                },
                this::lastLines);
    }

    private String lastLines() {
        List<String> lines = logText().lines().toList();
        return "its last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** The log since the first start. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessBuilder processBuilder() throws IOException {
        assertThat(RUNNER)
                .as("the packaged application (mvn package runs before Failsafe)")
                .exists();
        Files.createDirectories(LOGS);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(RUNNER.toAbsolutePath().toString());
        Files.createDirectories(directory);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                // a new file for this test's first start (not the last run's), appended to by its restarts
                .redirectOutput(
                        process == null
                                ? ProcessBuilder.Redirect.to(log.toFile())
                                : ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the test's own environment must not configure the child (e.g. a developer's real ITWIN_CLIENT_SECRET)
        builder.environment().keySet().removeIf(key -> key.startsWith("ITWIN_") || key.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        return builder;
    }

    private int awaitPort(long logOffset) {
        AtomicInteger listening = new AtomicInteger();
        Await.until("the application listens (see " + log + ")", Duration.ofMinutes(2), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + "; see " + log);
            }
            String text = logText();
            Matcher matcher = LISTENING.matcher(text.substring((int) Math.min(logOffset, text.length())));
            if (matcher.find()) {
                listening.set(Integer.parseInt(matcher.group(1)));
            }
            return listening.get() != 0;
        });
        return listening.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
