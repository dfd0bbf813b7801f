package io.camelitwin.scaleout;

import io.camelitwin.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own, as a replica runs:
 * configured by environment variables only, in its own working directory, its output kept line by line (and logged
 * to the suite's log, which the secrets check reads).
 */
final class AppProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);
    static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final String name;
    private final Path directory;
    private final int httpPort;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private AppProcess(String name, Path directory, int httpPort, Process process) {
        this.name = name;
        this.directory = directory;
        this.httpPort = httpPort;
        this.process = process;
        Thread reader = new Thread(this::readOutput, "replica-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static AppProcess start(String name, Path directory, Map<String, String> environment) throws IOException {
        Files.createDirectories(directory);
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                // every request the replica sends, so that the test sees which replica polls
                "-Dquarkus.log.category.\"io.camelitwin.client.internal.PlatformHttp\".level=DEBUG",
                "-jar",
                RUNNER.toAbsolutePath().toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        return new AppProcess(name, directory, httpPort, builder.start());
    }

    String name() {
        return name;
    }

    Path directory() {
        return directory;
    }

    int httpPort() {
        return httpPort;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The lines logged so far that match. */
    List<String> lines(Predicate<String> matching) {
        return output.stream().filter(matching).toList();
    }

    /** Waits until a line matches; fails with the replica's output when none does in time. */
    void awaitLine(Predicate<String> matching, Duration timeout, String what) {
        Await.until(
                "replica " + name + " logs its " + what,
                timeout,
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("replica " + name + " exited before its " + what + "; " + lastLines());
                    }
                    return !lines(matching).isEmpty();
                },
                this::lastLines);
    }

    private String lastLines() {
        return "its last lines:\n" + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
    }

    /** {@code kill -9}: no shutdown hook, no chance to hand anything over. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void readOutput() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                LOG.debug("[replica {}] {}", name, line);
            }
        } catch (IOException e) {
            LOG.debug("[replica {}] output closed: {}", name, e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
