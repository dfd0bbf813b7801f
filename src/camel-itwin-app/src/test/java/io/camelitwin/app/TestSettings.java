package io.camelitwin.app;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.testing.Repository;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The application's configuration mapping as the application gets it: the shipped application.properties (without a
 * profile, with its {@code ${...}} expanded), the given keys over it, Quarkus' converters of durations and paths. Like
 * the application, it refuses a key under {@code itwin.} that the mapping does not name.
 */
public final class TestSettings {

    private TestSettings() {}

    public static AppSettings shipped() {
        return with(Map.of());
    }

    public static AppSettings with(Map<String, String> overrides) {
        return config(overrides).getConfigMapping(AppSettings.class);
    }

    public static SmallRyeConfig config(Map<String, String> overrides) {
        try {
            // the default interceptors expand ${...} as the application's configuration does
            return new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withMapping(AppSettings.class)
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withConverter(Path.class, 200, new PathConverter())
                    .withSources(new PropertiesConfigSource(
                            Repository.root()
                                    .resolve("application.properties")
                                    .toUri()
                                    .toURL(),
                            250))
                    .withSources(new PropertiesConfigSource(overrides, "test", 400))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
