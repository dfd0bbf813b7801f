package io.camelitwin.app.queue;

import io.camelitwin.app.config.AppSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.policy.JmsDefaultPrefetchPolicy;

/**
 * The AMQP 1.0 broker of the queue route ({@code itwin.queue.*}), as the connection factory of the {@code amqp}
 * component. Made here rather than from the component's brokerUrl option, which Camel reads when the component is
 * initialised, before the application's properties reach it. Nothing connects until a route uses it.
 */
public class QueueProducers {

    @Produces
    @Singleton
    @Named("amqpConnectionFactory")
    ConnectionFactory amqpConnectionFactory(AppSettings settings) {
        AppSettings.Queue queue = settings.queue();
        JmsConnectionFactory factory = connectionFactory(queue.brokerUrl(), queue.prefetch());
        queue.username().ifPresent(factory::setUsername);
        queue.password().ifPresent(factory::setPassword);
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
