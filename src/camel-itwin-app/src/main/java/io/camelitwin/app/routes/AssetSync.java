package io.camelitwin.app.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelitwin.component.ITwinConstants;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The change sync route's view of an {@code itwin:imageChanges} event, as a bean its YAML calls: the JSON sidecar
 * written beside the image in the asset folder, the JSON posted to an asset system, and file names that stay inside
 * the asset folder whatever the platform calls its images.
 */
@Singleton
@Named("assetSync")
public class AssetSync {

    /** Exchange properties the route reads. */
    public static final String IMAGE_FILE = "CamelITwinAssetImageFile";

    public static final String SIDECAR_FILE = "CamelITwinAssetSidecarFile";
    public static final String EVENT = "CamelITwinAssetEvent";
    public static final String IDEMPOTENCY_KEY = "CamelITwinAssetIdempotencyKey";
    public static final String IMAGE = "CamelITwinAssetImage";

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]|^\\.+");

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    public AssetSync() {
        this(Clock.systemUTC());
    }

    AssetSync(Clock clock) {
        this.clock = clock;
    }

    /**
     * Describes the event: its JSON (iTwin id, change type, old and new names, when it was seen, and an idempotency key,
     * iTwin id plus image name, that is the same however often the event is delivered) and where its files go. The
     * image bytes, when there are any, are kept aside for the JSON that is posted.
     */
    public void describe(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        String iTwinId = message.getHeader(ITwinConstants.ITWIN_ID, String.class);
        String changeType = message.getHeader(ITwinConstants.CHANGE_TYPE, String.class);
        String imageName = message.getHeader(ITwinConstants.SMALL_IMAGE_NAME, String.class);
        String previousImageName = message.getHeader(ITwinConstants.PREVIOUS_SMALL_IMAGE_NAME, String.class);
        String largeImageName = message.getHeader(ITwinConstants.LARGE_IMAGE_NAME, String.class);
        boolean removed = imageName == null;

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("iTwinId", iTwinId);
        event.put("changeType", changeType);
        event.put("imageName", imageName);
        event.put("previousImageName", previousImageName);
        event.put("largeImageName", largeImageName);
        event.put("detectedAt", clock.instant().toString());
        String idempotencyKey = iTwinId + ":" + (removed ? "removed:" + previousImageName : imageName);
        event.put("idempotencyKey", idempotencyKey);

        String folder = safe(iTwinId) + "/";
        String imageFile = removed ? null : folder + safe(largeImageName != null ? largeImageName : imageName);
        exchange.setProperty(IMAGE_FILE, imageFile);
        exchange.setProperty(
                SIDECAR_FILE, removed ? folder + "removed-" + safe(previousImageName) + ".json" : imageFile + ".json");
        exchange.setProperty(EVENT, json.writeValueAsString(event));
        exchange.setProperty(IDEMPOTENCY_KEY, idempotencyKey);
        exchange.setProperty(IMAGE, removed ? null : message.getBody(byte[].class));
    }

    /** The event's JSON with the image inline (base64), for an asset system that cannot reach the signed URLs. */
    public String httpPayload(Exchange exchange) throws JsonProcessingException {
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = json.readValue(exchange.getProperty(EVENT, String.class), LinkedHashMap.class);
        byte[] image = exchange.getProperty(IMAGE, byte[].class);
        payload.put("imageBase64", image == null ? null : Base64.getEncoder().encodeToString(image));
        return json.writeValueAsString(payload);
    }

    /** A file name that cannot leave its folder: letters, digits, {@code . _ -}, not starting with a dot. */
    static String safe(String name) {
        return name == null || name.isEmpty() ? "_" : UNSAFE.matcher(name).replaceAll("_");
    }
}
