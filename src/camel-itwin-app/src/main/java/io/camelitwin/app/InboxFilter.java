package io.camelitwin.app;

import io.camelitwin.client.error.ITwinValidationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Decides, while the folder route lists the inbox, what it may take; the consumer asks for every entry, folders
 * included, before it walks into them.
 * <ul>
 *   <li>A symbolic link (to a file or a folder), a named pipe, a socket or a device never becomes an exchange: it is
 *       removed from the inbox and leaves a reason file in the failed folder ({@link FailedFolder}). So the consumer
 *       never walks into a linked folder, and never opens a pipe, which would block it.
 *   <li>A name that Camel's file consumer would misread goes to the failed folder at once, under a safe name: on Linux
 *       the consumer takes a backslash for a path separator, so {@code photos\..\..\x.png} would name a file outside
 *       the inbox (and cannot even be opened), and a control character would forge log lines.
 *   <li>Writers' temporary names ({@code .part}, {@code .filepart}, {@code .partial}, {@code .crdownload},
 *       {@code .tmp}, a trailing {@code ~}) are left alone: the writer renames the file when it is complete.
 *   <li>A PNG or JPEG that looks unfinished and was modified recently waits ({@link SlowWriters}).
 * </ul>
 */
@Singleton
@Named("inboxFilter")
public class InboxFilter implements GenericFileFilter<File> {

    private static final Logger LOG = Logger.getLogger(InboxFilter.class);
    private static final Pattern UNSAFE = Pattern.compile("[\\\\\\p{Cntrl}]");
    private static final Pattern WRITERS_TEMPORARY =
            Pattern.compile(".*(\\.part|\\.filepart|\\.partial|\\.crdownload|\\.tmp|~)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE = Pattern.compile(".*\\.(png|jpg|jpeg)$");

    private final Path inbox;
    private final FailedFolder failedFolder;
    private final SlowWriters slowWriters;
    private final Counter refusals;

    public InboxFilter(
            @ConfigProperty(name = "itwin.folder.inbox") Path inbox,
            FailedFolder failedFolder,
            SlowWriters slowWriters,
            MeterRegistry registry) {
        this.inbox = inbox;
        this.failedFolder = failedFolder;
        this.slowWriters = slowWriters;
        this.refusals = RouteMetrics.refusals(registry, "folder-to-itwin", "path");
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        // the listed entry, as the file system names it: the consumer's own name for it has backslashes turned into '/'
        Path path = file.getFile().toPath().toAbsolutePath();
        String relativePath = inbox.toAbsolutePath().relativize(path).toString().replace(File.separatorChar, '/');
        String name = path.getFileName().toString();
        try (InboxEntry entry = InboxEntry.open(inbox, relativePath)) {
            return switch (entry.kind()) {
                case MISSING -> false;
                case LINK, SPECIAL -> refuse(entry, relativePath, name, "");
                case FOLDER -> true;
                case FILE -> acceptFile(entry, relativePath, name);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not look at an entry of the inbox", e);
        } catch (ITwinValidationException linkedFolder) {
            // a folder above it became a link since it was listed: the next listing meets that link itself
            LOG.debugf("Skipped an entry whose folder changed while it was listed: %s", linkedFolder.getMessage());
            return false;
        }
    }

    private boolean acceptFile(InboxEntry entry, String relativePath, String name) throws IOException {
        if (UNSAFE.matcher(name).find()) {
            String safeName = UNSAFE.matcher(name).replaceAll("_");
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
        failedFolder.refuse(entry, relativePath, failedName, reason);
        refusals.increment();
        return false;
    }
}
