package io.camelitwin.app;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.component.ITwinConstants;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The folder route's dead letter: a refused entry leaves the inbox for the failed folder, at the same relative place,
 * under a name no other dead letter has ({@link DeadLetterNames}), with {@code <name>.reason.txt} beside it. Only
 * regular files travel, and by a rename (or a no-follow copy across file systems), never by reading a path name: a
 * symbolic link, a named pipe, a socket or a device is removed from the inbox and leaves a reason file only, saying what
 * it was and where a link pointed; its target is never opened.
 */
@Singleton
@Named("folderFailed")
public class FailedFolder {

    private static final Logger LOG = Logger.getLogger(FailedFolder.class);
    static final String REASON_SUFFIX = ".reason.txt";

    private final Path inbox;
    private final Path failed;
    private final DeadLetterNames names;
    private final SlowWriters slowWriters;
    private final ImageTargets printable;

    public FailedFolder(
            @ConfigProperty(name = "itwin.folder.inbox") Path inbox,
            @ConfigProperty(name = "itwin.folder.failed") Path failed,
            DeadLetterNames names,
            SlowWriters slowWriters,
            ImageTargets printable) {
        this.inbox = inbox;
        this.failed = failed;
        this.names = names;
        this.slowWriters = slowWriters;
        this.printable = printable;
    }

    /**
     * The dead letter of an exchange of the folder route (the original message's headers name the file). A file that
     * still looks like a writer is at work on it ({@link SlowWriters}) stays in the inbox and is taken again later.
     */
    public void deadLetter(Exchange exchange) throws IOException {
        String relativePath = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        String reason = exchange.getMessage().getHeader(ITwinConstants.FAILURE_REASON, String.class);
        Optional<InboxEntry.Version> read =
                Optional.ofNullable(exchange.getProperty(FolderUploads.READ_VERSION, InboxEntry.Version.class));
        try (InboxEntry entry = InboxEntry.open(inbox, relativePath)) {
            if (slowWriters.stillBeingWritten(entry, read)) {
                LOG.infof(
                        "Left %s in the inbox: it looks unfinished and was modified within the last %d ms, so a writer"
                                + " may still be at work (%s)",
                        printable.printable(relativePath),
                        slowWriters.quietTime().toMillis(),
                        reason);
                return;
            }
            refuse(entry, relativePath, entry.name(), reason);
        } catch (ITwinValidationException linkedFolder) {
            // a folder on the path became a link after the listing: nothing below it is touched
            String failedPath = names.unique(relativePath);
            writeReason(failedPath, reason + "; " + linkedFolder.getMessage());
            LOG.warnf(
                    "Dead letter: %s left untouched, reason in the failed folder as %s",
                    printable.printable(relativePath), printable.printable(failedPath));
        }
    }

    /**
     * Takes an entry out of the inbox with its reason.
     *
     * @param failedName the name it gets in the failed folder before its unique suffix (its own, or a safe one)
     * @return the relative path of the dead letter in the failed folder
     */
    String refuse(InboxEntry entry, String relativePath, String failedName, String reason) throws IOException {
        String parent = relativePath.contains("/") ? relativePath.substring(0, relativePath.lastIndexOf('/')) : "";
        String deadLetter = names.unique(failedName);
        String failedPath = parent.isEmpty() ? deadLetter : parent + "/" + deadLetter;
        switch (entry.kind()) {
            case MISSING -> {
                LOG.warnf("Could not dead-letter %s: it is gone (%s)", printable.printable(relativePath), reason);
                return failedPath;
            }
            case FILE -> {
                Path folder = failed.resolve(parent);
                entry.moveTo(folder, deadLetter);
                // renamed by its name in the inbox: had a link been swapped in at the last moment, the link moved
                if (Files.isSymbolicLink(folder.resolve(deadLetter))) {
                    Files.delete(folder.resolve(deadLetter));
                    reason = "it became a symbolic link while it was refused; the link was removed, its target not"
                            + " read (first refused as: " + reason + ")";
                }
            }
            case LINK -> {
                reason = "ITwinValidationException: a symbolic link to " + printable.printable(entry.linkTarget())
                        + ": only files in the inbox are read, so the link was removed and its target not read";
                entry.delete();
            }
            case SPECIAL -> {
                reason = "ITwinValidationException: a named pipe, socket or device, not a regular file: removed from"
                        + " the inbox without being opened";
                entry.delete();
            }
            case FOLDER -> reason = reason + "; a folder is not moved: it stays in the inbox";
        }
        writeReason(failedPath, reason);
        LOG.warnf(
                "Dead letter: %s, in the failed folder as %s: %s",
                printable.printable(relativePath), printable.printable(failedPath), printable.printable(reason));
        return failedPath;
    }

    private void writeReason(String failedPath, String reason) throws IOException {
        Path reasonFile = failed.resolve(failedPath + REASON_SUFFIX);
        Files.createDirectories(reasonFile.getParent());
        Files.writeString(
                reasonFile,
                reason,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }
}
