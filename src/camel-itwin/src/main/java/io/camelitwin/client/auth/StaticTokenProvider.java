package io.camelitwin.client.auth;

import io.camelitwin.client.Redaction;
import java.util.Objects;

/** A fixed bearer token, e.g. one obtained out of band for a test or a short job. It cannot be renewed. */
public final class StaticTokenProvider implements TokenProvider {

    private final String token;

    public StaticTokenProvider(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        this.token = token;
    }

    @Override
    public String getAccessToken() {
        return token;
    }

    @Override
    public String toString() {
        return "StaticTokenProvider[token=" + Redaction.maskValue(token) + "]";
    }
}
