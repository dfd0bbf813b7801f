package io.camelitwin.client.ratelimit.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * One Lettuce connection (string keys, byte values), opened on first use rather than at start, so that a replica that
 * starts while Redis is down still starts, and reopened on use after a failed first attempt. Once open, Lettuce
 * reconnects it by itself; meanwhile commands are refused at once rather than queued, so that a caller falls back to
 * its local budget without waiting.
 */
final class RedisConnector implements AutoCloseable {

    private final RedisURI uri;
    private final RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;

    RedisConnector(RedisURI uri, Duration timeout) {
        this.uri = uri;
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
    }

    /** The open connection; throws Lettuce's {@code RedisConnectionException} when Redis cannot be reached. */
    synchronized StatefulRedisConnection<String, byte[]> connection() {
        if (connection == null) {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        }
        return connection;
    }

    /** Host and port only: a URI may carry a password. */
    String address() {
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
