package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.health.ChangeSyncBaselineCheck;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * The baseline check follows the change-sync route as it is in the running context, not the configuration: a route
 * that is absent or stopped polls nothing, and waiting for its baseline would keep the application from ever being
 * ready.
 */
class ChangeSyncBaselineTest extends EmulatorCamelTestSupport {

    private final MemoryStateRepository state = new MemoryStateRepository();

    private ChangeSyncBaselineCheck check() {
        return new ChangeSyncBaselineCheck(context);
    }

    private void addSyncRoute(String options, boolean autoStartup) throws Exception {
        context.getRegistry().bind("imageChangesState", state);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("itwin:imageChanges?startScheduler=false&stateRepository=#imageChangesState&" + options)
                        .routeId(ChangeSyncBaselineCheck.ROUTE_ID)
                        .autoStartup(autoStartup)
                        .to("mock:changes");
            }
        });
    }

    @Test
    void withoutTheRouteNothingWaits() {
        HealthCheckResponse response = check().call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow().get("changeSync").toString())
                .contains("no such route");
    }

    @Test
    void aStoppedRouteIsNotWaitedForAndTheCheckSaysSo() throws Exception {
        addSyncRoute("startFrom=now", false);

        HealthCheckResponse response = check().call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow().get("changeSync").toString())
                .contains("the route is Stopped");
    }

    @Test
    void aStartedRouteIsWaitedForUntilItsFirstPollRecordedTheBaseline() throws Exception {
        addSyncRoute("startFrom=now", true);
        ChangeSyncBaselineCheck check = check();

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        ((ScheduledPollConsumer)
                        context.getRoute(ChangeSyncBaselineCheck.ROUTE_ID).getConsumer())
                .run();

        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aRouteThatStartsFromTheBeginningHasNoBaselineToWaitFor() throws Exception {
        addSyncRoute("startFrom=beginning", true);

        assertThat(check().call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
