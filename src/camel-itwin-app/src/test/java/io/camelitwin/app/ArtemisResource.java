package io.camelitwin.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A real AMQP 1.0 broker for the queue route: ActiveMQ Artemis, embedded, with one AMQP acceptor on a free loopback
 * port and the broker properties the Kubernetes broker runs with ({@link #BROKER_PROPERTIES}: the guard against
 * oversized messages). In memory, or with its journal and large messages on disk like a deployed broker. The
 * application is configured to use it and its queue route is switched on, with {@value #CONSUMERS} concurrent
 * consumers.
 */
public class ArtemisResource implements QuarkusTestResourceLifecycleManager {

    public static final Path BROKER_PROPERTIES = Path.of("k8s", "overlays", "platform", "broker.properties");

    static final int CONSUMERS = 3;

    /** The broker of the running {@code @QuarkusTest}, which Quarkus made and the test cannot reach otherwise. */
    private static volatile ArtemisResource running;

    private final Path dataDirectory;
    private EmbeddedActiveMQ broker;

    /** In memory. */
    public ArtemisResource() {
        this(null);
    }

    /** @param dataDirectory where the journal and the large messages go; {@code null} for none (in memory) */
    public ArtemisResource(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public Map<String, String> start() {
        try {
            ConfigurationImpl configuration = new ConfigurationImpl();
            configuration
                    .setSecurityEnabled(false)
                    .setPersistenceEnabled(dataDirectory != null)
                    .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:0?protocols=AMQP");
            if (dataDirectory != null) {
                configuration
                        .setJournalDirectory(dataDirectory.resolve("journal").toString())
                        .setBindingsDirectory(dataDirectory.resolve("bindings").toString())
                        .setLargeMessagesDirectory(
                                dataDirectory.resolve("large-messages").toString())
                        .setPagingDirectory(dataDirectory.resolve("paging").toString());
            }
            configuration.parseProperties(BROKER_PROPERTIES.toAbsolutePath().toString());
            // broker properties report what they could not apply in the status, not by failing
            if (!configuration.getStatus().contains("\"errors\":[]")) {
                throw new IllegalStateException(BROKER_PROPERTIES + " did not apply: " + configuration.getStatus());
            }
            broker = new EmbeddedActiveMQ().setConfiguration(configuration);
            broker.start();
            running = this;
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker did not start", e);
        }
        NettyAcceptor acceptor = (NettyAcceptor) server().getRemotingService().getAcceptor("amqp");
        return Map.of(
                "itwin.queue.enabled",
                "true",
                "itwin.queue.broker-url",
                "amqp://127.0.0.1:" + acceptor.getActualPort(),
                "itwin.queue.concurrent-consumers",
                String.valueOf(CONSUMERS));
    }

    /** How many consumers the broker has on this queue now, the application's among them. */
    static long consumers(String queue) {
        return running.server().locateQueue(queue).getConsumerCount();
    }

    /** The running broker, for what a test asks it directly (a queue's messages without consuming them). */
    public ActiveMQServer server() {
        return broker.getActiveMQServer();
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker did not stop", e);
        }
    }
}
