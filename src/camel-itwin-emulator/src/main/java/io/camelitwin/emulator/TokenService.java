package io.camelitwin.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** Opaque bearer tokens: issued by the token endpoint, checked on every API call, revocable by tests. */
final class TokenService {

    private record Issued(String clientId, Instant expiresAt) {}

    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tokenRequests = new ConcurrentHashMap<>();
    private final LongAdder allTokenRequests = new LongAdder();
    private final List<Consumer<String>> issuedListeners = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private volatile Duration lifetime;

    TokenService(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    void lifetime(Duration newLifetime) {
        this.lifetime = newLifetime;
    }

    String issue(String clientId) {
        Instant now = clock.instant();
        tokens.values().removeIf(issued -> issued.expiresAt().isBefore(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Issued(clientId, now.plus(lifetime)));
        issuedListeners.forEach(listener -> listener.accept(token));
        return token;
    }

    /** The client id of a valid bearer token in an Authorization header. */
    String authenticate(String authorization) {
        if (authorization == null) {
            throw ErrorResponses.headerNotFound();
        }
        String prefix = "Bearer ";
        if (!authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw ErrorResponses.invalidToken();
        }
        Issued issued = tokens.get(authorization.substring(prefix.length()).trim());
        if (issued == null || !clock.instant().isBefore(issued.expiresAt())) {
            throw ErrorResponses.invalidToken();
        }
        return issued.clientId();
    }

    /** Makes every token of the client invalid at once, as if they had all reached their expiry. */
    void expire(String clientId) {
        tokens.values().removeIf(issued -> issued.clientId().equals(clientId));
    }

    void countRequest(String clientId) {
        tokenRequests.computeIfAbsent(clientId, id -> new LongAdder()).increment();
    }

    void countAnyRequest() {
        allTokenRequests.increment();
    }

    long allRequestCount() {
        return allTokenRequests.sum();
    }

    long requestCount(String clientId) {
        LongAdder count = tokenRequests.get(clientId);
        return count == null ? 0 : count.sum();
    }

    void onIssued(Consumer<String> listener) {
        issuedListeners.add(listener);
    }

    void reset() {
        tokenRequests.clear();
        allTokenRequests.reset();
        issuedListeners.clear();
    }
}
