package io.camelitwin.app.folder;

import io.camelitwin.app.config.AppSettings;
import io.camelitwin.app.routes.ImageTargets;
import io.camelitwin.component.ITwinConstants;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.StateRepository;

/**
 * The folder route's decisions, as a bean its YAML calls: what a file in the inbox is for (its path says it), whether
 * its content is what was last uploaded to that target, and remembering what was uploaded. Layout:
 * {@code itwins/<iTwinId>/<name>.png|.jpg|.jpeg} is the iTwin's image, {@code imodels/<iModelId>/<name>.png|.jpg|.jpeg}
 * the iModel's thumbnail. The file is read once, without following links ({@link InboxEntry}): what is uploaded, hashed
 * and copied to the done folder is those bytes, never the path read again.
 */
@Singleton
@Named("folderUploads")
public class FolderUploads {

    /** Exchange properties, as they survive the dead letter's return to the original message. */
    public static final String TARGET = "CamelITwinUploadTarget";

    public static final String CONTENT_SHA256 = "CamelITwinContentSha256";
    public static final String UNCHANGED = "CamelITwinUnchanged";
    /** The bytes read from the inbox, for the done folder once the upload is through. */
    static final String CONTENT = "CamelITwinFileContent";
    /** The {@link InboxEntry.Version} that was read: the file is removed from the inbox only if it is still that one. */
    static final String READ_VERSION = "CamelITwinFileVersion";

    /** The platform's limit for images and thumbnails: a larger file is refused by its length, without being read. */
    static final long MAX_BYTES = 5L * 1024 * 1024;

    private final StateRepository<String, String> lastUploads;
    private final Path inbox;
    private final Path done;

    @Inject
    public FolderUploads(
            @Named("folderLastUploads") StateRepository<String, String> lastUploads, AppSettings settings) {
        this(lastUploads, settings.folder().inbox(), settings.folder().done());
    }

    public FolderUploads(StateRepository<String, String> lastUploads, Path inbox, Path done) {
        this.lastUploads = lastUploads;
        this.inbox = inbox;
        this.done = done;
    }

    /**
     * Reads the target from the file's path relative to the inbox ({@link ImageTargets}' layout), reads the file and
     * sets the upload headers; a symbolic link (or a folder on the path swapped for one) is refused before anything is
     * sent. The ids themselves are checked by the itwin component, which refuses a non-GUID.
     */
    public void resolve(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String relativePath = InboxEntry.relativePath(inbox, exchange);
        InboxEntry.Content content;
        ImageTargets.PathTarget target;
        try (InboxEntry entry = InboxEntry.open(inbox, relativePath)) {
            target = ImageTargets.parsePath(relativePath);
            content = entry.read(MAX_BYTES);
        }
        exchange.setProperty(READ_VERSION, content.version());
        exchange.setProperty(CONTENT, content.bytes());
        message.setBody(content.bytes());
        message.setHeader(ITwinConstants.OPERATION, target.target().operation);
        message.setHeader(target.target().idHeader, target.id());
        message.setHeader(ITwinConstants.CONTENT_TYPE, target.mediaType());

        String sha256 = sha256(content.bytes());
        exchange.setProperty(TARGET, target.key());
        exchange.setProperty(CONTENT_SHA256, sha256);
        exchange.setProperty(UNCHANGED, sha256.equals(lastUploads.getState(target.key())));
    }

    /** Remembers the content the platform accepted for the target, on disk, for the next file and the next run. */
    public void recordUpload(Exchange exchange) {
        lastUploads.setState(
                exchange.getProperty(TARGET, String.class), exchange.getProperty(CONTENT_SHA256, String.class));
    }

    /**
     * Writes the bytes that were read to the done folder (same relative path) and removes the file from the inbox,
     * unless it was written again since it was read: then it stays, and is taken as a new file. The done folder is
     * walked without following links ({@link LinkFreeFolder}): a link placed in it ({@code done/itwins -> /etc}) fails
     * the exchange, whose dead letter keeps the file, instead of making the route write elsewhere.
     */
    public void complete(Exchange exchange) throws IOException {
        String relativePath = InboxEntry.relativePath(inbox, exchange);
        try (InboxEntry entry = InboxEntry.open(inbox, relativePath);
                LinkFreeFolder target = LinkFreeFolder.open(done, entry.folders(), true)) {
            target.write(entry.name(), exchange.getProperty(CONTENT, byte[].class));
            entry.deleteIf(exchange.getProperty(READ_VERSION, InboxEntry.Version.class));
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
