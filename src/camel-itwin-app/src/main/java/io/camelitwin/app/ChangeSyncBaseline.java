package io.camelitwin.app;

import io.camelitwin.component.ITwinImageChangesConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the change sync has recorded the images already on the platform ({@code itwin.sync.start-from=now}).
 * Until its first poll, which may come seconds after the start (the leader election, the initial delay), a change
 * made on the platform would be taken for one of them and never delivered; so the application is not ready before.
 * The record is kept with the sync's state (the state file, or Redis for all replicas), so this waits only at the very
 * first start, and once seen it is not asked again.
 */
@Readiness
@ApplicationScoped
public class ChangeSyncBaseline implements HealthCheck {

    private final boolean waitsForBaseline;
    private final StateRepository<String, String> state;
    private volatile boolean recorded;

    public ChangeSyncBaseline(
            @ConfigProperty(name = "itwin.sync.enabled", defaultValue = "true") boolean syncEnabled,
            @ConfigProperty(name = "itwin.sync.start-from", defaultValue = "now") String startFrom,
            @Named("imageChangesState") StateRepository<String, String> state) {
        // with startFrom=beginning the first poll delivers every image there is, a change made before it included
        this.waitsForBaseline = syncEnabled && "now".equalsIgnoreCase(startFrom.trim());
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("itwin-change-sync-baseline");
        if (!waitsForBaseline || isRecorded()) {
            return response.up().build();
        }
        return response.down()
                .withData(
                        "waitingFor",
                        "the change sync's first poll, which records the images already there; a change made before"
                                + " it could be taken for one of them")
                .build();
    }

    private boolean isRecorded() {
        if (!recorded) {
            try {
                // a file repository reads its file when started; the consumer starts it too, once it leads
                ServiceHelper.startService(state);
                recorded = ITwinImageChangesConsumer.baselineRecorded(state);
            } catch (RuntimeException unreachable) {
                // Redis away: not known yet, so not ready; the state repository says why in its own log
                return false;
            }
        }
        return recorded;
    }
}
