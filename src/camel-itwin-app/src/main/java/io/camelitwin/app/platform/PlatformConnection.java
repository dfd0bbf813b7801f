package io.camelitwin.app.platform;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.app.config.PlatformChoice;
import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where the application's iTwin Platform is, as chosen by {@code itwin.platform}: {@code bentley}, the platform at
 * {@code itwin.base-url} with the service application's credentials, or {@code emulator}, the emulator started here
 * on the loopback interface with its demo data so that a fresh clone runs with no Bentley account.
 *
 * <p>The choice is explicit because the two fail differently: an emulator that stands in by accident (credentials
 * from a Secret made of unset variables) accepts every upload into a pod-local store, and the queue and S3 routes
 * would acknowledge and delete their originals after "uploading" them. So the platform without credentials, or
 * credentials with the emulator, stop the start with a message that says what to set; and running on the emulator
 * is a warning in the log, in the readiness data and in the metric {@code itwin.platform.emulator}.
 */
@ApplicationScoped
public class PlatformConnection {

    private static final Logger LOG = Logger.getLogger(PlatformConnection.class);

    @Inject
    AppSettings settings;

    @Inject
    MeterRegistry registry;

    private AppSettings.Platform platform;
    private ITwinEmulator emulator;

    @PostConstruct
    void connect() {
        platform = chosenPlatform();
        List<String> given = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        (hasText(settings.clientId()) ? given : missing).add("ITWIN_CLIENT_ID");
        (hasText(settings.clientSecret()) ? given : missing).add("ITWIN_CLIENT_SECRET");
        if (platform == AppSettings.Platform.bentley) {
            if (!missing.isEmpty()) {
                throw new IllegalStateException("itwin.platform=bentley needs the service application's credentials,"
                        + " but " + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are")
                        + " not set or blank: set ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET (itwin.client-id and"
                        + " itwin.client-secret), or set ITWIN_PLATFORM=emulator to run against the embedded emulator");
            }
            LOG.infof(
                    "iTwin Platform at %s as client %s",
                    settings.baseUrl(), settings.clientId().get());
        } else {
            if (!given.isEmpty()) {
                throw new IllegalStateException(String.join(" and ", given) + (given.size() == 1 ? " is" : " are")
                        + " set, but itwin.platform=emulator: set ITWIN_PLATFORM=bentley to use the iTwin Platform"
                        + " with these credentials, or unset them to run against the embedded emulator");
            }
            emulator = startEmulator();
            LOG.warnf(
                    "itwin.platform=emulator: the embedded iTwin Platform emulator at %s stands in for the iTwin"
                            + " Platform, with its demo data (client %s); nothing reaches %s. To use the platform, set"
                            + " ITWIN_PLATFORM=bentley, ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET.",
                    emulator.baseUrl(), DemoData.DEMO_CLIENT_ID, ITwinPlatformClient.DEFAULT_BASE_URL);
        }
        // a supplier, held strongly: a gauge of an object is held weakly, and reads NaN once that reference is dropped
        int onEmulator = emulator == null ? 0 : 1;
        Gauge.builder("itwin.platform.emulator", () -> onEmulator)
                .description("1 while the embedded emulator stands in for the iTwin Platform (itwin.platform=emulator)")
                .register(registry);
    }

    private AppSettings.Platform chosenPlatform() {
        return settings.platform().orElseThrow(() -> PlatformChoice.refusal(""));
    }

    private static boolean hasText(Optional<String> value) {
        return value.filter(text -> !text.isBlank()).isPresent();
    }

    private ITwinEmulator startEmulator() {
        ITwinEmulator.Builder builder =
                ITwinEmulator.builder().port(settings.emulator().port());
        settings.emulator().dataDir().ifPresent(builder::dataDirectory);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded iTwin Platform emulator did not start", e);
        }
    }

    @PreDestroy
    void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** Which platform the application talks to. */
    public AppSettings.Platform platform() {
        return platform;
    }

    /** The emulator this application started, when {@code itwin.platform=emulator}. */
    public Optional<ITwinEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    public String baseUrl() {
        return emulator != null ? emulator.baseUrl() : settings.baseUrl();
    }

    public String tokenUrl() {
        return emulator != null ? emulator.tokenUrl() : settings.tokenUrl();
    }

    public String clientId() {
        return emulator != null ? DemoData.DEMO_CLIENT_ID : settings.clientId().orElseThrow();
    }

    public String clientSecret() {
        return emulator != null
                ? DemoData.DEMO_CLIENT_SECRET
                : settings.clientSecret().orElseThrow();
    }
}
