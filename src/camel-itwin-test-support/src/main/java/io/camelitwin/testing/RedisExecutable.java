package io.camelitwin.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the tests find {@code redis-server}: on the PATH, or else the binary for this platform that the
 * {@code com.github.codemonstur:embedded-redis} jar carries, copied once per test JVM into a temporary file.
 */
final class RedisExecutable {

    /** The binaries in the embedded-redis jar, by {@code os.name}/{@code os.arch}. */
    private static final Map<String, String> BUNDLED = Map.of(
            "linux/amd64", "redis-server-6.2.6-v5-linux-amd64",
            "linux/aarch64", "redis-server-6.2.7-linux-arm64",
            "mac/x86_64", "redis-server-6.2.6-v5-darwin-amd64",
            "mac/aarch64", "redis-server-6.2.6-v5-darwin-arm64");

    private static String path;

    private RedisExecutable() {}

    static synchronized String path() {
        if (path == null) {
            path = onPath().map(Path::toString).orElseGet(RedisExecutable::bundled);
        }
        return path;
    }

    private static Optional<Path> onPath() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String bundled() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String platform = (os.startsWith("mac") ? "mac" : os) + "/" + System.getProperty("os.arch");
        String resource = BUNDLED.get(platform);
        if (resource == null) {
            throw new IllegalStateException("no redis-server on the PATH, and the embedded-redis jar has none for "
                    + platform + ": install Redis (e.g. apt-get install redis-server)");
        }
        try (InputStream binary = RedisExecutable.class.getClassLoader().getResourceAsStream(resource)) {
            if (binary == null) {
                throw new IllegalStateException(
                        "no redis-server on the PATH, and " + resource + " is not on the test class path");
            }
            Path copy = Files.createTempFile("redis-server", "");
            copy.toFile().deleteOnExit();
            Files.copy(binary, copy, StandardCopyOption.REPLACE_EXISTING);
            if (!copy.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + copy + " executable");
            }
            return copy.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
