package io.camelitwin.component;

import io.camelitwin.client.Redaction;

/**
 * One change of an iTwin's image, the body of an {@code itwin:imageChanges} exchange (unless the endpoint asks for the
 * image bytes). The URLs are signed and short-lived; {@link #toString()} masks their signatures.
 *
 * @param imageName         the small image name now; null when the image was removed
 * @param previousImageName the small image name before; null when the image was added
 */
public record ImageChange(
        String iTwinId,
        ChangeType changeType,
        String imageName,
        String previousImageName,
        String largeImageName,
        String smallImageUrl,
        String largeImageUrl) {

    public enum ChangeType {
        added,
        changed,
        removed
    }

    @Override
    public String toString() {
        return "ImageChange[iTwinId=" + iTwinId + ", changeType=" + changeType + ", imageName=" + imageName
                + ", previousImageName=" + previousImageName + ", largeImageName=" + largeImageName
                + ", smallImageUrl=" + Redaction.redactUrl(smallImageUrl) + ", largeImageUrl="
                + Redaction.redactUrl(largeImageUrl) + "]";
    }
}
