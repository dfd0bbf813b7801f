package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
