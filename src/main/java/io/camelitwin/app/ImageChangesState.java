package io.camelitwin.app;

import io.camelitwin.component.state.RedisStateRepository;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.File;
import java.util.Optional;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the change-detection route has delivered ({@code stateRepository=#imageChangesState}): in Redis when
 * {@code itwin.redis.url} is set, so that whichever replica leads next carries on where the last one stopped; in a file
 * otherwise, which is enough for replicas on one host that share the folder.
 */
public class ImageChangesState {

    @ConfigProperty(name = "itwin.redis.url")
    Optional<String> redisUrl;

    @ConfigProperty(name = "itwin.changes.state-file", defaultValue = "data/image-changes.state")
    String stateFile;

    @Produces
    @Singleton
    @Named("imageChangesState")
    StateRepository<String, String> imageChangesState(PlatformConnection platform) {
        return redisUrl.<StateRepository<String, String>>map(
                        url -> new RedisStateRepository(url, RedisKeys.of(platform.clientId(), "image-changes")))
                .orElseGet(() -> FileStateRepository.fileStateRepository(new File(stateFile)));
    }
}
