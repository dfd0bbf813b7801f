package io.camelitwin.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.app.TestSettings;
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
     * What the application does while its configuration is set up, before Camel or any route starts: the mapping of
     * every {@code itwin.*} key converts the value through the check, whether the S3 route is on or not.
     */
    @Test
    void aTypoFailsTheConfigurationItselfNotALaterStartEvent() {
        assertThat(TestSettings.with(Map.of("itwin.s3.after-upload", "delete"))
                        .s3()
                        .afterUpload())
                .isEqualTo(S3AfterUploadCheck.AfterUpload.delete);
        assertThatThrownBy(() -> TestSettings.with(Map.of("itwin.s3.after-upload", "mvoe")))
                .hasStackTraceContaining("itwin.s3.after-upload must be move (keep the object under"
                        + " itwin.s3.done-prefix) or delete, not 'mvoe'");
    }
}
