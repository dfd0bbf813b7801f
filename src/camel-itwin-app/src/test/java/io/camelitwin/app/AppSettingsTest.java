package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.app.config.S3AfterUploadCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration mapping against the shipped application.properties: every key the mapping needs is there, every
 * {@code itwin.*} key there (or given as a secret file, or read by a route) is one the mapping names.
 */
class AppSettingsTest {

    @Test
    void theShippedPropertiesGiveEveryKeyTheMappingNeeds() {
        AppSettings settings = TestSettings.shipped();

        assertThat(settings.platform()).contains(AppSettings.Platform.emulator);
        assertThat(settings.cluster().service()).isEqualTo(AppSettings.Cluster.Service.file);
        assertThat(settings.sync().startFrom()).isEqualTo(AppSettings.Sync.StartFrom.now);
        assertThat(settings.s3().afterUpload()).isEqualTo(S3AfterUploadCheck.AfterUpload.move);
        assertThat(settings.deadLetter().uri())
                .isEqualTo("file:" + settings.folder().failed());
        // left to the routes' own {{key:default}}: a key the configuration defines costs a whole-configuration load at
        // every placeholder lookup of the error handler
        assertThat(settings.retry().rateLimited().fallbackDelay()).isEmpty();
        assertThat(settings.retry().transientFailures().maxRedeliveries()).isEmpty();
        assertThat(settings.deadLetter().reasonFile()).isEmpty();
    }

    /** The keys the shipped file leaves commented out, the secrets k8s/ mounts as files, the routes' own keys. */
    @Test
    void theKeysGivenOutsideThePropertiesAreKnownToo() {
        assertThatCode(() -> TestSettings.with(Map.ofEntries(
                        Map.entry("itwin.client-id", "app"),
                        Map.entry("itwin.client-secret", "secret"),
                        Map.entry("itwin.redis.url", "redis://:${itwin.redis.password}@redis:6379"),
                        Map.entry("itwin.redis.password", "password"),
                        Map.entry("itwin.queue.username", "user"),
                        Map.entry("itwin.queue.password", "password"),
                        Map.entry("itwin.s3.endpoint", "http://127.0.0.1:9000"),
                        Map.entry("itwin.s3.access-key", "key"),
                        Map.entry("itwin.s3.secret-key", "secret"),
                        Map.entry("itwin.sync.http.url", "http://assets.example.com/itwin-images"),
                        Map.entry("itwin.dead-letter.reason-file", "false"),
                        Map.entry("itwin.retry.transient.max-redeliveries", "3"),
                        Map.entry("itwin.retry.rate-limited.fallback-delay", "1000"),
                        Map.entry("itwin.cluster.kubernetes.namespace", "camel-itwin"),
                        Map.entry("itwin.cluster.kubernetes.pod-name", "camel-itwin-0"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aMisspeltKeyOrAWrongChoiceStopsTheStartNamingIt() {
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.folder.inbx", "data/inbox")))
                .hasStackTraceContaining("itwin.folder.inbx");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.cluster.service", "kubernets")))
                .hasStackTraceContaining("kubernets");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.sync.start-from", "yesterday")))
                .hasStackTraceContaining("yesterday");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.folder.poll-delay", "1s")))
                .hasStackTraceContaining("itwin.folder.poll-delay");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.rate-limit.replicas", "0")))
                .hasStackTraceContaining("itwin.rate-limit.replicas");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.queue.concurrent-consumers", "-1")))
                .hasStackTraceContaining("itwin.queue.concurrent-consumers");
    }

    @Test
    void aNumberOutOfItsRangeStopsTheStartNamingTheKeyAndTheRange() {
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.rate-limit.replicas", "0")))
                .hasStackTraceContaining("itwin.rate-limit.replicas")
                .hasStackTraceContaining("must be from 1 to 2147483647, not 0");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.emulator.port", "65536")))
                .hasStackTraceContaining("itwin.emulator.port")
                .hasStackTraceContaining("must be from 0 to 65535, not 65536");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.retry.transient.max-redeliveries", "-2")))
                .hasStackTraceContaining("itwin.retry.transient.max-redeliveries")
                .hasStackTraceContaining("must be from -1 to 2147483647, not -2");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.s3.max-object-bytes", "5 MB")))
                .hasStackTraceContaining("itwin.s3.max-object-bytes")
                .hasStackTraceContaining("must be a whole number 1 or more, not '5 MB'");
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.queue.prefetch", "3000000000")))
                .hasStackTraceContaining("itwin.queue.prefetch")
                .hasStackTraceContaining("must be from 0 to 2147483647, not 3000000000");
    }

    @Test
    void theEdgesOfEachRangeAreTaken() {
        AppSettings settings = TestSettings.with(Map.of(
                "itwin.emulator.port", "0",
                "itwin.retry.transient.max-redeliveries", "-1",
                "itwin.queue.prefetch", "0",
                "itwin.folder.incomplete-quiet-time", "0",
                "itwin.s3.max-object-bytes", " 1 "));

        assertThat(settings.emulator().port()).isZero();
        assertThat(settings.retry().transientFailures().maxRedeliveries()).contains(-1);
        assertThat(settings.queue().prefetch()).isZero();
        assertThat(settings.folder().incompleteQuietTime()).isZero();
        assertThat(settings.s3().maxObjectBytes()).isEqualTo(1);
    }
}
