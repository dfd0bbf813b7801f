package io.camelitwin.client.ratelimit;

import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A Bucket4j distributed backend kept in a map: stands in for Redis or a database when replicas share a budget. */
final class InMemoryProxyManager extends AbstractCompareAndSwapBasedProxyManager<String> {

    private final ConcurrentMap<String, byte[]> states = new ConcurrentHashMap<>();

    InMemoryProxyManager() {
        super(ClientSideConfig.getDefault());
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return Optional.ofNullable(states.get(key));
            }

            @Override
            public boolean compareAndSwap(
                    byte[] original, byte[] updated, RemoteBucketState state, Optional<Long> timeoutNanos) {
                // byte[] has identity equality, and original is the very array getStateData returned
                return original == null
                        ? states.putIfAbsent(key, updated) == null
                        : states.replace(key, original, updated);
            }
        };
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public void removeProxy(String key) {
        states.remove(key);
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        throw new UnsupportedOperationException("synchronous only");
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
