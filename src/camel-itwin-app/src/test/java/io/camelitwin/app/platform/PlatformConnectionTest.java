package io.camelitwin.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.app.TestSettings;
import io.camelitwin.app.config.AppSettings;
import io.camelitwin.app.health.PlatformTokenCheck;
import io.camelitwin.client.ITwinPlatformClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code itwin.platform}: an explicit choice, checked against the credentials before anything starts. */
class PlatformConnectionTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private PlatformConnection connection;

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private PlatformConnection connection(String platform, String clientId, String clientSecret) {
        Map<String, String> keys = new HashMap<>();
        // an empty value is an unset key
        keys.put("itwin.platform", Objects.requireNonNullElse(platform, ""));
        keys.put("itwin.client-id", Objects.requireNonNullElse(clientId, ""));
        keys.put("itwin.client-secret", Objects.requireNonNullElse(clientSecret, ""));
        keys.put("itwin.emulator.data-dir", "");
        connection = new PlatformConnection();
        connection.settings = TestSettings.with(keys);
        connection.registry = registry;
        return connection;
    }

    @Test
    void thePlatformWithoutCredentialsStopsTheStartNamingWhatToSet() {
        assertThatThrownBy(() -> connection("bentley", null, null).connect())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET are not set or blank")
                .hasMessageContaining("ITWIN_PLATFORM=emulator");
        // a Secret made from unset shell variables: blank values count as none
        assertThatThrownBy(() -> connection("bentley", "my-app", "  ").connect())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("but ITWIN_CLIENT_SECRET is not set or blank")
                .hasMessageNotContaining("but ITWIN_CLIENT_ID");
        assertThat(connection.emulator()).isEmpty();
    }

    @Test
    void credentialsWithTheEmulatorStopTheStartInsteadOfBeingIgnored() {
        assertThatThrownBy(() -> connection("emulator", "my-app", null).connect())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ITWIN_CLIENT_ID is set, but itwin.platform=emulator")
                .hasMessageContaining("ITWIN_PLATFORM=bentley");
        assertThat(connection.emulator()).isEmpty();
    }

    @Test
    void anUnknownOrMissingChoiceStopsTheStartListingTheChoices() {
        // an unknown one already fails the configuration, before any bean is made
        assertThatThrownBy(() -> connection("production", "my-app", "secret"))
                .hasStackTraceContaining("Set itwin.platform (ITWIN_PLATFORM) to bentley")
                .hasStackTraceContaining("or to emulator")
                .hasStackTraceContaining("was 'production'");
        assertThatThrownBy(() -> connection(null, null, null).connect())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Set itwin.platform (ITWIN_PLATFORM) to bentley")
                .hasMessageContaining("was ''");
    }

    @Test
    void thePlatformWithCredentialsStartsNoEmulator() {
        PlatformConnection platform = connection(" BENTLEY ", "my-app", "secret");
        platform.connect();

        assertThat(platform.platform()).isEqualTo(AppSettings.Platform.bentley);
        assertThat(platform.emulator()).isEmpty();
        assertThat(platform.baseUrl()).isEqualTo(ITwinPlatformClient.DEFAULT_BASE_URL);
        assertThat(registry.get("itwin.platform.emulator").gauge().value()).isZero();
        HealthCheckResponse health = new PlatformTokenCheck(() -> {}, platform, new SimpleMeterRegistry()).call();
        assertThat(health.getData().orElseThrow())
                .containsEntry("itwin.platform", "bentley")
                .doesNotContainKey("warning");
    }

    @Test
    void theEmulatorShowsInThePlatformGroupsDataAndTheMetric() {
        PlatformConnection platform = connection("emulator", null, null);
        platform.connect();

        assertThat(platform.emulator()).isPresent();
        assertThat(platform.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(registry.get("itwin.platform.emulator").gauge().value()).isEqualTo(1.0);
        HealthCheckResponse health = new PlatformTokenCheck(() -> {}, platform, new SimpleMeterRegistry()).call();
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(health.getData().orElseThrow())
                .containsEntry("itwin.platform", "emulator")
                .containsEntry("warning", "the embedded emulator stands in for the iTwin Platform");
    }
}
