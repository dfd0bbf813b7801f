package io.camelitwin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A folder whose entries cannot be removed, renamed or added while it is locked: read-only for an ordinary user, and
 * immutable ({@code chattr +i}) for root, whom permissions do not stop. Closing unlocks it.
 */
public final class LockedFolder implements AutoCloseable {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path folder;

    private LockedFolder(Path folder) {
        this.folder = folder;
    }

    /** Locks the folder; skips the calling test where root cannot lock it here (no {@code chattr}). */
    public static LockedFolder lock(Path folder) throws IOException, InterruptedException {
        if (ROOT) {
            MachineTools.assumeInstalled(
                    List.of("chattr"),
                    "root ignores permissions, so no folder could be locked against it and the test did not run",
                    "apt-get install e2fsprogs");
            run("chattr", "+i", folder.toString());
        } else {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        return new LockedFolder(folder);
    }

    /** The same locked folder, known by the path it has after a folder above it was moved. */
    public LockedFolder movedTo(Path folder) {
        return new LockedFolder(folder);
    }

    @Override
    public void close() {
        try {
            if (ROOT) {
                run("chattr", "-i", folder.toString());
            } else {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
