package io.camelitwin.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps from the folder route the files whose names Camel's file consumer would misread: on Linux it takes a backslash
 * for a path separator, so {@code photos\..\..\x.png} would name a file outside the inbox (and cannot even be opened),
 * and a control character would forge log lines. Such a file is moved to the failed folder under a safe name, with its
 * reason beside it, and never reaches the platform.
 */
@Singleton
@Named("inboxFilter")
public class InboxFilter implements GenericFileFilter<File> {

    private static final Logger LOG = Logger.getLogger(InboxFilter.class);
    private static final Pattern UNSAFE = Pattern.compile("[\\\\\\p{Cntrl}]");

    private final Path failed;
    private final Counter refusals;

    public InboxFilter(@ConfigProperty(name = "itwin.folder.failed") Path failed, MeterRegistry registry) {
        this.failed = failed;
        this.refusals = RouteMetrics.refusals(registry, "folder-to-itwin", "path");
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        // the listed file, as the file system names it: the consumer's own name for it has backslashes turned into '/'
        Path path = file.getFile().toPath();
        String name = path.getFileName().toString();
        if (file.isDirectory() || !UNSAFE.matcher(name).find()) {
            return true;
        }
        String safeName = UNSAFE.matcher(name).replaceAll("_");
        String reason = "ITwinValidationException: the file name contains a backslash or a control character, which"
                + " could name a place outside the inbox; renamed " + safeName + " and not uploaded";
        try {
            Path inbox = Path.of(file.getEndpointPath()).toAbsolutePath();
            Path target = failed.resolve(inbox.relativize(path.toAbsolutePath().getParent()))
                    .resolve(safeName);
            Files.createDirectories(target.getParent());
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(target.resolveSibling(safeName + ".reason.txt"), reason, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not move a refused file out of the inbox", e);
        }
        refusals.increment();
        LOG.warnf("Refused %s: %s", safeName, reason);
        return false;
    }
}
