package io.camelitwin.app;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.component.ITwinConstants;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.StateRepository;

/**
 * The folder route's decisions, as a bean its YAML calls: what a file in the inbox is for (its path says it), whether
 * its content is what was last uploaded to that target, and remembering what was uploaded. Layout:
 * {@code itwins/<iTwinId>/<name>.png|jpg} is the iTwin's image, {@code imodels/<iModelId>/<name>.png|jpg} the
 * iModel's thumbnail.
 */
@Singleton
@Named("folderUploads")
public class FolderUploads {

    /** Exchange properties, as they survive the dead letter's return to the original message. */
    public static final String TARGET = "CamelITwinUploadTarget";

    public static final String CONTENT_SHA256 = "CamelITwinContentSha256";
    public static final String UNCHANGED = "CamelITwinUnchanged";

    private final StateRepository<String, String> lastUploads;

    public FolderUploads(@Named("folderLastUploads") StateRepository<String, String> lastUploads) {
        this.lastUploads = lastUploads;
    }

    /**
     * Reads the target from the file's path relative to the inbox ({@link ImageTargets}' layout) and sets the upload
     * headers; refuses a symbolic link before anything is sent. The ids themselves are checked by the itwin component,
     * which refuses a non-GUID.
     */
    public void resolve(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String relativePath = message.getHeader(Exchange.FILE_NAME, String.class);
        ImageTargets.PathTarget target = ImageTargets.parsePath(relativePath);
        Path file = Path.of(message.getHeader(Exchange.FILE_PATH, String.class));
        if (Files.isSymbolicLink(file)) {
            throw new ITwinValidationException(
                    "path", relativePath + " is a symbolic link: only files in the inbox are uploaded");
        }
        message.setHeader(ITwinConstants.OPERATION, target.target().operation);
        message.setHeader(target.target().idHeader, target.id());
        message.setHeader(ITwinConstants.CONTENT_TYPE, target.mediaType());

        String sha256 = sha256(file);
        exchange.setProperty(TARGET, target.key());
        exchange.setProperty(CONTENT_SHA256, sha256);
        exchange.setProperty(UNCHANGED, sha256.equals(lastUploads.getState(target.key())));
    }

    /** Remembers the content the platform accepted for the target, on disk, for the next file and the next run. */
    public void recordUpload(Exchange exchange) {
        lastUploads.setState(
                exchange.getProperty(TARGET, String.class), exchange.getProperty(CONTENT_SHA256, String.class));
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
