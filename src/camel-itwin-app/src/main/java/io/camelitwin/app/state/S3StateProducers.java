package io.camelitwin.app.state;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.app.platform.RedisKeys;
import io.camelitwin.component.state.RedisStateRepository;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;

/** What the S3 route is uploading, as {@link FolderStateProducers} is the folder route's. */
public class S3StateProducers {

    /**
     * The ETag of the object being sent to each iTwin, written before the upload: see {@link UploadJournal}. In Redis
     * when {@code itwin.redis.url} is set: the S3 route runs on one replica at a time, and the replica that takes it
     * over after a crash must see what the last one was sending. Else in {@code itwin.s3.journal-file}.
     */
    @Produces
    @Singleton
    @Named("s3UploadsInFlight")
    StateRepository<String, String> uploadsInFlight(AppSettings settings, PlatformConnection platform)
            throws IOException {
        Optional<String> redisUrl = settings.redis().url();
        if (redisUrl.isPresent()) {
            RedisStateRepository shared =
                    new RedisStateRepository(redisUrl.get(), RedisKeys.of(platform.clientId(), "s3-uploads-in-flight"));
            shared.start();
            return shared;
        }
        return FolderStateProducers.opened(settings.s3().journalFile());
    }

    void closeJournal(@Disposes @Named("s3UploadsInFlight") StateRepository<String, String> repository) {
        ServiceHelper.stopService(repository);
    }

    @Produces
    @Singleton
    @Named("s3UploadJournal")
    UploadJournal journal(@Named("s3UploadsInFlight") StateRepository<String, String> uploadsInFlight) {
        return new UploadJournal(uploadsInFlight);
    }
}
