package io.camelitwin.app.folder;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.app.metrics.RouteMetrics;
import io.camelitwin.app.routes.ImageTargets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.jboss.logging.Logger;

/**
 * Decides, while the folder route lists the inbox, what it may take; the consumer asks for every entry, folders
 * included, before it walks into them.
 * <ul>
 *   <li>A symbolic link (to a file or a folder), a hard link, a named pipe, a socket or a device never becomes an
 *       exchange: it is removed from the inbox and leaves a reason file in the failed folder ({@link FailedFolder}). So
 *       the consumer never walks into a linked folder, and never opens a pipe, which would block it.
 *   <li>A name that Camel's file consumer would misread goes to the failed folder at once, under a safe name: on Linux
 *       the consumer takes a backslash for a path separator, so {@code photos\..\..\x.png} would name a file outside
 *       the inbox (and cannot even be opened), and a control character would forge log lines. A folder with such a
 *       name is not walked into (every folder on a path is checked), and is warned about once.
 *   <li>Writers' temporary names ({@code .part}, {@code .filepart}, {@code .partial}, {@code .crdownload},
 *       {@code .tmp}, a trailing {@code ~}) are left alone: the writer renames the file when it is complete.
 *   <li>A PNG or JPEG that looks unfinished and was modified recently waits ({@link SlowWriters}).
 *   <li>An entry that cannot be handled (removed, moved, read: a read-only folder, an immutable file) is warned about
 *       once and skipped while it stays unchanged; the poll goes on with the other files.
 * </ul>
 */
@Singleton
@Named("inboxFilter")
public class InboxFilter implements GenericFileFilter<File> {

    private static final Logger LOG = Logger.getLogger(InboxFilter.class);
    private static final Pattern WRITERS_TEMPORARY =
            Pattern.compile(".*(\\.part|\\.filepart|\\.partial|\\.crdownload|\\.tmp|~)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE = Pattern.compile(".*\\.(png|jpg|jpeg)$");

    private final Path inbox;
    private final FailedFolder failedFolder;
    private final SlowWriters slowWriters;
    private final Counter refusals;
    private final ImageTargets printable;
    /** Entries that could not be handled, with the version that failed: skipped until they change. */
    private final Map<String, InboxEntry.Version> unhandled = new ConcurrentHashMap<>();
    /** Entries already warned about, so that a poll every second does not repeat the line. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Inject
    public InboxFilter(
            AppSettings settings,
            FailedFolder failedFolder,
            SlowWriters slowWriters,
            ImageTargets printable,
            MeterRegistry registry) {
        this(settings.folder().inbox(), failedFolder, slowWriters, printable, registry);
    }

    public InboxFilter(
            Path inbox,
            FailedFolder failedFolder,
            SlowWriters slowWriters,
            ImageTargets printable,
            MeterRegistry registry) {
        this.printable = printable;
        this.inbox = inbox;
        this.failedFolder = failedFolder;
        this.slowWriters = slowWriters;
        this.refusals = RouteMetrics.refusals(registry, "folder-to-itwin", "path");
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        // the listed entry, as the file system names it: the consumer's own name for it has backslashes turned into '/'
        String relativePath = InboxEntry.relativePath(inbox, file.getFile());
        try (InboxEntry entry = InboxEntry.openAsListed(inbox, relativePath)) {
            Optional<InboxEntry.Version> version = entry.attributes().map(InboxEntry.Version::of);
            if (version.isPresent() && version.get().equals(unhandled.get(relativePath))) {
                return false;
            }
            try {
                boolean accepted = decide(entry, relativePath);
                unhandled.remove(relativePath);
                return accepted;
            } catch (IOException | RuntimeException e) {
                // one entry that cannot be handled (removed, moved, read) must not stop the poll for every other file
                version.ifPresent(v -> unhandled.put(relativePath, v));
                warnOnce(
                        relativePath,
                        "Could not take " + printable.printable(relativePath) + " out of the inbox (" + what(e)
                                + "): it is left where it is and skipped while it stays unchanged; the other files go"
                                + " on");
                return false;
            }
        } catch (IOException | RuntimeException e) {
            // a folder on the path has an unsafe name or became a link since it was listed: not walked into
            warnOnce(relativePath, "Skipped " + printable.printable(relativePath) + " in the inbox (" + what(e) + ")");
            return false;
        }
    }

    private boolean decide(InboxEntry entry, String relativePath) throws IOException {
        return switch (entry.kind()) {
            case MISSING -> false;
            case LINK, HARD_LINK, SPECIAL -> refuse(entry, relativePath, entry.name(), "");
            case FOLDER -> acceptFolder(relativePath, entry.name());
            case FILE -> acceptFile(entry, relativePath, entry.name());
        };
    }

    private boolean acceptFolder(String relativePath, String name) {
        if (FailedFolder.UNSAFE_NAME.matcher(name).find()) {
            // a folder cannot be moved to the failed folder like a file; its name would be read as a way out (a\..\x)
            warnOnce(
                    relativePath,
                    "Not walking into the folder " + printable.printable(relativePath) + ": its name holds a backslash"
                            + " or a control character, which could name a place outside the inbox; rename it to have"
                            + " its files taken");
            return false;
        }
        return true;
    }

    /** Logs a warning about an entry once, not on every poll that meets it again. */
    private void warnOnce(String relativePath, String line) {
        if (warned.add(relativePath)) {
            LOG.warn(line);
        }
    }

    private String what(Exception e) {
        return e.getClass().getSimpleName() + ": " + printable.printable(String.valueOf(e.getMessage()));
    }

    private boolean acceptFile(InboxEntry entry, String relativePath, String name) throws IOException {
        if (FailedFolder.UNSAFE_NAME.matcher(name).find()) {
            String safeName = FailedFolder.UNSAFE_NAME.matcher(name).replaceAll("_");
            return refuse(
                    entry,
                    relativePath,
                    safeName,
                    "ITwinValidationException: the file name contains a backslash or a control character, which"
                            + " could name a place outside the inbox; renamed " + safeName + " and not uploaded");
        }
        if (WRITERS_TEMPORARY.matcher(name).matches()) {
            return false;
        }
        if (IMAGE.matcher(name.toLowerCase(Locale.ROOT)).matches()
                && slowWriters.stillBeingWritten(entry, Optional.empty())) {
            LOG.debugf("Not taken yet, a writer may still be at work: %s", relativePath);
            return false;
        }
        return true;
    }

    private boolean refuse(InboxEntry entry, String relativePath, String failedName, String reason) throws IOException {
        failedFolder.refuse(entry, relativePath, failedName, reason, Optional.empty());
        refusals.increment();
        return false;
    }
}
