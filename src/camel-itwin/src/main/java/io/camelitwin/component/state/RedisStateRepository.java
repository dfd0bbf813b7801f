package io.camelitwin.component.state;

import io.camelitwin.client.redis.RedisClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Objects;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A Camel {@link StateRepository} in one Redis hash, shared by every replica that names the same hash: what
 * {@code itwin:imageChanges} has delivered, so that a new leader carries on where the old one stopped. Every read goes
 * to Redis (nothing is cached): a replica that becomes leader must see what the previous leader recorded a moment ago.
 * The connection is opened on first use, so that a route starts while Redis is down; until Redis answers, reads and
 * writes throw, and a poll fails (and is retried by the next one) rather than emit from a state it cannot read.
 */
public final class RedisStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisURI uri;
    private final String hash;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    /**
     * @param redisUrl {@code redis://host:port}
     * @param hash the Redis key of the hash; one per watching route
     */
    public RedisStateRepository(String redisUrl, String hash) {
        this.uri = RedisURI.create(redisUrl);
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    @Override
    public void setState(String key, String value) {
        commands().hset(hash, key, value);
    }

    @Override
    public String getState(String key) {
        return commands().hget(hash, key);
    }

    @Override
    protected void doStart() {
        client = RedisClients.create(uri, TIMEOUT);
    }

    @Override
    protected synchronized void doStop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }

    private synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            connection = client.connect();
        }
        return connection.sync();
    }

    @Override
    public String toString() {
        return "RedisStateRepository[" + RedisClients.address(uri) + " " + hash + "]";
    }
}
