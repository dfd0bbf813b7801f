package io.camelitwin.app.health;

import io.camelitwin.component.ITwinEndpoint;
import io.camelitwin.component.ITwinImageChangesConsumer;
import io.camelitwin.component.StartFrom;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.CamelContext;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the change sync has recorded the images already on the platform ({@code startFrom=now}). Until its first
 * poll, which may come seconds after the start (the leader election, the initial delay), a change made on the
 * platform would be taken for one of them and never delivered; so the application is not ready before.
 *
 * <p>Keyed on the route, not on the configuration: only a started route {@value #ROUTE_ID} whose consumer takes a
 * baseline is waited for; a route that is absent (removed, or never loaded) or not started polls nothing, and the
 * check says so and stays UP. The record is kept with the sync's state (the state file, or Redis for all replicas),
 * so this waits only at the very first start, and once seen it is not asked again.
 */
@Readiness
@ApplicationScoped
public class ChangeSyncBaselineCheck implements HealthCheck {

    public static final String ROUTE_ID = "itwin-changes-to-assets";

    private final CamelContext camel;
    private volatile boolean recorded;

    public ChangeSyncBaselineCheck(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("itwin-change-sync-baseline").withData("route", ROUTE_ID);
        Route route = camel.getRoute(ROUTE_ID);
        if (route == null) {
            return response.up()
                    .withData("changeSync", "no such route: nothing polls, nothing waits for a baseline")
                    .build();
        }
        ServiceStatus status = camel.getRouteController().getRouteStatus(ROUTE_ID);
        if (status == null || !status.isStarted()) {
            return response.up()
                    .withData("changeSync", "the route is " + status + ": nothing polls, nothing waits for a baseline")
                    .build();
        }
        ITwinEndpoint sync = imageChanges(route.getEndpoint());
        if (sync == null || sync.getConfiguration().getStartFrom() != StartFrom.now) {
            // with startFrom=beginning the first poll delivers every image there is, a change made before it included
            return response.up()
                    .withData("changeSync", "its first poll delivers every image: no baseline to wait for")
                    .build();
        }
        StateRepository<String, String> state = sync.getConfiguration().getStateRepository();
        if (state == null || isRecorded(state)) {
            // without a repository bean the consumer's state is its own, in memory or its state file, and only
            // the consumer sees it: the readiness cannot wait for what it cannot see
            return response.up().build();
        }
        return response.down()
                .withData(
                        "waitingFor",
                        "the change sync's first poll, which records the images already there; a change made before"
                                + " it could be taken for one of them")
                .build();
    }

    /** The {@code itwin:imageChanges} endpoint the route consumes from, through {@code master:} or any other wrapper. */
    private static ITwinEndpoint imageChanges(Endpoint endpoint) {
        Endpoint current = endpoint;
        while (current instanceof DelegateEndpoint wrapper && !(current instanceof ITwinEndpoint)) {
            current = wrapper.getEndpoint();
        }
        return current instanceof ITwinEndpoint itwin
                        && itwin.getConfiguration().getOperation().isConsumer()
                ? itwin
                : null;
    }

    private boolean isRecorded(StateRepository<String, String> state) {
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
