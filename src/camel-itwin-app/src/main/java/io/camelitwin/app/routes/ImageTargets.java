package io.camelitwin.app.routes;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.component.ITwinOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Message;

/**
 * Tells the {@code itwin:} component where an image goes, from how the image arrived: a path under a watched root
 * (a folder or an S3 prefix) laid out as {@code itwins/<iTwinId>/<name>} or {@code imodels/<iModelId>/<name>}, or a
 * queue message's plain properties. Whatever does not fit is refused with an {@link ITwinValidationException} before
 * any request is sent; the shared route configuration never retries those, it dead-letters them with the reason.
 * The ids themselves are checked by the client (GUIDs only), in one place for every route.
 */
@Singleton
@Named("imageTargets")
public class ImageTargets {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    static final String LAYOUT = "itwins/<iTwinId>/<name>.png|.jpg|.jpeg or imodels/<iModelId>/<name>.png|.jpg|.jpeg";

    /** The kinds of image a route can upload, with the folder name and the header that carries the id. */
    public enum Target {
        ITWIN_IMAGE("itwins", ITwinOperations.uploadImage, ITwinConstants.ITWIN_ID),
        IMODEL_THUMBNAIL("imodels", ITwinOperations.uploadThumbnail, ITwinConstants.IMODEL_ID);

        final String folder;
        public final ITwinOperations operation;
        public final String idHeader;

        Target(String folder, ITwinOperations operation, String idHeader) {
            this.folder = folder;
            this.operation = operation;
            this.idHeader = idHeader;
        }

        static Optional<Target> ofFolder(String folder) {
            return Arrays.stream(values()).filter(t -> t.folder.equals(folder)).findFirst();
        }

        static Optional<Target> ofOperation(String operation) {
            return Arrays.stream(values())
                    .filter(t -> t.operation.name().equals(operation))
                    .findFirst();
        }
    }

    /**
     * A key or path as a log line may show it: outside input, in which a control character (a line break) would
     * forge log lines, so each becomes '_'.
     */
    public String printable(String path) {
        return path == null ? null : CONTROL.matcher(path).replaceAll("_");
    }

    /** The part of {@code path} below {@code root}, e.g. the object key without the watched prefix. */
    public String relativeTo(String path, String root) {
        if (path == null || !path.startsWith(root)) {
            throw new ITwinValidationException("path", "the image is not under " + root);
        }
        return path.substring(root.length());
    }

    /** Where an image laid out under a watched root goes: the kind of target, its id, and the declared media type. */
    public record PathTarget(Target target, String id, String mediaType) {

        /** One key per target, whatever the case of the id: the folder name and the id. */
        public String key() {
            return target.folder + "/" + id.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads the target from a path relative to the watched root. The name's extension declares the media type, so
     * that a JPEG named {@code .png} is refused by the client's check of the bytes against the declared type.
     */
    public void fromPath(String relativePath, Message message) {
        PathTarget parsed = parsePath(relativePath);
        apply(message, parsed.target(), parsed.id(), parsed.mediaType());
    }

    /**
     * The target a relative path names. A refusal does not repeat the path: it is outside input (an object key may
     * hold a line break), and the original keeps its name in the failed place beside its reason.
     */
    public static PathTarget parsePath(String relativePath) {
        String[] segments = relativePath == null ? new String[0] : relativePath.split("/", -1);
        if (segments.length != 3) {
            throw refused("the path must be " + LAYOUT + ", one folder per level");
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                throw refused("the path must not contain empty, '.' or '..' segments or backslashes: " + LAYOUT);
            }
            if (CONTROL.matcher(segment).find()) {
                throw refused("the path contains a control character, which would forge log lines: " + LAYOUT);
            }
        }
        Target target = Target.ofFolder(segments[0])
                .orElseThrow(() -> refused("the first folder must be itwins or imodels: " + LAYOUT));
        return new PathTarget(target, segments[1], mediaTypeOfName(segments[2]));
    }

    private static ITwinValidationException refused(String reason) {
        return new ITwinValidationException("path", reason);
    }

    /**
     * Reads the target from a message's properties: {@code itwinOperation} (uploadImage or uploadThumbnail),
     * {@code itwinTargetId} (the iTwin or iModel id) and, optionally, {@code itwinContentType}. A queue message
     * cannot choose any other operation.
     */
    public void fromMessage(String operation, String targetId, String contentType, Message message) {
        if (operation == null || operation.isBlank()) {
            throw new ITwinValidationException(
                    "itwinOperation",
                    "the message has no itwinOperation property (uploadImage or uploadThumbnail):"
                            + " nothing says where the image goes");
        }
        Target target = Target.ofOperation(operation.trim())
                .orElseThrow(() -> new ITwinValidationException(
                        "itwinOperation", "itwinOperation must be uploadImage or uploadThumbnail"));
        if (targetId == null || targetId.isBlank()) {
            throw new ITwinValidationException(
                    "itwinTargetId", "the message has no itwinTargetId property: the iTwin or iModel id is missing");
        }
        apply(message, target, targetId, contentType);
    }

    private static void apply(Message message, Target target, String id, String contentType) {
        message.setHeader(ITwinConstants.OPERATION, target.operation);
        message.setHeader(target.idHeader, id);
        if (contentType != null) {
            message.setHeader(ITwinConstants.CONTENT_TYPE, contentType);
        }
    }

    private static String mediaTypeOfName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        throw refused("the name must end with .png, .jpg or .jpeg");
    }
}
