package io.camelitwin.app.folder;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Names for dead letters that never replace one another: scanners and exports reuse names ({@code thumbnail.png},
 * {@code image001.jpg}), so a second refusal of {@code itwins/<id>/same.png} must not overwrite the first. The name
 * gets a suffix before its extension, {@code same.20261203T101500123Z-3f9a1c.png}: the UTC time of the refusal to the
 * millisecond, so that names sort by time, and six random hex digits, so that two replicas refusing in the same
 * millisecond still differ. The extension stays last, so a dead letter moved back into the inbox (or under the watched
 * prefix) is taken again as it is; a suffix from an earlier refusal is replaced, not stacked.
 */
@Singleton
@Named("deadLetterNames")
public class DeadLetterNames {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern EARLIER_SUFFIX = Pattern.compile("\\.\\d{8}T\\d{9}Z-[0-9a-f]{6}$");

    /** {@code path} (a file name, or a '/'-separated path or key) with a fresh suffix in its last name. */
    public String unique(String path) {
        return unique(path, Instant.now(), ThreadLocalRandom.current().nextInt(1 << 24));
    }

    static String unique(String path, Instant now, int random) {
        String suffix = "." + STAMP.format(now) + "-" + String.format("%06x", random);
        // a key ending in '/' (an S3 console's empty "folder") is named by its last folder
        String trailing = path.endsWith("/") ? "/" : "";
        String body = path.substring(0, path.length() - trailing.length());
        int slash = body.lastIndexOf('/');
        String parent = body.substring(0, slash + 1);
        String name = body.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        // a leading dot starts a hidden name, not an extension
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        stem = EARLIER_SUFFIX.matcher(stem).replaceFirst("");
        return parent + stem + suffix + extension + trailing;
    }
}
