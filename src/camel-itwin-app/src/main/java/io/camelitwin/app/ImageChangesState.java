package io.camelitwin.app;

import io.camelitwin.component.state.RedisStateRepository;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the change sync has delivered ({@code stateRepository: "#imageChangesState"}): in Redis when
 * {@code itwin.redis.url} is set, so that whichever replica leads next carries on where the last one stopped; in
 * {@code itwin.sync.state-file} otherwise, which is enough for one replica only: the file is read when the repository
 * starts, and a bean repository is started once, so a replica that led before and leads again would work from its old
 * copy. Several replicas need Redis.
 */
public class ImageChangesState {

    @ConfigProperty(name = "itwin.redis.url")
    Optional<String> redisUrl;

    @ConfigProperty(name = "itwin.sync.state-file")
    Path stateFile;

    @Produces
    @Singleton
    @Named("imageChangesState")
    StateRepository<String, String> imageChangesState(PlatformConnection platform) throws IOException {
        if (redisUrl.isPresent()) {
            return new RedisStateRepository(redisUrl.get(), RedisKeys.of(platform.clientId(), "image-changes"));
        }
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        return FileStateRepository.fileStateRepository(stateFile.toFile());
    }

    /** The consumer starts the repository but leaves a bean's to its owner: its Redis client is shut down here. */
    void close(@Disposes @Named("imageChangesState") StateRepository<String, String> repository) {
        ServiceHelper.stopService(repository);
    }
}
