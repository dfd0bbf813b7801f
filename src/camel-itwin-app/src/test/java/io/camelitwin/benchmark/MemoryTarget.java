package io.camelitwin.benchmark;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The source a memory trial's route reads from, filled before the probe starts, in the benchmark's JVM: what the
 * server and the feeding cost is not the route's. Each trial gets a fresh one; {@link #probeArgs()} tells the probe
 * where it is.
 */
interface MemoryTarget extends AutoCloseable {

    List<String> probeArgs();

    @Override
    void close() throws Exception;

    static final String ACCESS_KEY = "benchmark-access";
    static final String SECRET_KEY = "benchmark-s3-secret";
    static final String BUCKET = "itwin-images";
    static final String S3_PREFIX = "inbox/";
    static final String QUEUE = "itwin.images";

    /** No server: the probe feeds the route itself (the folder route), with these arguments. */
    static MemoryTarget none(List<String> probeArgs) {
        return new MemoryTarget() {
            @Override
            public List<String> probeArgs() {
                return probeArgs;
            }

            @Override
            public void close() {}
        };
    }

    /**
     * S3Proxy over jclouds' file-system store in {@code work}, so that the objects lie on disk and not in this JVM's
     * heap, holding {@code png} under {@code inbox/itwins/<id>/<n>.png}, {@code count} times over the iTwins.
     */
    static MemoryTarget s3(Path work, Path png, int count, List<String> iTwins) throws Exception {
        Properties properties = new Properties();
        properties.setProperty(
                "jclouds.filesystem.basedir",
                Files.createDirectories(work.resolve("s3")).toString());
        BlobStoreContext store = ContextBuilder.newBuilder("filesystem")
                .overrides(properties)
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class);
        store.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build()) {
            for (int i = 0; i < count; i++) {
                String key = S3_PREFIX + "itwins/" + iTwins.get(i % iTwins.size()) + "/" + i + ".png";
                s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("image/png"), RequestBody.fromFile(png));
            }
        }
        return new MemoryTarget() {
            @Override
            public List<String> probeArgs() {
                return List.of(endpoint, ACCESS_KEY, SECRET_KEY, BUCKET);
            }

            @Override
            public void close() throws Exception {
                proxy.stop();
                store.close();
            }
        };
    }

    /**
     * An embedded Artemis broker with an AMQP acceptor and its journal and large messages in {@code work} (a 5 MB
     * message is kept as a file, not in this JVM's heap), holding {@code count} messages of {@code png} for the queue
     * route, one per iTwin by turns.
     */
    static MemoryTarget queue(Path work, Path png, int count, List<String> iTwins) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfiguration(new ConfigurationImpl()
                        .setPersistenceEnabled(true)
                        .setSecurityEnabled(false)
                        .setJournalDirectory(work.resolve("journal").toString())
                        .setBindingsDirectory(work.resolve("bindings").toString())
                        .setLargeMessagesDirectory(work.resolve("large").toString())
                        .setPagingDirectory(work.resolve("paging").toString())
                        .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:0?protocols=AMQP"));
        broker.start();
        NettyAcceptor acceptor =
                (NettyAcceptor) broker.getActiveMQServer().getRemotingService().getAcceptor("amqp");
        String brokerUrl = "amqp://127.0.0.1:" + acceptor.getActualPort();
        byte[] content = Files.readAllBytes(png);
        try (JMSContext jms = new JmsConnectionFactory(brokerUrl).createContext()) {
            Queue queue = jms.createQueue(QUEUE);
            for (int i = 0; i < count; i++) {
                BytesMessage message = jms.createBytesMessage();
                message.writeBytes(content);
                message.setStringProperty("itwinOperation", "uploadImage");
                message.setStringProperty("itwinTargetId", iTwins.get(i % iTwins.size()));
                message.setStringProperty("itwinContentType", "image/png");
                jms.createProducer().send(queue, message);
            }
        }
        return new MemoryTarget() {
            @Override
            public List<String> probeArgs() {
                return List.of(brokerUrl, QUEUE);
            }

            @Override
            public void close() throws Exception {
                broker.stop();
            }
        };
    }
}
