package io.camelitwin.app;

/** Redis keys of the application: per OAuth client, since the platform's limits and the watched iTwins are. */
final class RedisKeys {

    private RedisKeys() {}

    static String of(String clientId, String purpose) {
        return "camel-itwin:" + clientId + ":" + purpose;
    }
}
