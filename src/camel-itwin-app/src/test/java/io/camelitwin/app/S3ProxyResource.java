package io.camelitwin.app;

import io.camelitwin.testing.Await;
import io.camelitwin.testing.SecretsLedger;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for the S3 route: S3Proxy on a free loopback port, in front of jclouds' in-memory blob store, with
 * AWS signature checking on. The application is configured to use it and its S3 route is switched on.
 */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    static final String BUCKET = "itwin-test-images";

    private BlobStoreContext store;
    private S3Proxy proxy;

    @Override
    public Map<String, String> start() {
        String accessKey = "access-" + UUID.randomUUID();
        String secretKey = "s3-secret-" + UUID.randomUUID();
        SecretsLedger.record(secretKey);
        store = ContextBuilder.newBuilder("transient")
                .credentials(accessKey, secretKey)
                .build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder()
                .blobStore(store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        Await.until("S3Proxy started", Duration.ofSeconds(30), () -> "STARTED".equals(proxy.getState()));
        return Map.of(
                "itwin.s3.enabled",
                "true",
                "itwin.s3.bucket",
                BUCKET,
                "itwin.s3.poll-delay",
                "200",
                "itwin.s3.endpoint",
                "http://127.0.0.1:" + proxy.getPort(),
                "itwin.s3.access-key",
                accessKey,
                "itwin.s3.secret-key",
                secretKey);
    }

    /** A client of the S3 server {@link #start()} configured, from that configuration. */
    public static S3Client client(Map<String, String> configuration) {
        return S3Client.builder()
                .endpointOverride(URI.create(configuration.get("itwin.s3.endpoint")))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        configuration.get("itwin.s3.access-key"), configuration.get("itwin.s3.secret-key"))))
                .build();
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }
}
