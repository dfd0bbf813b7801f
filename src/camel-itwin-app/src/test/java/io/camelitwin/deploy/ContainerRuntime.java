package io.camelitwin.deploy;

import io.camelitwin.testing.MachineTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Podman as these machines can run it (no Docker daemon, no registry to pull from, no CAP_SYS_RESOURCE, hybrid
 * cgroups): runc, the cgroupfs manager, the vfs storage driver and no default ulimits. The base image is made from
 * Debian's packages with {@code mmdebstrap}, its tar cached under {@code ~/.cache/camel-itwin} so that only the first
 * run on a machine pays for it; the application's image is built from the repository's own Dockerfile once per test
 * run.
 */
final class ContainerRuntime {

    static final String BASE_IMAGE = "localhost/camel-itwin-test-jre:17";
    static final String IMAGE = "localhost/camel-itwin:container-test";
    static final Path DOCKERFILE = Path.of("src", "camel-itwin-app", "src", "main", "docker", "Dockerfile.jvm");
    private static final List<String> TOOLS = List.of("podman", "buildah", "runc", "mmdebstrap");
    private static final Path BASE_TAR =
            Path.of(System.getProperty("user.home"), ".cache", "camel-itwin", "debian-bookworm-openjdk-17-jre.tar");
    private static final Path CONTAINERS_CONF = Path.of("target", "containers.conf");

    private static boolean imageBuilt;

    private ContainerRuntime() {}

    /**
     * Skips the calling test, with the reason, where the tools are missing; fails instead under CI=true, where
     * .ci/run installs them.
     */
    static void assumeAvailable() {
        MachineTools.assumeInstalled(
                TOOLS,
                "no container runtime, so the image was neither built nor run",
                "apt-get install podman buildah runc mmdebstrap");
    }

    /** The application's image, built once per run from {@code target/quarkus-app} and {@code routes/}. */
    static synchronized void buildImage() throws IOException, InterruptedException {
        if (imageBuilt) {
            return;
        }
        if (!Files.isRegularFile(Path.of("target", "quarkus-app", "quarkus-run.jar"))) {
            throw new AssertionError("target/quarkus-app is missing: the image is built from the packaged application"
                    + " (./mvnw package; the container test runs as an IT, after package)");
        }
        Files.createDirectories(CONTAINERS_CONF.getParent());
        Files.writeString(CONTAINERS_CONF, "[containers]\ndefault_ulimits = []\n");
        if (podmanQuietly("image", "exists", BASE_IMAGE) != 0) {
            podman(Duration.ofMinutes(2), "import", baseTar().toString(), BASE_IMAGE);
        }
        podman(
                Duration.ofMinutes(10),
                "build",
                "--isolation",
                "chroot",
                "--build-arg",
                "BASE_IMAGE=" + BASE_IMAGE,
                "-f",
                DOCKERFILE.toString(),
                "-t",
                IMAGE,
                ".");
        imageBuilt = true;
    }

    /** Runs podman with this machine's settings; fails with its output when it exits with anything but 0. */
    static String podman(Duration timeout, String... arguments) throws IOException, InterruptedException {
        Result result = run(timeout, arguments);
        if (result.exitCode != 0) {
            throw new AssertionError("podman " + String.join(" ", arguments) + " exited with " + result.exitCode + ":\n"
                    + result.output);
        }
        return result.output;
    }

    static String podman(String... arguments) throws IOException, InterruptedException {
        return podman(Duration.ofMinutes(1), arguments);
    }

    static int podmanQuietly(String... arguments) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(1), arguments).exitCode;
    }

    private static Result run(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("podman", "--storage-driver", "vfs", "--runtime", "runc", "--cgroup-manager", "cgroupfs"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("podman", ".out");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment()
                    .put("CONTAINERS_CONF", CONTAINERS_CONF.toAbsolutePath().toString());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Debian bookworm with its OpenJDK 17 runtime, as a root file system tar: made once, then taken from the cache. */
    private static Path baseTar() throws IOException, InterruptedException {
        if (Files.isRegularFile(BASE_TAR)) {
            return BASE_TAR;
        }
        Files.createDirectories(BASE_TAR.getParent());
        Path partial = BASE_TAR.resolveSibling(BASE_TAR.getFileName() + ".partial");
        Process process = new ProcessBuilder(
                        "mmdebstrap",
                        "--variant=apt",
                        "--include=openjdk-17-jre-headless,ca-certificates",
                        "bookworm",
                        partial.toString(),
                        "http://deb.debian.org/debian")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "mmdebstrap.log").toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("mmdebstrap could not make the base image; see target/mmdebstrap.log");
        }
        return Files.move(partial, BASE_TAR, StandardCopyOption.ATOMIC_MOVE);
    }

    private record Result(int exitCode, String output) {}
}
