package io.camelitwin.benchmark;

import io.camelitwin.app.FolderUploads;
import io.camelitwin.app.InboxFilter;
import io.camelitwin.app.UploadJournal;
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

    static void bind(CamelContext camel, Path stateFolder, Path failedFolder) throws IOException {
        Files.createDirectories(stateFolder);
        FileStateRepository lastUploads = opened(stateFolder.resolve("folder-last-uploads.dat"));
        camel.getRegistry().bind("folderUploads", new FolderUploads(lastUploads));
        camel.getRegistry()
                .bind("folderUploadJournal", uploadJournal(stateFolder.resolve("folder-uploads-in-flight.dat")));
        camel.getRegistry().bind("inboxFilter", new InboxFilter(failedFolder, new SimpleMeterRegistry()));
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
