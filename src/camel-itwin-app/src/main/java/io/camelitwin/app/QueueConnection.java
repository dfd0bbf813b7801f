package io.camelitwin.app;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import java.util.Optional;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.policy.JmsDefaultPrefetchPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The AMQP 1.0 broker of the queue route ({@code itwin.queue.*}), as the connection factory of the {@code amqp}
 * component. Made here rather than from the component's brokerUrl option, which Camel reads when the component is
 * initialised, before the application's properties reach it. Nothing connects until a route uses it.
 */
public class QueueConnection {

    @Produces
    @Singleton
    @Named("amqpConnectionFactory")
    ConnectionFactory amqpConnectionFactory(
            @ConfigProperty(name = "itwin.queue.broker-url") String brokerUrl,
            @ConfigProperty(name = "itwin.queue.username") Optional<String> username,
            @ConfigProperty(name = "itwin.queue.password") Optional<String> password,
            @ConfigProperty(name = "itwin.queue.prefetch", defaultValue = "1") int prefetch) {
        JmsConnectionFactory factory = connectionFactory(brokerUrl, prefetch);
        username.ifPresent(factory::setUsername);
        password.ifPresent(factory::setPassword);
        return factory;
    }

    /**
     * A message body is held whole in memory (a JMS message is), and the AMQP client fetches up to 1000 messages ahead
     * by default, so the heap would grow with the broker's backlog: the prefetch bounds it to that many bodies per
     * consumer. An upload takes far longer than fetching the next message, so a prefetch of 1 costs no throughput.
     */
    public static JmsConnectionFactory connectionFactory(String brokerUrl, int prefetch) {
        JmsConnectionFactory factory = new JmsConnectionFactory(brokerUrl);
        JmsDefaultPrefetchPolicy prefetchPolicy = new JmsDefaultPrefetchPolicy();
        prefetchPolicy.setAll(prefetch);
        factory.setPrefetchPolicy(prefetchPolicy);
        return factory;
    }
}
