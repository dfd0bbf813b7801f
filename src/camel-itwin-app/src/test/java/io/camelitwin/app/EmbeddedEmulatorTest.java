package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.component.ITwinComponent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;

/** Without credentials the application runs against the emulator it started, with the routes from routes/. */
@QuarkusTest
@WithTestResource(AppTestResources.class)
class EmbeddedEmulatorTest {

    @Inject
    PlatformConnection platform;

    @Inject
    CamelContext camel;

    @Test
    void withoutCredentialsTheComponentTalksToTheEmbeddedEmulator() {
        assertThat(platform.emulator()).isPresent();
        String emulatorUrl = platform.emulator().orElseThrow().baseUrl();
        assertThat(emulatorUrl).startsWith("http://127.0.0.1:");

        ITwinComponent component = camel.getComponent("itwin", ITwinComponent.class);
        assertThat(component.getConfiguration().getBaseUrl()).isEqualTo(emulatorUrl);
        assertThat(component.getConfiguration().getTokenUrl()).isEqualTo(emulatorUrl + "/connect/token");
    }

    @Test
    void theRoutesOfTheRoutesFolderAreStarted() {
        assertThat(camel.getRouteController().getRouteStatus("folder-to-itwin")).isEqualTo(ServiceStatus.Started);
    }
}
