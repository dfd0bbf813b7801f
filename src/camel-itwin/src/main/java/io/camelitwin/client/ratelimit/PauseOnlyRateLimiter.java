package io.camelitwin.client.ratelimit;

/** No permits to count; only honours the pause the platform asked for with its last 429. */
final class PauseOnlyRateLimiter extends PausingRateLimiter {

    PauseOnlyRateLimiter() {
        super(PauseState.local());
    }

    @Override
    void awaitPermit(String operation) {
        // nothing counted: only the pause holds a request
    }
}
