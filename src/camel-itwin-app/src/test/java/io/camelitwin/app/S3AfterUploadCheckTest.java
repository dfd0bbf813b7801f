package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-time check of {@code itwin.s3.after-upload}: the route tests for "move" only, so a typo would delete. */
class S3AfterUploadCheckTest {

    @Test
    void moveAndDeleteAreTheOnlyValuesAccepted() {
        assertThatCode(() -> S3AfterUploadCheck.check("move")).doesNotThrowAnyException();
        assertThatCode(() -> S3AfterUploadCheck.check("delete")).doesNotThrowAnyException();
        for (String typo : new String[] {"mvoe", "Move", "keep", " move", ""}) {
            assertThatThrownBy(() -> S3AfterUploadCheck.check(typo))
                    .as(typo)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("itwin.s3.after-upload must be move (keep the object under itwin.s3.done-prefix) or"
                            + " delete, not '" + typo + "'");
        }
    }

    /**
     * What the application does while its configuration is set up, before Camel or any route starts; as there, a key
     * under the mapping's prefix that it does not name would be refused, so the other {@code itwin.s3.*} keys must stay
     * outside it.
     */
    @Test
    void aTypoFailsTheConfigurationItselfNotALaterStartEvent() {
        assertThat(config("move")
                        .getConfigMapping(S3AfterUploadCheck.AfterUpload.class)
                        .value())
                .isEqualTo("move");
        assertThatThrownBy(() -> config("mvoe"))
                .hasStackTraceContaining("itwin.s3.after-upload must be move (keep the object under"
                        + " itwin.s3.done-prefix) or delete, not 'mvoe'");
    }

    private static SmallRyeConfig config(String afterUpload) {
        return new SmallRyeConfigBuilder()
                .withMapping(S3AfterUploadCheck.AfterUpload.class)
                .withSources(new PropertiesConfigSource(
                        Map.of("itwin.s3.after-upload", afterUpload, "itwin.s3.bucket", "other keys are left alone"),
                        "test",
                        100))
                .build();
    }
}
