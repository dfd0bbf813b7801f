package io.camelitwin.app.state;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.app.platform.RedisKeys;
import io.camelitwin.component.state.RedisStateRepository;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * What the change sync has delivered ({@code stateRepository: "#imageChangesState"}): in Redis when
 * {@code itwin.redis.url} is set, so that whichever replica leads next carries on where the last one stopped; in
 * {@code itwin.sync.state-file} otherwise, which is enough for one replica only: the file is read when the repository
 * starts, and a bean repository is started once, so a replica that led before and leads again would work from its old
 * copy. Several replicas need Redis: without it each keeps a state of its own, a replica that does not lead never sees
 * the leader's baseline (and so is never ready), and a new leader starts from its own. So the start stops, saying
 * what to set, when the sync is on, {@code itwin.rate-limit.replicas} (the replicas the deployment runs, which k8s/
 * keeps equal to the Deployment's) is above 1 and {@code itwin.redis.url} is not set.
 */
public class ImageChangesStateProducers {

    private final AppSettings settings;

    @Inject
    public ImageChangesStateProducers(AppSettings settings) {
        this.settings = settings;
    }

    @Produces
    @Singleton
    @Named("imageChangesState")
    StateRepository<String, String> imageChangesState(PlatformConnection platform) throws IOException {
        Optional<String> redisUrl = settings.redis().url();
        if (redisUrl.isPresent()) {
            return new RedisStateRepository(redisUrl.get(), RedisKeys.of(platform.clientId(), "image-changes"));
        }
        requireOneReplica();
        Path stateFile = settings.sync().stateFile();
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        return FileStateRepository.fileStateRepository(stateFile.toFile());
    }

    void requireOneReplica() {
        int replicas = settings.rateLimit().replicas();
        if (settings.sync().enabled() && replicas > 1) {
            throw new IllegalStateException("The change sync (itwin.sync.enabled) on " + replicas + " replicas"
                    + " (itwin.rate-limit.replicas) needs its state shared in Redis, but itwin.redis.url is not set:"
                    + " each replica would keep a state of its own in "
                    + settings.sync().stateFile() + ", a replica that does not lead"
                    + " would never be ready, and a new leader would start from its own copy. Set ITWIN_REDIS_URL,"
                    + " or run one replica (ITWIN_RATE_LIMIT_REPLICAS=1), or turn the sync off on every replica"
                    + " (ITWIN_SYNC_ENABLED=false)");
        }
    }

    /** The consumer starts the repository but leaves a bean's to its owner: its Redis client is shut down here. */
    void close(@Disposes @Named("imageChangesState") StateRepository<String, String> repository) {
        ServiceHelper.stopService(repository);
    }
}
