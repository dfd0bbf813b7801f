package io.camelitwin.client.auth;

/**
 * Supplies the bearer token for platform calls. Implementations must be thread-safe; the token itself is a secret and
 * must never be logged.
 */
@FunctionalInterface
public interface TokenProvider {

    /** A token that is valid now. May block while a new one is fetched. */
    String getAccessToken();

    /**
     * The platform answered 401 with this token: forget it so that the next {@link #getAccessToken()} fetches another.
     * Static tokens cannot be renewed and ignore this.
     */
    default void invalidate(String rejectedToken) {}
}
