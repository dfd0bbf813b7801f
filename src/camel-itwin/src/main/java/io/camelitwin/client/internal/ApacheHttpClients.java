package io.camelitwin.client.internal;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/** The Apache HttpClient that {@link PlatformHttp} sends through, set up so that it decides nothing on its own. */
public final class ApacheHttpClients {

    /**
     * Connections kept to one host. Far above what a rate limit of a few thousand requests a minute keeps busy; without
     * it HttpClient allows 5, and a sixth concurrent caller would queue for a connection.
     */
    static final int MAX_CONNECTIONS_PER_HOST = 64;

    private ApacheHttpClients() {}

    /**
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout the longest silence while waiting for the answer or reading it
     */
    static CloseableHttpClient create(Duration connectTimeout, Duration requestTimeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
                        .setMaxConnTotal(MAX_CONNECTIONS_PER_HOST * 2)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(requestTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .build())
                // PlatformHttp follows only redirects to trusted hosts, and retries nothing: the routes do
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }
}
