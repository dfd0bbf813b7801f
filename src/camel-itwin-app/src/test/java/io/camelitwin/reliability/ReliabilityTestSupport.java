package io.camelitwin.reliability;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.RateLimitSettings;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.SecretsLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * One emulator in the test's JVM, the packaged application in child processes pointed at it with the demo client's
 * credentials, and a working directory of their own under {@code target/reliability} (kept after the run, to look at).
 * Every token and blob link signature the emulator issues is added to the secrets ledger, so the log scan looks for
 * them in the child's log.
 */
abstract class ReliabilityTestSupport {

    static {
        SecretsLedger.record(DemoData.DEMO_CLIENT_SECRET);
    }

    protected ITwinEmulator emulator;
    protected Path work;
    private final List<ApplicationProcess> applications = new ArrayList<>();

    @BeforeEach
    void startEmulator(TestInfo test) throws IOException {
        work = Files.createDirectories(Path.of(
                                "target",
                                "reliability",
                                test.getTestClass().orElseThrow().getSimpleName())
                        .toAbsolutePath())
                .resolve(test.getTestMethod().orElseThrow().getName() + "-" + System.currentTimeMillis());
        Files.createDirectories(work);
        emulator = startEmulator(emulatorBuilder());
    }

    /** Limits far above what a test sends: these tests are about crashes, not pacing. */
    protected ITwinEmulator.Builder emulatorBuilder() {
        return ITwinEmulator.builder().rateLimits(new RateLimitSettings("Custom", 100_000, 0));
    }

    protected ITwinEmulator startEmulator(ITwinEmulator.Builder builder) throws IOException {
        ITwinEmulator started = builder.start();
        started.onTokenIssued(SecretsLedger::record);
        started.onBlobUrlSigned(SecretsLedger::recordSignature);
        return started;
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (ApplicationProcess application : applications) {
            application.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    /**
     * The packaged application pointed at the emulator as the demo client, with its folders under the working
     * directory and the client's own pacing off.
     */
    protected ApplicationProcess application(String name) {
        ApplicationProcess application = new ApplicationProcess(getClass().getSimpleName() + "-" + name)
                .env("ITWIN_PLATFORM", "bentley")
                .env("ITWIN_CLIENT_ID", DemoData.DEMO_CLIENT_ID)
                .env("ITWIN_CLIENT_SECRET", DemoData.DEMO_CLIENT_SECRET)
                .env("ITWIN_BASE_URL", emulator.baseUrl())
                .env("ITWIN_TOKEN_URL", emulator.tokenUrl())
                .env("ITWIN_FOLDER_INBOX", inbox())
                .env("ITWIN_FOLDER_FAILED", failed())
                .env("CAMEL_COMPONENT_ITWIN_REQUESTS_PER_MINUTE", 100_000)
                .env("CAMEL_COMPONENT_ITWIN_REQUESTS_PER_HOUR", 0)
                .env("ITWIN_SYNC_ENABLED", false)
                .directory(work);
        applications.add(application);
        return application;
    }

    protected Path inbox() {
        return work.resolve("inbox");
    }

    protected Path failed() {
        return work.resolve("failed");
    }

    protected List<RecordedRequest> uploadsOf(String iTwinId) {
        return emulator.requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.method().equals("PUT") && r.path().equals("/itwins/" + iTwinId + "/image"))
                .toList();
    }

    /**
     * Regular files under a folder, lock files left out. The application moves files out while the folder is walked:
     * a file or folder gone before it was visited is simply not listed.
     */
    protected static List<Path> filesUnder(Path folder) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()
                            && !file.getFileName().toString().endsWith(".camelLock")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
