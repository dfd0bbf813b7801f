package io.camelitwin.app.folder;

import io.camelitwin.app.config.AppSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Tells a file that is still being written from one that is broken. A writer may pause longer than the read lock
 * waits (an SFTP upload on a poor link, a network share's attribute cache): its file then looks like a truncated PNG or
 * JPEG. Taking it would move the half image to the failed folder while the writer goes on writing into a file that no
 * longer has a name, and the whole image would exist nowhere. So a file that begins like a PNG or JPEG (or is still too
 * short to tell, empty included) but lacks its end marker, or whose length changed since it was read, is left in the
 * inbox while it was modified within the quiet time ({@code itwin.folder.incomplete-quiet-time}), and taken again on a
 * later poll. Once it has been quiet that long, it is refused as truncated like any broken image. A modification time
 * more than {@link #CLOCK_SKEW} in the future counts as quiet: a writer's clock being ahead must not hold a file
 * forever.
 */
@Singleton
public class SlowWriters {

    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};
    private static final byte[] JPEG_START = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] JPEG_END = {(byte) 0xff, (byte) 0xd9};

    /** How far in the future a modification time may be and still count as now: clocks of writers differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(SlowWriters.class);

    private final Duration quietTime;
    private final Clock clock;

    @Inject
    public SlowWriters(AppSettings settings) {
        this(settings.folder().incompleteQuietTime());
    }

    public SlowWriters(long quietTimeMillis) {
        this(Duration.ofMillis(quietTimeMillis), Clock.systemUTC());
    }

    SlowWriters(Duration quietTime, Clock clock) {
        this.quietTime = quietTime;
        this.clock = clock;
    }

    Duration quietTime() {
        return quietTime;
    }

    /**
     * Whether the entry is a recently modified file that looks unfinished.
     *
     * @param read the version that was read, when one was: a different length now means a writer is at work
     */
    boolean stillBeingWritten(InboxEntry entry, Optional<InboxEntry.Version> read) throws IOException {
        // a hard link is not looked into either: it may be a file outside the inbox
        if (entry.kind() != InboxEntry.Kind.FILE) {
            return false;
        }
        Optional<BasicFileAttributes> attributes = entry.attributes();
        if (attributes.isEmpty()) {
            return false;
        }
        if (!recentlyModified(entry, attributes.get())) {
            return false;
        }
        if (read.isPresent() && read.get().size() != attributes.get().size()) {
            return true;
        }
        return looksUnfinished(entry.head(PNG_START.length), entry.tail(PNG_END.length));
    }

    private boolean recentlyModified(InboxEntry entry, BasicFileAttributes attributes) {
        Duration age =
                Duration.ofMillis(clock.millis() - attributes.lastModifiedTime().toMillis());
        if (age.compareTo(CLOCK_SKEW.negated()) < 0) {
            // a writer whose clock is ahead (a share's server, a camera) would otherwise keep the file waiting forever
            LOG.infof(
                    "%s was modified %d s in the future, beyond the %d s allowed for clock skew: taken as quiet, not"
                            + " as a file a writer is still at work on",
                    entry.name().replaceAll("\\p{Cntrl}", "_"), age.negated().toSeconds(), CLOCK_SKEW.toSeconds());
            return false;
        }
        return age.compareTo(quietTime) < 0;
    }

    static boolean looksUnfinished(byte[] head, byte[] tail) {
        if (startsLike(head, PNG_START)) {
            return head.length < PNG_START.length || !endsWith(tail, PNG_END);
        }
        if (startsLike(head, JPEG_START)) {
            return head.length < JPEG_START.length || !endsWith(tail, JPEG_END);
        }
        return false;
    }

    /** Whether {@code head} is the start of {@code signature}, or {@code signature} the start of {@code head}. */
    private static boolean startsLike(byte[] head, byte[] signature) {
        int n = Math.min(head.length, signature.length);
        return Arrays.equals(head, 0, n, signature, 0, n);
    }

    private static boolean endsWith(byte[] tail, byte[] end) {
        return tail.length >= end.length
                && Arrays.equals(tail, tail.length - end.length, tail.length, end, 0, end.length);
    }
}
