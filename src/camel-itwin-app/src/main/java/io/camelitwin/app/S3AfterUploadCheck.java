package io.camelitwin.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithParentName;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Refuses to start with an {@code itwin.s3.after-upload} other than {@code move} or {@code delete}: the S3 route tests
 * for {@code move} only, so a typo ({@code mvoe}, {@code Move}, {@code keep}) would silently delete every uploaded
 * object the user meant to keep under the done prefix. The check is the value's converter in a configuration mapping,
 * which the S3 client's producer ({@link S3Connection}) injects, so that it runs while the application's configuration
 * is set up, before any route starts: an observer of the start event would run only once the routes may already have
 * taken (and deleted) objects.
 */
public class S3AfterUploadCheck implements Converter<String> {

    /**
     * The key, read through the check; the route itself reads it as {@code {{itwin.s3.after-upload}}}. The mapping's
     * prefix is the key itself: Quarkus refuses any key under a mapping's prefix that the mapping does not name, and the
     * other {@code itwin.s3.*} keys are read elsewhere.
     */
    @ConfigMapping(prefix = "itwin.s3.after-upload")
    public interface AfterUpload {

        @WithParentName
        @WithConverter(S3AfterUploadCheck.class)
        String value();
    }

    @Override
    public String convert(String value) {
        check(value);
        return value;
    }

    static void check(String value) {
        if (!"move".equals(value) && !"delete".equals(value)) {
            throw new IllegalArgumentException("itwin.s3.after-upload must be move (keep the object under"
                    + " itwin.s3.done-prefix) or delete, not '" + value + "'");
        }
    }
}
