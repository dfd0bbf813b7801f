package io.camelitwin.client.model;

import io.camelitwin.client.Redaction;

/**
 * An iTwin's image as {@code GET /itwins/{id}/image} returns it. The names change exactly when the image changes; the
 * URLs are short-lived signed links (they carry a SAS signature, so {@link #toString()} masks it).
 */
public record ITwinImage(
        String id, String smallImageName, String smallImageUrl, String largeImageName, String largeImageUrl) {

    @Override
    public String toString() {
        return "ITwinImage[id=" + id + ", smallImageName=" + smallImageName + ", smallImageUrl="
                + Redaction.redactUrl(smallImageUrl) + ", largeImageName=" + largeImageName + ", largeImageUrl="
                + Redaction.redactUrl(largeImageUrl) + "]";
    }
}
