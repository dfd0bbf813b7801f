package io.camelitwin.app.folder;

import io.camelitwin.client.error.ITwinValidationException;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.file.GenericFile;

/**
 * One entry of a drop folder, reached the way the kernel guarantees: every folder on its path is opened relative to the
 * one above it without following a symbolic link ({@code openat} with {@code O_NOFOLLOW}, Java's
 * {@link SecureDirectoryStream}), and the entry itself is read, renamed and deleted relative to its opened folder, never
 * by its path name. A link swapped in for the entry or for any folder above it after the consumer listed it is
 * therefore seen for what it is at the moment of the read, instead of being followed to a file outside the inbox.
 */
public final class InboxEntry implements Closeable {

    /** What an entry is, as seen without following it. */
    enum Kind {
        FILE,
        FOLDER,
        LINK,
        /** a regular file with another name too, which may be outside the inbox: as much a way out as a link */
        HARD_LINK,
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
    private final List<String> folders;
    private final LinkFreeFolder parent;

    private InboxEntry(Path path, Path name, List<String> folders, LinkFreeFolder parent) {
        this.path = path;
        this.name = name;
        this.folders = folders;
        this.parent = parent;
    }

    /**
     * Opens the folders from {@code root} down to the entry's parent without following links.
     *
     * @param relativePath the entry's path below {@code root}, '/'-separated, from the file the consumer listed
     * @throws ITwinValidationException when a segment of the path is empty, {@code .}, {@code ..} or holds a backslash,
     *     or a folder on the path is a symbolic link (or no folder at all)
     */
    static InboxEntry open(Path root, String relativePath) throws IOException {
        List<String> segments = LinkFreeFolder.segments(relativePath);
        return open(root, segments.subList(0, segments.size() - 1), segments.get(segments.size() - 1));
    }

    /**
     * Opens an entry as the consumer listed it, whose own name may hold a backslash (only to take it out of the inbox
     * under a safe name); its folders are checked as in {@link #open(Path, String)}.
     */
    static InboxEntry openAsListed(Path root, String relativePath) throws IOException {
        int slash = relativePath.lastIndexOf('/');
        String name = relativePath.substring(slash + 1);
        LinkFreeFolder.requireSafe(name, relativePath);
        List<String> folders = slash < 0 ? List.of() : LinkFreeFolder.segments(relativePath.substring(0, slash));
        return open(root, folders, name);
    }

    private static InboxEntry open(Path root, List<String> folders, String name) throws IOException {
        LinkFreeFolder parent = LinkFreeFolder.open(root, folders, false);
        return new InboxEntry(parent.path().resolve(name), Path.of(name), List.copyOf(folders), parent);
    }

    /**
     * The path of a file the consumer listed, relative to the inbox, as the file system names it: Camel's own
     * {@code CamelFileName} has every backslash turned into '/', and is a header any step of a route could change.
     */
    static String relativePath(Path inbox, File listed) {
        return inbox.toAbsolutePath()
                .relativize(listed.toPath().toAbsolutePath())
                .toString()
                .replace(File.separatorChar, '/');
    }

    /** The relative path of the file an exchange of the folder route came from, from the file object itself. */
    static String relativePath(Path inbox, Exchange exchange) {
        GenericFile<?> file = exchange.getProperty(ExchangePropertyKey.FILE_EXCHANGE_FILE, GenericFile.class);
        if (file == null || !(file.getFile() instanceof File listed)) {
            throw new IllegalStateException("not an exchange of the folder route's file consumer: it names no file");
        }
        return relativePath(inbox, listed);
    }

    /** The entry's own name, the last segment of its path. */
    String name() {
        return name.toString();
    }

    /** The folders from the root down to the entry's parent. */
    List<String> folders() {
        return folders;
    }

    private SecureDirectoryStream<Path> parent() {
        return parent.stream();
    }

    /** The entry's attributes, not following a link; empty when it is gone. */
    Optional<BasicFileAttributes> attributes() throws IOException {
        return parent.attributes(name.toString());
    }

    /** What the entry is; a regular file with more than one name is a {@link Kind#HARD_LINK}. */
    Kind kind() throws IOException {
        Optional<BasicFileAttributes> attributes = attributes();
        return attributes.isEmpty() ? Kind.MISSING : kind(attributes.get());
    }

    private Kind kind(BasicFileAttributes attributes) throws IOException {
        Kind kind = kindOf(attributes);
        if (kind != Kind.FILE) {
            return kind;
        }
        // Java reads the link count only by path name: one lstat, checked to be of the same file the opened folder
        // holds
        Map<String, Object> unix = Files.readAttributes(path, "unix:nlink,fileKey", LinkFreeFolder.NOFOLLOW);
        if (!Objects.equals(unix.get("fileKey"), attributes.fileKey())) {
            throw new ITwinValidationException(
                    "path", "the entry was replaced while it was looked at: it is looked at again later");
        }
        return ((Number) unix.get("nlink")).intValue() > 1 ? Kind.HARD_LINK : Kind.FILE;
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
        requireRegularFile(kind(before));
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
                    case HARD_LINK ->
                        "the entry is a hard link (a file with another name, maybe outside the inbox):"
                                + " only files in the inbox are read";
                    case FOLDER -> "the entry is a folder";
                    case SPECIAL -> "the entry is a named pipe, socket or device, not a regular file";
                    default -> "the entry is gone";
                });
    }

    /**
     * Moves the entry (whatever it is: a rename never reads or follows it) into {@code target} under {@code newName},
     * which must not exist; across file systems, a regular file is copied through a no-follow open to a temporary name,
     * renamed to {@code newName}, and only then removed from the inbox, so that a crash leaves it in one place or both,
     * never in neither.
     */
    void moveTo(LinkFreeFolder target, String newName) throws IOException {
        // a rename replaces an existing name silently: the caller's names are unique, this keeps it so
        if (target.attributes(newName).isPresent()) {
            throw new FileAlreadyExistsException(target.path().resolve(newName).toString());
        }
        try {
            parent().move(name, target.stream(), Path.of(newName));
        } catch (AtomicMoveNotSupportedException crossDevice) {
            try (SeekableByteChannel channel =
                            parent().newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
                    InputStream in = Channels.newInputStream(channel)) {
                target.copyNew(in, newName);
            }
            delete();
        }
    }

    /** Whether the entry is no longer the version that was read (written again, replaced, or gone). */
    boolean changedSince(Version read) throws IOException {
        return !attributes().map(Version::of).map(read::equals).orElse(false);
    }

    /** Removes the entry itself (a link, not its target); nothing when it is already gone. */
    void delete() throws IOException {
        parent.delete(name.toString());
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
        parent.close();
    }
}
