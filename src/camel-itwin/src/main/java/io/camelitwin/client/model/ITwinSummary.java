package io.camelitwin.client.model;

import io.camelitwin.client.Redaction;

/**
 * An iTwin as listed by {@code GET /itwins}. {@code imageName} and {@code imageUrl} (the small image) are present
 * only when the list was asked for with {@code Prefer: return=representation} and the iTwin has an image.
 */
public record ITwinSummary(String id, String displayName, String number, String imageName, String imageUrl) {

    @Override
    public String toString() {
        return "ITwinSummary[id=" + id + ", displayName=" + displayName + ", number=" + number + ", imageName="
                + imageName + ", imageUrl=" + Redaction.redactUrl(imageUrl) + "]";
    }
}
