package io.camelitwin.app.platform;

/** Redis keys of the application: per OAuth client, since the platform's limits and the watched iTwins are. */
public final class RedisKeys {

    private RedisKeys() {}

    public static String of(String clientId, String purpose) {
        return "camel-itwin:" + clientId + ":" + purpose;
    }
}
