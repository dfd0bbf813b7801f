package io.camelitwin.app.folder;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.app.routes.ImageTargets;
import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.component.ITwinConstants;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
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
    /** What a name must not hold: a backslash (a separator to Camel on Linux) or a control character (log lines). */
    static final Pattern UNSAFE_NAME = Pattern.compile("[\\\\\\p{Cntrl}]");

    private final Path inbox;
    private final Path failed;
    private final DeadLetterNames names;
    private final SlowWriters slowWriters;
    private final ImageTargets printable;

    @Inject
    public FailedFolder(AppSettings settings, DeadLetterNames names, SlowWriters slowWriters, ImageTargets printable) {
        this(settings.folder().inbox(), settings.folder().failed(), names, slowWriters, printable);
    }

    public FailedFolder(
            Path inbox, Path failed, DeadLetterNames names, SlowWriters slowWriters, ImageTargets printable) {
        this.inbox = inbox;
        this.failed = failed;
        this.names = names;
        this.slowWriters = slowWriters;
        this.printable = printable;
    }

    /**
     * The dead letter of an exchange of the folder route (the file it came from names the entry). A file that still
     * looks like a writer is at work on it ({@link SlowWriters}), or that changed since it was read, stays in the inbox
     * and is taken again later.
     */
    public void deadLetter(Exchange exchange) throws IOException {
        String relativePath = InboxEntry.relativePath(inbox, exchange);
        String reason = exchange.getMessage().getHeader(ITwinConstants.FAILURE_REASON, String.class);
        Optional<InboxEntry.Version> read =
                Optional.ofNullable(exchange.getProperty(FolderUploads.READ_VERSION, InboxEntry.Version.class));
        InboxEntry opened;
        try {
            opened = InboxEntry.open(inbox, relativePath);
        } catch (ITwinValidationException unsafePath) {
            // a folder on the path became a link after the listing, or the path could lead out of the inbox: nothing
            // below it is touched, the reason goes where the path's safe form points
            String failedPath = names.unique(safe(relativePath));
            try (LinkFreeFolder target = LinkFreeFolder.open(failed, folders(failedPath), true)) {
                target.write(name(failedPath) + REASON_SUFFIX, text(reason + "; " + unsafePath.getMessage()));
            }
            LOG.warnf(
                    "Dead letter: %s left untouched, reason in the failed folder as %s",
                    printable.printable(relativePath), printable.printable(failedPath));
            return;
        }
        try (InboxEntry entry = opened) {
            if (slowWriters.stillBeingWritten(entry, read)) {
                LOG.infof(
                        "Left %s in the inbox: it looks unfinished and was modified within the last %d ms, so a writer"
                                + " may still be at work (%s)",
                        printable.printable(relativePath),
                        slowWriters.quietTime().toMillis(),
                        reason);
                return;
            }
            refuse(entry, relativePath, entry.name(), reason, read);
        }
    }

    /**
     * Takes an entry out of the inbox with its reason. The failed folder is walked without following links
     * ({@link LinkFreeFolder}): a link placed in it fails the refusal, and the entry stays in the inbox. The reason is
     * written before a file moves, so a crash in between leaves the file in the inbox and a reason, never neither.
     *
     * @param failedName the name it gets in the failed folder before its unique suffix (its own, or a safe one)
     * @param read the version that was read, when one was: a file that changed since stays in the inbox
     */
    void refuse(
            InboxEntry entry, String relativePath, String failedName, String reason, Optional<InboxEntry.Version> read)
            throws IOException {
        String deadLetter = names.unique(failedName);
        String failedPath = String.join("/", entry.folders()) + (entry.folders().isEmpty() ? "" : "/") + deadLetter;
        String reasonName = deadLetter + REASON_SUFFIX;
        InboxEntry.Kind kind = entry.kind();
        if (kind == InboxEntry.Kind.MISSING) {
            LOG.warnf("Could not dead-letter %s: it is gone (%s)", printable.printable(relativePath), reason);
            return;
        }
        if (kind == InboxEntry.Kind.FILE && read.isPresent() && entry.changedSince(read.get())) {
            LOG.infof(
                    "Left %s in the inbox: it changed since it was read, so it is taken again as a new file (%s)",
                    printable.printable(relativePath), printable.printable(reason));
            return;
        }
        try (LinkFreeFolder target = LinkFreeFolder.open(failed, entry.folders(), true)) {
            switch (kind) {
                case FILE -> {
                    target.write(reasonName, text(reason));
                    entry.moveTo(target, deadLetter);
                    // renamed by its name in the inbox: had a link been swapped in at the last moment, the link moved
                    if (target.attributes(deadLetter).map(InboxEntry::kindOf).orElse(InboxEntry.Kind.MISSING)
                            == InboxEntry.Kind.LINK) {
                        target.delete(deadLetter);
                        reason = "it became a symbolic link while it was refused; the link was removed, its target not"
                                + " read (first refused as: " + reason + ")";
                        target.write(reasonName, text(reason));
                    }
                }
                case LINK, HARD_LINK, SPECIAL -> {
                    reason = "ITwinValidationException: " + whatItWas(entry, kind);
                    // removed first: an entry that cannot be removed leaves no reason file on every poll
                    entry.delete();
                    target.write(reasonName, text(reason));
                }
                default -> {
                    reason = reason + "; a folder is not moved: it stays in the inbox";
                    target.write(reasonName, text(reason));
                }
            }
        }
        LOG.warnf(
                "Dead letter: %s, in the failed folder as %s: %s",
                printable.printable(relativePath), printable.printable(failedPath), printable.printable(reason));
    }

    private String whatItWas(InboxEntry entry, InboxEntry.Kind kind) {
        return switch (kind) {
            case LINK ->
                "a symbolic link to " + printable.printable(entry.linkTarget())
                        + ": only files in the inbox are read, so the link was removed and its target not read";
            case HARD_LINK ->
                "a hard link (a file with more than one name, which may be outside the inbox): only"
                        + " files in the inbox are read, so the inbox's name was removed and the content not read";
            default ->
                "a named pipe, socket or device, not a regular file: removed from the inbox without being opened";
        };
    }

    /** A path with every segment that could lead elsewhere, or forge a log line, made harmless ('_'). */
    private static String safe(String relativePath) {
        List<String> segments = new ArrayList<>();
        for (String segment : relativePath.split("/", -1)) {
            String cleaned = UNSAFE_NAME.matcher(segment).replaceAll("_");
            segments.add(cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? "_" : cleaned);
        }
        return String.join("/", segments);
    }

    private static List<String> folders(String relativePath) {
        List<String> segments = List.of(relativePath.split("/"));
        return segments.subList(0, segments.size() - 1);
    }

    private static String name(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    private static byte[] text(String reason) {
        return reason.getBytes(StandardCharsets.UTF_8);
    }
}
