package io.camelitwin.client.internal;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;

/**
 * One Apache HttpClient ({@link ApacheHttpClients}), built on first use and shared by everything of one OAuth identity
 * that talks HTTP: its platform calls and its token requests. Built late so that an application whose routes do not
 * call the platform yet pays nothing for it, TLS set-up included; shared so that an identity holds one connection pool
 * and one TLS context, not one per purpose.
 */
public final class LazyHttpClient implements Supplier<CloseableHttpClient>, AutoCloseable {

    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private volatile CloseableHttpClient http;

    /**
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout the longest silence while waiting for an answer or reading it
     */
    public LazyHttpClient(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public CloseableHttpClient get() {
        CloseableHttpClient built = http;
        if (built == null) {
            synchronized (this) {
                built = http;
                if (built == null) {
                    built = ApacheHttpClients.create(connectTimeout, requestTimeout);
                    http = built;
                }
            }
        }
        return built;
    }

    /** Closes the HttpClient and its pooled connections, if it was ever built; a later call builds a new one. */
    @Override
    public synchronized void close() {
        if (http != null) {
            http.close(CloseMode.GRACEFUL);
            http = null;
        }
    }
}
