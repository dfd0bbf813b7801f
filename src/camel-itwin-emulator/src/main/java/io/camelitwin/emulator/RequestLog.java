package io.camelitwin.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests the emulator answered and the early-retry bookkeeping. Only the most recent requests are kept so that
 * a load test cannot exhaust the heap; the counters are exact.
 */
final class RequestLog {

    private final int capacity;
    private final Deque<RecordedRequest> recent = new ArrayDeque<>();
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> earlyRequests = new ConcurrentHashMap<>();

    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    /** Whether a request of this client arriving now ignores the Retry-After of an earlier 429; counts it if so. */
    boolean arrived(String clientId, Instant at) {
        Instant allowedFrom = notBefore.get(clientId);
        boolean early = allowedFrom != null && at.isBefore(allowedFrom);
        if (early) {
            earlyRequests.computeIfAbsent(clientId, id -> new LongAdder()).increment();
        }
        return early;
    }

    void throttled(String clientId, Instant retryAt) {
        notBefore.merge(clientId, retryAt, (old, latest) -> latest.isAfter(old) ? latest : old);
    }

    void record(RecordedRequest request) {
        synchronized (recent) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(request);
        }
    }

    List<RecordedRequest> requests(String clientId) {
        synchronized (recent) {
            return recent.stream()
                    .filter(r -> clientId == null || Objects.equals(clientId, r.clientId()))
                    .toList();
        }
    }

    long earlyRequestCount(String clientId) {
        LongAdder count = earlyRequests.get(clientId);
        return count == null ? 0 : count.sum();
    }

    void reset() {
        synchronized (recent) {
            recent.clear();
        }
        notBefore.clear();
        earlyRequests.clear();
    }
}
