package io.camelitwin.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A real AMQP 1.0 broker for the queue route: ActiveMQ Artemis, embedded, in memory, with one AMQP acceptor on a free
 * loopback port. The application is configured to use it and its queue route is switched on, with {@value
 * #CONSUMERS} concurrent consumers.
 */
public class ArtemisResource implements QuarkusTestResourceLifecycleManager {

    static final int CONSUMERS = 3;

    private static EmbeddedActiveMQ broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = new EmbeddedActiveMQ()
                    .setConfiguration(new ConfigurationImpl()
                            .setPersistenceEnabled(false)
                            .setSecurityEnabled(false)
                            .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:0?protocols=AMQP"));
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker did not start", e);
        }
        NettyAcceptor acceptor =
                (NettyAcceptor) broker.getActiveMQServer().getRemotingService().getAcceptor("amqp");
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
        return broker.getActiveMQServer().locateQueue(queue).getConsumerCount();
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
