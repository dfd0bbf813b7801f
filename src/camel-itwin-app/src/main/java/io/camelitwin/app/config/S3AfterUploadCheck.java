package io.camelitwin.app.config;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * Refuses to start with an {@code itwin.s3.after-upload} other than {@code move} or {@code delete}: the S3 route tests
 * for {@code move} only, so a typo ({@code mvoe}, {@code Move}, {@code keep}) would silently delete every uploaded
 * object the user meant to keep under the done prefix. The check is the value's converter in the application's
 * configuration mapping ({@link AppSettings.S3#afterUpload()}), so that it runs while the configuration is set up,
 * before any route starts: an observer of the start event would run only once the routes may already have taken (and
 * deleted) objects. Exact names only, where the default enum conversion would also take {@code Move}.
 */
public class S3AfterUploadCheck implements Converter<S3AfterUploadCheck.AfterUpload> {

    /** What happens to an object once uploaded; the route reads the key's text itself. */
    public enum AfterUpload {
        /** Moved under {@code itwin.s3.done-prefix}. */
        move,
        /** Deleted. */
        delete
    }

    @Override
    public AfterUpload convert(String value) {
        check(value);
        return AfterUpload.valueOf(value);
    }

    static void check(String value) {
        if (!"move".equals(value) && !"delete".equals(value)) {
            throw new IllegalArgumentException("itwin.s3.after-upload must be move (keep the object under"
                    + " itwin.s3.done-prefix) or delete, not '" + value + "'");
        }
    }
}
