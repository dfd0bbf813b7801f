package io.camelitwin.app.folder;

import io.camelitwin.client.error.ITwinValidationException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A folder below a trusted root (the operator's inbox, done or failed folder), reached by opening every folder on the
 * way relative to the one above it without following a symbolic link ({@code openat} with {@code O_NOFOLLOW}, Java's
 * {@link SecureDirectoryStream}). A link placed anywhere on the way ({@code done/itwins -> /etc}) is refused with an
 * error instead of being followed, and what is then read, written, renamed or deleted is named relative to the opened
 * folder, never by a path a link could redirect. Files are written under a fresh temporary name ({@code CREATE_NEW})
 * and renamed into place, so a link or a hard link already under the name is replaced, never written through, and a
 * reader never sees half a file.
 */
final class LinkFreeFolder implements Closeable {

    static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path path;
    private final List<SecureDirectoryStream<Path>> opened;

    private LinkFreeFolder(Path path, List<SecureDirectoryStream<Path>> opened) {
        this.path = path;
        this.opened = opened;
    }

    /**
     * The '/'-separated segments of a path below a root, refusing what could name a place outside it: an empty segment,
     * {@code .}, {@code ..}, and a backslash (Camel's file consumer turns one into a separator on Linux, so a folder
     * named {@code a\..\..\x} would read as a way out).
     */
    static List<String> segments(String relativePath) {
        List<String> segments = List.of(relativePath.split("/", -1));
        for (String segment : segments) {
            requireSafe(segment, relativePath);
            if (segment.contains("\\")) {
                throw unsafe(relativePath, "holds a backslash");
            }
        }
        return segments;
    }

    /** Refuses a segment that is empty, {@code .} or {@code ..}; any other name is one entry of its folder. */
    static void requireSafe(String segment, String relativePath) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("/")) {
            throw unsafe(relativePath, "has an empty, '.' or '..' segment");
        }
    }

    private static ITwinValidationException unsafe(String relativePath, String why) {
        return new ITwinValidationException(
                "path",
                "the path " + relativePath.replaceAll("\\p{Cntrl}", "_") + " " + why
                        + ": it could name a place outside the folder, so nothing was read, moved or written");
    }

    /**
     * Opens {@code folders} below {@code root}, creating the missing ones when {@code create} is set.
     *
     * @throws ITwinValidationException when a folder on the way is a symbolic link or no folder
     */
    static LinkFreeFolder open(Path root, List<String> folders, boolean create) throws IOException {
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        Path path = root;
        try {
            if (create) {
                // the root is the operator's configured folder: it may itself be a link (a mounted share), and is
                // trusted
                Files.createDirectories(root);
            }
            opened.add(secure(Files.newDirectoryStream(root)));
            for (String folder : folders) {
                requireSafe(folder, String.join("/", folders));
                path = path.resolve(folder);
                opened.add(below(opened.get(opened.size() - 1), folder, path, create));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        return new LinkFreeFolder(path, opened);
    }

    private static SecureDirectoryStream<Path> below(
            SecureDirectoryStream<Path> parent, String folder, Path path, boolean create) throws IOException {
        try {
            return openBelow(parent, folder, path);
        } catch (NoSuchFileException missing) {
            if (!create) {
                throw missing;
            }
        }
        try {
            // mkdir by path name: the one call Java offers no relative form of. Should a folder above have been swapped
            // for a link this instant, it makes an empty folder there, which the open below then does not find
            Files.createDirectory(path);
        } catch (FileAlreadyExistsException raced) {
            // another thread or replica made it, or it is a link: the no-follow open tells
        }
        return openBelow(parent, folder, path);
    }

    private static SecureDirectoryStream<Path> openBelow(SecureDirectoryStream<Path> parent, String folder, Path path)
            throws IOException {
        try {
            return secure(parent.newDirectoryStream(Path.of(folder), NOFOLLOW));
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (FileSystemException e) {
            // ELOOP or ENOTDIR: a link (or a file) where a folder was expected
            throw new ITwinValidationException(
                    "path",
                    "the folder " + path + " is a symbolic link or no folder: nothing is read or written through it");
        }
    }

    private static SecureDirectoryStream<Path> secure(DirectoryStream<Path> stream) throws IOException {
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        stream.close();
        throw new IOException("the file system offers no race-free access to folders (SecureDirectoryStream): the"
                + " folder route needs Linux or another system with openat()");
    }

    /** The opened folder, to read, rename and delete its entries by their names. */
    SecureDirectoryStream<Path> stream() {
        return opened.get(opened.size() - 1);
    }

    /** The folder's path name, for messages and for reading a link's text. */
    Path path() {
        return path;
    }

    /** An entry's attributes, not following a link; empty when there is no such entry. */
    Optional<BasicFileAttributes> attributes(String name) throws IOException {
        try {
            return Optional.of(stream()
                    .getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NOFOLLOW)
                    .readAttributes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code bytes} as {@code name}, replacing what was there (a link itself, not its target). */
    void write(String name, byte[] bytes) throws IOException {
        String temporary = writeTemporary(out -> out.write(bytes));
        rename(temporary, name);
    }

    /**
     * Copies {@code in} to {@code name} through a temporary name, refusing to replace an existing entry: a crash leaves
     * either no file under the name or the whole one.
     */
    void copyNew(InputStream in, String name) throws IOException {
        String temporary = writeTemporary(in::transferTo);
        if (attributes(name).isPresent()) {
            deleteQuietly(temporary);
            throw new FileAlreadyExistsException(path.resolve(name).toString());
        }
        rename(temporary, name);
    }

    /** Removes an entry (a link itself, not its target); nothing when it is gone. */
    void delete(String name) throws IOException {
        try {
            stream().deleteFile(Path.of(name));
        } catch (NoSuchFileException gone) {
            // already gone: nothing to remove
        }
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private String writeTemporary(Writing writing) throws IOException {
        // a hidden name: never taken by a file consumer watching this folder, and short enough for any entry's name
        String temporary = ".itwin-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp";
        Set<OpenOption> options =
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try (SeekableByteChannel channel = stream().newByteChannel(Path.of(temporary), options);
                OutputStream out = Channels.newOutputStream(channel)) {
            writing.to(out);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
        return temporary;
    }

    private void rename(String temporary, String name) throws IOException {
        try {
            stream().move(Path.of(temporary), stream(), Path.of(name));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private void deleteQuietly(String name) {
        try {
            delete(name);
        } catch (IOException e) {
            // the original failure is the one to report; a hidden temporary name is left at worst
        }
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
