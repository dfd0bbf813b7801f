package io.camelitwin.deploy;

import static io.camelitwin.deploy.ContainerRuntime.IMAGE;
import static io.camelitwin.deploy.ContainerRuntime.podman;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.RateLimitSettings;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The container image as an operator runs it: built from src/camel-itwin-app/src/main/docker/Dockerfile.jvm on a Debian JRE base, started
 * with a read-only root file system as the non-root user 185, the OAuth client mounted as files, the data folder
 * mounted, talking to an emulator on this machine's loopback ({@code --network host}). An image dropped into the
 * mounted inbox reaches the platform and comes back through the change sync into the asset folder; a SIGTERM in the
 * middle of an upload loses no file; the process environment holds no credential.
 */
class ContainerImageIT {

    private static final String CLIENT_ID = "container-test-client";
    private static final String CLIENT_SECRET = "container-secret-" + UUID.randomUUID();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static {
        SecretsLedger.record(CLIENT_SECRET);
    }

    private final String name = "camel-itwin-test-" + System.currentTimeMillis();
    private ITwinEmulator emulator;
    private Path work;
    private Path data;

    @BeforeEach
    void startEmulator() throws IOException, InterruptedException {
        ContainerRuntime.assumeAvailable();
        ContainerRuntime.buildImage();
        emulator = ITwinEmulator.builder()
                .rateLimits(new RateLimitSettings("Custom", 100_000, 0))
                .client(CLIENT_ID, CLIENT_SECRET)
                .start();
        emulator.onTokenIssued(SecretsLedger::record);
        emulator.onBlobUrlSigned(SecretsLedger::recordSignature);
        work = Files.createDirectories(Path.of("target", "container-test", name).toAbsolutePath());
        data = writableByEveryone(work.resolve("data"));
    }

    @AfterEach
    void removeContainer() throws IOException, InterruptedException {
        if (work != null) {
            Path log = Files.createDirectories(Path.of("target", "test-logs", "container"))
                    .resolve(name + ".log");
            Files.writeString(log, logs());
            ContainerRuntime.podmanQuietly("rm", "-f", name);
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void readOnlyNonRootImageUploadsSyncsAndStopsOnSigtermWithoutLosingAFile() throws Exception {
        List<String> iTwins = emulator.seedITwins(CLIENT_ID, 2);
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        Files.writeString(secrets.resolve("itwin.client-id"), CLIENT_ID);
        Files.writeString(secrets.resolve("itwin.client-secret"), CLIENT_SECRET);
        Path inbox = writableByEveryone(data.resolve("inbox"));
        int port = freePort();

        long startedAt = System.nanoTime();
        podman(
                "run",
                "-d",
                "--name",
                name,
                "--network",
                "host",
                "--read-only",
                "--user",
                "185",
                "--tmpfs",
                "/tmp:mode=1777",
                "-v",
                data + ":/deployments/data",
                "-v",
                secrets + ":/deployments/secrets:ro",
                "-e",
                "ITWIN_PLATFORM=bentley",
                "-e",
                "QUARKUS_HTTP_PORT=" + port,
                "-e",
                "ITWIN_BASE_URL=" + emulator.baseUrl(),
                "-e",
                "ITWIN_TOKEN_URL=" + emulator.tokenUrl(),
                "-e",
                "ITWIN_FOLDER_POLL_DELAY=200",
                "-e",
                "ITWIN_SYNC_POLL_DELAY=300",
                IMAGE);
        Await.until(
                "/q/health/ready answers UP",
                Duration.ofMinutes(1),
                () -> status(port, "/q/health/ready") == 200,
                this::logs);
        double startSeconds = (System.nanoTime() - startedAt) / 1e9;
        assertThat(body(port, "/q/health/ready")).contains("\"status\": \"UP\"");
        assertThat(logs())
                .as("the credentials were read from the mounted files")
                .contains("iTwin Platform at " + emulator.baseUrl() + " as client " + CLIENT_ID);

        assertThat(podman("exec", name, "id", "-u").strip()).isEqualTo("185");
        assertThat(podman("exec", name, "ls", "/deployments/routes/kamelets"))
                .as("the Kamelets are in the image")
                .contains("itwin-image-sink.kamelet.yaml", "itwin-image-changes-source.kamelet.yaml");
        assertThat(podman("exec", name, "cat", "/proc/1/cmdline"))
                .as("the JVM is process 1, so that it receives the SIGTERM itself")
                .startsWith("java");
        String environment = podman("exec", name, "cat", "/proc/1/environ");
        assertThat(environment)
                .contains("QUARKUS_HTTP_PORT=" + port)
                .doesNotContain(CLIENT_SECRET)
                .doesNotContain(CLIENT_ID)
                .doesNotContain("ITWIN_CLIENT");
        assertThat(ContainerRuntime.podmanQuietly("exec", name, "touch", "/deployments/written"))
                .as("the root file system is read-only")
                .isNotZero();

        byte[] first = TestImages.distinctPng(1);
        drop(inbox, iTwins.get(0), "first.png", first);
        Await.until(
                "the first image uploaded and synced into the asset folder",
                Duration.ofMinutes(1),
                () -> emulator.iTwinImage(iTwins.get(0)).isPresent()
                        && logs().contains("Synced iTwin " + iTwins.get(0)),
                this::logs);
        assertThat(filesUnder(data.resolve("assets"))).isNotEmpty();
        assertThat(filesUnder(data.resolve("done"))).hasSize(1);

        AtomicBoolean terminated = new AtomicBoolean();
        emulator.onITwinImageStored(iTwinId -> {
            if (iTwinId.equals(iTwins.get(1)) && terminated.compareAndSet(false, true)) {
                // before the platform answers: the upload is in flight when the JVM is asked to stop
                try {
                    podman("kill", "--signal", "TERM", name);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        drop(inbox, iTwins.get(1), "second.png", TestImages.distinctPng(2));
        String exitCode = podman(Duration.ofMinutes(2), "wait", name).strip();

        assertThat(terminated).isTrue();
        assertThat(exitCode).as("exit code after SIGTERM").isIn("0", "143");
        assertThat(Stream.concat(filesUnder(inbox).stream(), filesUnder(data.resolve("done")).stream())
                        .map(file -> file.getFileName().toString()))
                .as("the file in flight at SIGTERM is in the inbox or in done, never lost")
                .contains("second.png");
        assertThat(filesUnder(data.resolve("failed"))).isEmpty();
        assertThat(logs()).contains("Apache Camel 4.17.0 (camel-itwin) shutdown");

        long imageBytes = Long.parseLong(
                podman("image", "inspect", "--format", "{{.Size}}", IMAGE).strip());
        long baseBytes = Long.parseLong(podman("image", "inspect", "--format", "{{.Size}}", ContainerRuntime.BASE_IMAGE)
                .strip());
        System.out.printf(
                "container image %s: %.0f MB (the Debian JRE base %.0f MB, the application's layers %.0f MB);"
                        + " from podman run to ready in %.1f s%n",
                IMAGE, imageBytes / 1e6, baseBytes / 1e6, (imageBytes - baseBytes) / 1e6, startSeconds);
    }

    private static void drop(Path inbox, String iTwinId, String fileName, byte[] image) throws IOException {
        Path folder = writableByEveryone(inbox.resolve("itwins").resolve(iTwinId));
        Path partial = folder.resolve("." + fileName);
        Files.write(partial, image);
        Files.move(partial, folder.resolve(fileName));
    }

    /** The container's user (185) is not the test's: the folders it writes to and deletes from are open to it. */
    private static Path writableByEveryone(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        return folder;
    }

    private static List<Path> filesUnder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".camelLock"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logs() {
        try {
            return podman("logs", name);
        } catch (IOException | InterruptedException | AssertionError e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(request(port, path), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String body(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(request(port, path), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body();
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
