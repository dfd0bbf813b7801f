package io.camelitwin.client.model;

import java.util.Map;

/** A CesiumJS provider name and its options, passed through as the platform gives them. */
public record GraphicsProvider(String name, Map<String, Object> options) {

    public GraphicsProvider {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    @Override
    public String toString() {
        // options may hold a provider session token: list the option names only
        return "GraphicsProvider[name=" + name + ", options=" + options.keySet() + "]";
    }
}
