package io.camelitwin.client.model;

import io.camelitwin.client.Redaction;

/**
 * One entry of a repository resource's graphics. {@code type} is kept as a string because the platform documents the
 * set of types as open (3DTILES, GLTF, IMAGERY, TERRAIN, KML, CZML, GEOJSON, OAPIF+GEOJSON, and more to come).
 *
 * @param authentication the credentials to send with every request to {@code uri}; null when none are needed
 * @param provider       the provider hints for CesiumJS; null when the platform gives none
 */
public record Graphics(String type, String uri, GraphicsAuthentication authentication, GraphicsProvider provider) {

    @Override
    public String toString() {
        return "Graphics[type=" + type + ", uri=" + Redaction.redactUrl(uri) + ", authentication=" + authentication
                + ", provider=" + provider + "]";
    }
}
