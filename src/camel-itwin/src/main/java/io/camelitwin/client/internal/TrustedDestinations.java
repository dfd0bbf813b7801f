package io.camelitwin.client.internal;

import java.net.URI;
import java.util.Locale;

/**
 * Where the bearer token may go: the configured base URL's origin (an emulator, a test server, a proxy) and the
 * platform's own {@code https://*api.bentley.com} hosts. Redirects and {@code next} links come from the network; the
 * token must never follow them anywhere else.
 */
public final class TrustedDestinations {

    private static final String PLATFORM_HOST_SUFFIX = "api.bentley.com";

    private final URI baseUrl;

    public TrustedDestinations(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    public boolean mayCarryBearerToken(URI uri) {
        if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
            return false;
        }
        if (sameOrigin(baseUrl, uri)) {
            return true;
        }
        return "https".equalsIgnoreCase(uri.getScheme())
                && uri.getHost().toLowerCase(Locale.ROOT).endsWith(PLATFORM_HOST_SUFFIX);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
