package io.camelitwin.app;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start with an {@code itwin.s3.after-upload} other than {@code move} or {@code delete}: the S3 route tests
 * for {@code move} only, so a typo ({@code mvoe}, {@code Move}, {@code keep}) would silently delete every uploaded
 * object the user meant to keep under the done prefix.
 */
@Singleton
public class S3AfterUploadCheck {

    void checkAtStart(
            @Observes StartupEvent start, @ConfigProperty(name = "itwin.s3.after-upload") String afterUpload) {
        check(afterUpload);
    }

    static void check(String value) {
        if (!"move".equals(value) && !"delete".equals(value)) {
            throw new IllegalArgumentException("itwin.s3.after-upload must be move (keep the object under"
                    + " itwin.s3.done-prefix) or delete, not '" + value + "'");
        }
    }
}
