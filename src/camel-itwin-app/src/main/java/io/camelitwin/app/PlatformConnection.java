package io.camelitwin.app;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.component.ITwinConfiguration;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where the application's iTwin Platform is: the real one when credentials are configured, otherwise the emulator,
 * started here on the loopback interface with its demo data so that a fresh clone runs with no Bentley account.
 */
@ApplicationScoped
public class PlatformConnection {

    private static final Logger LOG = Logger.getLogger(PlatformConnection.class);

    @ConfigProperty(name = "itwin.client-id")
    Optional<String> clientId;

    @ConfigProperty(name = "itwin.client-secret")
    Optional<String> clientSecret;

    @ConfigProperty(name = "itwin.base-url", defaultValue = ITwinPlatformClient.DEFAULT_BASE_URL)
    String platformBaseUrl;

    @ConfigProperty(name = "itwin.token-url", defaultValue = ITwinConfiguration.DEFAULT_TOKEN_URL)
    String platformTokenUrl;

    @ConfigProperty(name = "itwin.emulator.port", defaultValue = "0")
    int emulatorPort;

    @ConfigProperty(name = "itwin.emulator.data-dir")
    Optional<Path> emulatorDataDir;

    private ITwinEmulator emulator;

    @PostConstruct
    void connect() {
        if (clientId.isPresent() != clientSecret.isPresent()) {
            throw new IllegalStateException("Set both ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET (itwin.client-id and"
                    + " itwin.client-secret), or neither to run against the embedded emulator");
        }
        if (clientId.isPresent()) {
            LOG.infof("iTwin Platform at %s as client %s", platformBaseUrl, clientId.get());
            return;
        }
        emulator = startEmulator();
        LOG.infof(
                "No iTwin credentials configured: started the embedded iTwin Platform emulator at %s with its demo data"
                        + " (client %s). To use the real platform (%s), set ITWIN_CLIENT_ID and ITWIN_CLIENT_SECRET.",
                emulator.baseUrl(), DemoData.DEMO_CLIENT_ID, ITwinPlatformClient.DEFAULT_BASE_URL);
    }

    private ITwinEmulator startEmulator() {
        ITwinEmulator.Builder builder = ITwinEmulator.builder().port(emulatorPort);
        emulatorDataDir.ifPresent(builder::dataDirectory);
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

    /** The emulator this application started, when it runs without credentials. */
    public Optional<ITwinEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    public String baseUrl() {
        return emulator != null ? emulator.baseUrl() : platformBaseUrl;
    }

    public String tokenUrl() {
        return emulator != null ? emulator.tokenUrl() : platformTokenUrl;
    }

    public String clientId() {
        return emulator != null ? DemoData.DEMO_CLIENT_ID : clientId.orElseThrow();
    }

    String clientSecret() {
        return emulator != null ? DemoData.DEMO_CLIENT_SECRET : clientSecret.orElseThrow();
    }
}
