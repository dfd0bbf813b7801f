package io.camelitwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code itwin.platform} in the packaged application: the platform asked for with blank credentials (a Kubernetes
 * Secret made from unset shell variables) stops the start with what to set, instead of an emulator standing in; the
 * emulator, chosen, runs and says so in the log, the readiness data and the metrics.
 */
class PlatformChoiceIT extends ReliabilityTestSupport {

    private static final Duration STOPS_WITHIN = Duration.ofMinutes(1);

    @Test
    void thePlatformWithBlankCredentialsStopsTheStartNamingTheVariables() throws Exception {
        ApplicationProcess application =
                application("blank-credentials").env("ITWIN_CLIENT_ID", "").env("ITWIN_CLIENT_SECRET", " ");

        assertThat(application.startExpectingExit(STOPS_WITHIN)).isNotZero();
        assertThat(application.logText())
                .contains("itwin.platform=bentley needs the service application's credentials, but ITWIN_CLIENT_ID"
                        + " and ITWIN_CLIENT_SECRET are not set or blank")
                .doesNotContain("Started folder-to-itwin");
        // whatever client id it would have sent (none here), nothing reached the token endpoint nor the API
        assertThat(emulator.tokenRequestCount()).isZero();
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void theEmulatorChosenRunsWithAWarningInTheLogTheReadinessDataAndTheMetrics() throws Exception {
        ApplicationProcess application = application("emulator-chosen")
                .env("ITWIN_PLATFORM", "emulator")
                .env("ITWIN_CLIENT_ID", "")
                .env("ITWIN_CLIENT_SECRET", "")
                .env("ITWIN_EMULATOR_DATA_DIR", "")
                .start();

        Await.until("ready", Duration.ofMinutes(1), application::ready);
        assertThat(application.logText())
                .containsPattern("WARN .*itwin.platform=emulator: the embedded iTwin Platform emulator at"
                        + " http://127\\.0\\.0\\.1:\\d+ stands in for the iTwin Platform");
        assertThat(application.health("group/platform").body())
                .contains("\"itwin.platform\": \"emulator\"")
                .contains("\"warning\": \"the embedded emulator stands in for the iTwin Platform\"");
        assertThat(application.get("/q/metrics").body()).contains("itwin_platform_emulator 1.0");
    }
}
