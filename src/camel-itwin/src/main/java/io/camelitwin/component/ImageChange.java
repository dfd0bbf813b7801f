package io.camelitwin.component;

import io.camelitwin.client.Redaction;

/**
 * One change of an iTwin's image, the body of an {@code itwin:imageChanges} exchange (unless the endpoint asks for the
 * image bytes). The URLs are signed and short-lived; {@link #toString()} masks their signatures.
 *
 * @param smallImageName         the small image name now; null when the image was removed
 * @param previousSmallImageName the small image name before; null when the image was added
 * @param largeImageName         the large image name now; null when the image was removed
 */
public record ImageChange(
        String iTwinId,
        ChangeType changeType,
        String smallImageName,
        String previousSmallImageName,
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
        return "ImageChange[iTwinId=" + iTwinId + ", changeType=" + changeType + ", smallImageName=" + smallImageName
                + ", previousSmallImageName=" + previousSmallImageName + ", largeImageName=" + largeImageName
                + ", smallImageUrl=" + Redaction.redactUrl(smallImageUrl) + ", largeImageUrl="
                + Redaction.redactUrl(largeImageUrl) + "]";
    }
}
