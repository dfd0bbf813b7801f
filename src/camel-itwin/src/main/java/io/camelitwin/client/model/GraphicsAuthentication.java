package io.camelitwin.client.model;

import io.camelitwin.client.Redaction;

/**
 * How to authenticate to a graphics URI. For {@code Header} and {@code QueryParameter}, {@code key}/{@code value} name
 * the header or parameter and its value; for {@code Basic}, {@code username}/{@code password}. The values are
 * credentials: {@link #toString()} never shows them.
 */
public record GraphicsAuthentication(String type, String key, String value, String username, String password) {

    public boolean isHeader() {
        return "Header".equalsIgnoreCase(type);
    }

    public boolean isQueryParameter() {
        return "QueryParameter".equalsIgnoreCase(type);
    }

    public boolean isBasic() {
        return "Basic".equalsIgnoreCase(type);
    }

    @Override
    public String toString() {
        return "GraphicsAuthentication[type=" + type + ", key=" + key + ", value=" + Redaction.maskValue(value)
                + ", username=" + username + ", password=" + Redaction.maskValue(password) + "]";
    }
}
