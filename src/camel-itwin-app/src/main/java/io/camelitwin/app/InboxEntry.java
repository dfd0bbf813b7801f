package io.camelitwin.app;

import io.camelitwin.client.error.ITwinValidationException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a drop folder, reached the way the kernel guarantees: every folder on its path is opened relative to the
 * one above it without following a symbolic link ({@code openat} with {@code O_NOFOLLOW}, Java's
 * {@link SecureDirectoryStream}), and the entry itself is read, renamed and deleted relative to its opened folder, never
 * by its path name. A link swapped in for the entry or for any folder above it after the consumer listed it is
 * therefore seen for what it is at the moment of the read, instead of being followed to a file outside the inbox.
 */
final class InboxEntry implements Closeable {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** What an entry is, as seen without following it. */
    enum Kind {
        FILE,
        FOLDER,
        LINK,
        /** a named pipe, socket or device: opening a pipe would block the consumer until someone writes to it */
        SPECIAL,
        MISSING
    }

    /** Enough of an entry's attributes to tell whether it is still the file that was read. */
    record Version(Object fileKey, long size, long modifiedMillis) {

        static Version of(BasicFileAttributes attributes) {
            return new Version(
                    attributes.fileKey(),
                    attributes.size(),
                    attributes.lastModifiedTime().toMillis());
        }
    }

    /** The bytes read from an entry and the version they came from. */
    record Content(byte[] bytes, Version version) {}

    private final Path path;
    private final Path name;
    private final List<SecureDirectoryStream<Path>> opened;

    private InboxEntry(Path path, Path name, List<SecureDirectoryStream<Path>> opened) {
        this.path = path;
        this.name = name;
        this.opened = opened;
    }

    /**
     * Opens the folders from {@code root} down to the entry's parent without following links.
     *
     * @param relativePath the entry's path below {@code root}, '/'-separated, as the file consumer names it
     * @throws ITwinValidationException when a folder on the path is a symbolic link (or no folder at all)
     */
    static InboxEntry open(Path root, String relativePath) throws IOException {
        String[] segments = relativePath.split("/");
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            // the root is the operator's configured folder: it may itself be a link (a mounted share), and is trusted
            opened.add(secure(Files.newDirectoryStream(root)));
            for (int i = 0; i < segments.length - 1; i++) {
                SecureDirectoryStream<Path> parent = opened.get(opened.size() - 1);
                try {
                    opened.add(secure(parent.newDirectoryStream(Path.of(segments[i]), NOFOLLOW)));
                } catch (NoSuchFileException e) {
                    throw e;
                } catch (FileSystemException e) {
                    // ELOOP or ENOTDIR: the folder was replaced by a link (or by a file) since it was listed
                    throw new ITwinValidationException(
                            "path",
                            "the folder " + String.join("/", List.of(segments).subList(0, i + 1))
                                    + " on the file's path is a symbolic link or no folder: only files in the inbox"
                                    + " are read");
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        return new InboxEntry(root.resolve(relativePath), Path.of(segments[segments.length - 1]), opened);
    }

    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream) throws IOException {
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("the file system offers no race-free access to folders (SecureDirectoryStream): the"
                + " folder route needs Linux or another system with openat()");
    }

    /** The entry's own name, the last segment of its path. */
    String name() {
        return name.toString();
    }

    private SecureDirectoryStream<Path> parent() {
        return opened.get(opened.size() - 1);
    }

    /** The entry's attributes, not following a link; empty when it is gone. */
    Optional<BasicFileAttributes> attributes() throws IOException {
        try {
            return Optional.of(parent().getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW)
                    .readAttributes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    Kind kind() throws IOException {
        return attributes().map(InboxEntry::kindOf).orElse(Kind.MISSING);
    }

    static Kind kindOf(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return Kind.LINK;
        }
        if (attributes.isDirectory()) {
            return Kind.FOLDER;
        }
        return attributes.isRegularFile() ? Kind.FILE : Kind.SPECIAL;
    }

    /** Where a link points, as its text: the target itself is not touched. */
    String linkTarget() {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "(unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * Reads a regular file whole, at most {@code maxBytes} of it, refusing whatever is not one. The open itself does not
     * follow a link ({@code O_NOFOLLOW}); the attributes checked first keep a named pipe from blocking the open.
     */
    Content read(long maxBytes) throws IOException {
        BasicFileAttributes before = attributes().orElseThrow(() -> new NoSuchFileException(path.toString()));
        requireRegularFile(kindOf(before));
        try (SeekableByteChannel channel =
                parent().newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new ITwinValidationException(
                        "body", "the file is " + size + " bytes; the platform accepts at most " + maxBytes + " bytes");
            }
            byte[] bytes;
            try (InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readNBytes((int) maxBytes + 1);
            }
            if (bytes.length > maxBytes) {
                throw new ITwinValidationException(
                        "body", "the file grew beyond " + maxBytes + " bytes while it was read");
            }
            return new Content(bytes, Version.of(before));
        } catch (FileSystemException e) {
            if (kind() == Kind.LINK) {
                throw refusedAs(Kind.LINK);
            }
            throw e;
        }
    }

    /** The last {@code length} bytes of a regular file (fewer if it is shorter), without following a link. */
    byte[] tail(int length) throws IOException {
        try (SeekableByteChannel channel =
                parent().newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            channel.position(Math.max(0, size - length));
            try (InputStream in = Channels.newInputStream(channel)) {
                return in.readNBytes(length);
            }
        }
    }

    /** The first {@code length} bytes of a regular file (fewer if it is shorter), without following a link. */
    byte[] head(int length) throws IOException {
        try (SeekableByteChannel channel =
                        parent().newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
                InputStream in = Channels.newInputStream(channel)) {
            return in.readNBytes(length);
        }
    }

    private void requireRegularFile(Kind kind) {
        if (kind != Kind.FILE) {
            throw refusedAs(kind);
        }
    }

    private ITwinValidationException refusedAs(Kind kind) {
        return new ITwinValidationException(
                "path",
                switch (kind) {
                    case LINK -> "the entry is a symbolic link: only files in the inbox are read";
                    case FOLDER -> "the entry is a folder";
                    case SPECIAL -> "the entry is a named pipe, socket or device, not a regular file";
                    default -> "the entry is gone";
                });
    }

    /**
     * Moves the entry (whatever it is: a rename never reads or follows it) into {@code folder} under {@code newName},
     * which must not exist; across file systems, a regular file is copied through a no-follow open and then removed.
     */
    void moveTo(Path folder, String newName) throws IOException {
        Files.createDirectories(folder);
        // a rename replaces an existing name silently: the caller's names are unique, this keeps it so
        if (Files.exists(folder.resolve(newName), NOFOLLOW)) {
            throw new FileAlreadyExistsException(folder.resolve(newName).toString());
        }
        try (SecureDirectoryStream<Path> target = secure(Files.newDirectoryStream(folder))) {
            parent().move(name, target, Path.of(newName));
        } catch (AtomicMoveNotSupportedException crossDevice) {
            copyTo(folder.resolve(newName));
            delete();
        }
    }

    private void copyTo(Path target) throws IOException {
        try (SeekableByteChannel channel =
                        parent().newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
                InputStream in = Channels.newInputStream(channel)) {
            Files.copy(in, target);
        }
    }

    /** Removes the entry itself (a link, not its target); nothing when it is already gone. */
    void delete() throws IOException {
        try {
            parent().deleteFile(name);
        } catch (NoSuchFileException gone) {
            // already gone: nothing to remove
        }
    }

    /** Removes the entry only if it is still the version that was read: a file written again meanwhile stays. */
    boolean deleteIf(Version read) throws IOException {
        Optional<BasicFileAttributes> now = attributes();
        if (now.isEmpty()) {
            return true;
        }
        if (!Version.of(now.get()).equals(read)) {
            return false;
        }
        delete();
        return true;
    }

    @Override
    public void close() throws IOException {
        closeAll(opened);
    }

    private static void closeAll(List<SecureDirectoryStream<Path>> streams) throws IOException {
        IOException first = null;
        for (int i = streams.size() - 1; i >= 0; i--) {
            try {
                streams.get(i).close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
