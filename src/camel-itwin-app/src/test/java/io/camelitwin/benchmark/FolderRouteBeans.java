package io.camelitwin.benchmark;

import io.camelitwin.app.folder.DeadLetterNames;
import io.camelitwin.app.folder.FailedFolder;
import io.camelitwin.app.folder.FolderUploads;
import io.camelitwin.app.folder.InboxFilter;
import io.camelitwin.app.folder.SlowWriters;
import io.camelitwin.app.routes.ImageTargets;
import io.camelitwin.app.state.UploadJournal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;

/**
 * The beans the shipped folder route calls, built by hand as the application's CDI container builds them (they take
 * their collaborators in the constructor and need nothing of Quarkus): the two state files on disk, the inbox filter
 * with a meter registry of its own. Lets a plain Camel Main or context run {@code routes/folder-to-itwin.camel.yaml}.
 */
final class FolderRouteBeans {

    private FolderRouteBeans() {}

    static void bind(CamelContext camel, Path inbox, Path done, Path stateFolder, Path failedFolder)
            throws IOException {
        Files.createDirectories(stateFolder);
        FileStateRepository lastUploads = opened(stateFolder.resolve("folder-last-uploads.dat"));
        camel.getRegistry().bind("folderUploads", new FolderUploads(lastUploads, inbox, done));
        camel.getRegistry()
                .bind("folderUploadJournal", uploadJournal(stateFolder.resolve("folder-uploads-in-flight.dat")));
        SlowWriters slowWriters = new SlowWriters(120_000);
        FailedFolder failed =
                new FailedFolder(inbox, failedFolder, new DeadLetterNames(), slowWriters, new ImageTargets());
        camel.getRegistry().bind("folderFailed", failed);
        camel.getRegistry()
                .bind(
                        "inboxFilter",
                        new InboxFilter(inbox, failed, slowWriters, new ImageTargets(), new SimpleMeterRegistry()));
    }

    /** The journal of uploads in flight that the folder and S3 routes write before each upload, on disk. */
    static UploadJournal uploadJournal(Path file) {
        return new UploadJournal(opened(file));
    }

    private static FileStateRepository opened(Path file) {
        FileStateRepository repository = FileStateRepository.fileStateRepository(file.toFile());
        repository.start();
        return repository;
    }
}
