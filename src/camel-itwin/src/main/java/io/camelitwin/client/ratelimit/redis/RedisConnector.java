package io.camelitwin.client.ratelimit.redis;

import io.camelitwin.client.redis.RedisClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * One Lettuce connection (string keys, byte values) of a {@link RedisClients} client, opened on first use rather than
 * at start, so that a replica that starts while Redis is down still starts, and reopened on use after a failed first
 * attempt.
 */
final class RedisConnector implements AutoCloseable {

    private final RedisURI uri;
    private final RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;

    RedisConnector(RedisURI uri, Duration timeout) {
        this.uri = uri;
        this.client = RedisClients.create(uri, timeout);
    }

    /** The open connection; throws Lettuce's {@code RedisConnectionException} when Redis cannot be reached. */
    synchronized StatefulRedisConnection<String, byte[]> connection() {
        if (connection == null) {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        }
        return connection;
    }

    String address() {
        return RedisClients.address(uri);
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
