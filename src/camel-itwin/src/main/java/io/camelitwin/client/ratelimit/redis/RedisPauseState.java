package io.camelitwin.client.ratelimit.redis;

import io.camelitwin.client.ratelimit.PauseState;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The pause after a 429 kept in Redis, so that one replica's 429 holds every replica's requests. The key holds the
 * instant the pause ends (epoch milliseconds) and expires with it; it is only ever moved later, atomically, by a script.
 * Replicas compare the instant with their own clocks, which is as good as their clocks agree (NTP keeps nodes within
 * milliseconds, against pauses of seconds).
 */
final class RedisPauseState implements PauseState {

    /** Sets KEYS[1] to ARGV[1], expiring after ARGV[2] ms, unless it already holds a later instant. */
    private static final String EXTEND = "local current = tonumber(redis.call('GET', KEYS[1]) or '0') "
            + "if tonumber(ARGV[1]) > current then "
            + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end "
            + "return 0";

    private final RedisConnector redis;
    private final String key;

    RedisPauseState(RedisConnector redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    @Override
    public Instant pausedUntil() {
        byte[] until = redis.connection().sync().get(key);
        return until == null
                ? Instant.MIN
                : Instant.ofEpochMilli(Long.parseLong(new String(until, StandardCharsets.US_ASCII)));
    }

    @Override
    public void pauseUntil(Instant instant) {
        long untilMillis = instant.toEpochMilli();
        long remainingMillis = untilMillis - System.currentTimeMillis();
        if (remainingMillis <= 0) {
            return;
        }
        redis.connection()
                .sync()
                .eval(EXTEND, ScriptOutputType.BOOLEAN, new String[] {key}, ascii(untilMillis), ascii(remainingMillis));
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
