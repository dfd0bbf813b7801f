package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.ratelimit.RequestLimits;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * application.properties writes the rate limits out for whoever tunes them to their tier; the values it documents are
 * the defaults the library has, so that the file and the code cannot drift apart.
 */
class RateLimitDefaultsTest {

    @Test
    void theDocumentedLimitsAreTheLibrarysDefaults() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        }

        assertThat(properties.getProperty("camel.component.itwin.requests-per-minute"))
                .isEqualTo(Integer.toString(RequestLimits.TRIAL_PER_MINUTE));
        assertThat(properties.getProperty("camel.component.itwin.requests-per-hour"))
                .isEqualTo(Integer.toString(RequestLimits.TRIAL_PER_HOUR));
    }
}
