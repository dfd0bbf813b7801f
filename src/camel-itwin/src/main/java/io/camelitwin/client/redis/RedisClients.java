package io.camelitwin.client.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;

/**
 * The Lettuce client of everything in the library that keeps state in Redis (the shared rate budget, the shared
 * change-watch state), built one way. While Redis is down its commands are refused at once rather than queued, so that
 * a caller falls back (or fails its poll) without waiting; once connected, Lettuce reconnects by itself.
 */
public final class RedisClients {

    private RedisClients() {}

    /**
     * @param timeout how long a command, or the connection, may take before it fails
     * @return a client that has not connected yet; the caller connects on use and shuts it down
     */
    public static RedisClient create(RedisURI uri, Duration timeout) {
        uri.setTimeout(timeout);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        return client;
    }

    /** Host and port only, for logs and messages: a URI may carry a password. */
    public static String address(RedisURI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
