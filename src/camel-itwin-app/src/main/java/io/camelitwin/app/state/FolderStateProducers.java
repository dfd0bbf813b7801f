package io.camelitwin.app.state;

import io.camelitwin.app.config.AppSettings;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.support.processor.state.FileStateRepository;

/**
 * What the folder route last uploaded to each target (SHA-256 of the content), in Camel's {@link FileStateRepository}:
 * kept on disk, so that a restart does not upload the same content again. A state (last content per target), not an
 * idempotent set: after A then B, A again is a change and is uploaded.
 */
public class FolderStateProducers {

    @Produces
    @Singleton
    @Named("folderLastUploads")
    FileStateRepository lastUploads(AppSettings settings) throws IOException {
        return opened(settings.folder().stateFile());
    }

    /** The content being sent to each iTwin, written before the upload: see {@link UploadJournal}. */
    @Produces
    @Singleton
    @Named("folderUploadsInFlight")
    FileStateRepository uploadsInFlight(AppSettings settings) throws IOException {
        return opened(settings.folder().journalFile());
    }

    @Produces
    @Singleton
    @Named("folderUploadJournal")
    UploadJournal journal(@Named("folderUploadsInFlight") FileStateRepository uploadsInFlight) {
        return new UploadJournal(uploadsInFlight);
    }

    void close(@Disposes @Named("folderLastUploads") FileStateRepository repository) {
        repository.stop();
    }

    void closeJournal(@Disposes @Named("folderUploadsInFlight") FileStateRepository repository) {
        repository.stop();
    }

    static FileStateRepository opened(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileStateRepository repository = FileStateRepository.fileStateRepository(file.toFile());
        repository.start();
        return repository;
    }
}
