package io.camelitwin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.reliability.ApplicationProcess;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.Repository;
import io.camelitwin.testing.Repository.CodeBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart, followed as written against the packaged application: every command of its
 * {@code shell runnable} blocks runs in a folder laid out like the repository's root (the build itself, which
 * Failsafe follows, is not run again), and every line of each {@code text} block after them must appear in what the
 * application and the commands printed, up to the values that change from run to run (times, ports, thread numbers,
 * the names the platform gives images, a dead letter's suffix).
 */
class QuickstartIT {

    private static final Path WORK = Path.of("target", "quickstart").toAbsolutePath();
    private static final Path LOG =
            Path.of("target", "test-logs", "quickstart.log").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private final List<String> printed = new ArrayList<>();
    private Process application;

    @Test
    void theReadmesQuickstartPrintsWhatTheReadmeShows() throws Exception {
        List<CodeBlock> quickstart = Repository.codeBlocks(Repository.root().resolve("README.md")).stream()
                .filter(RunnableCommandsDocTest::inQuickstart)
                .toList();
        assertThat(quickstart)
                .as("the README's section '" + RunnableCommandsDocTest.QUICKSTART + "'")
                .anyMatch(CodeBlock::runnable)
                .anyMatch(block -> block.info().equals("text"));
        layOutLikeTheRepository();

        int checkedLines = 0;
        for (CodeBlock block : quickstart) {
            if (block.runnable()) {
                for (String line : block.commands()) {
                    for (String command : line.split("&&")) {
                        run(command.strip());
                    }
                }
            } else if (block.info().equals("text")) {
                for (String expected : block.lines()) {
                    if (!expected.isBlank()) {
                        awaitPrinted(expected);
                        checkedLines++;
                    }
                }
            }
        }
        assertThat(checkedLines).isGreaterThan(3);
    }

    @AfterEach
    void stopTheApplication() throws InterruptedException {
        if (application != null) {
            application.descendants().forEach(ProcessHandle::destroy);
            application.destroy();
            if (!application.waitFor(30, TimeUnit.SECONDS)) {
                application.destroyForcibly();
            }
        }
    }

    /** A fresh folder with the repository's routes, sources and build output where the quickstart expects them. */
    private static void layOutLikeTheRepository() throws IOException {
        if (Files.exists(WORK)) {
            try (Stream<Path> old = Files.walk(WORK)) {
                old.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(WORK);
        Files.createDirectories(LOG.getParent());
        ApplicationProcess.shippedRoutesIn(WORK);
        // the samples, and the packaged application wherever the build put it (target/ or a module's target/)
        for (String entry : List.of("src", "target")) {
            Files.createSymbolicLink(WORK.resolve(entry), Repository.root().resolve(entry));
        }
    }

    private void run(String command) throws Exception {
        if (command.startsWith("./mvnw ")) {
            return; // the build that runs this test has just packaged the application
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-ec", command).directory(WORK.toFile());
        // the machine's own configuration must not change what the quickstart shows (e.g. real credentials)
        builder.environment().keySet().removeIf(key -> key.startsWith("ITWIN_") || key.startsWith("QUARKUS_"));
        if (RunnableCommandsDocTest.startsTheApplication(command)) {
            assertThat(application)
                    .as("the quickstart starts the application once")
                    .isNull();
            // any free port: the suite may run where 8080 is taken
            builder.environment().put("QUARKUS_HTTP_PORT", "0");
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            application = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(LOG.toFile()))
                    .start();
            return;
        }
        // a reader runs a command seconds after the log line before it, a test at once (the dead-letter route logs
        // before it writes the reason file): a command that fails is tried again, within the same patience
        String[] output = {""};
        Await.until(
                "the quickstart's command succeeds: " + command,
                PATIENCE,
                () -> {
                    try {
                        Process process = builder.redirectErrorStream(true).start();
                        output[0] = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                },
                () -> "it printed: " + output[0]);
        printed.addAll(output[0].lines().toList());
    }

    private void awaitPrinted(String expected) {
        String wanted = normalized(expected);
        Await.until(
                "the quickstart prints: " + expected,
                PATIENCE,
                () -> everythingPrinted().stream().map(QuickstartIT::normalized).anyMatch(wanted::equals),
                () -> "the application's log is " + LOG);
    }

    private List<String> everythingPrinted() {
        List<String> lines = new ArrayList<>(printed);
        try {
            if (Files.exists(LOG)) {
                lines.addAll(Files.readAllLines(LOG, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the application is writing it: read again on the next try
        }
        return lines;
    }

    /** A line without what differs from one run to the next. */
    static String normalized(String line) {
        return line.replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}", "<time>")
                .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:<port>")
                .replaceAll("thread #\\d+", "thread #<n>")
                // a dead letter's unique suffix (DeadLetterNames): the time it was refused and six random hex digits
                .replaceAll("\\.\\d{8}T\\d{9}Z-[0-9a-f]{6}\\.", ".<refused>.")
                .replaceAll("(small|large)_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "$1_<id>")
                .strip();
    }
}
