package io.camelitwin.broker;

import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQInternalErrorException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.postoffice.Bindings;
import org.apache.activemq.artemis.core.postoffice.impl.LocalQueueBinding;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.RoutingContext;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ActiveMQ Artemis broker plugin: a message sent to the upload queue's address that is larger than a limit goes to
 * the dead-letter address instead, with the reason in the property {@code itwinFailureReason}, before any consumer
 * sees it.
 *
 * <p>The queue route's AMQP 1.0 client (Qpid JMS) assembles a whole delivery in memory before the route sees it, and
 * AMQP declares no size a consumer could refuse a message by, so a message larger than a replica's heap would take
 * down every replica the broker offers it to, one after the other. The broker knows the size: it has stored the whole
 * message (a large one streamed to disk, not held in its heap) when it routes it. Artemis' own means cannot do this:
 * a divert's filter {@code AMQSize} is 0 for an AMQP message above the acceptor's {@code amqpMinLargeMessageSize}, and
 * a core consumer gets such a message converted whole, in one packet.
 *
 * <p>Configured as bean properties in the broker's properties ({@code k8s/overlays/platform/broker.properties}).
 */
public class OversizedMessageDeadLetterPlugin implements ActiveMQServerMessagePlugin {

    static final String REASON_PROPERTY = "itwinFailureReason";

    private static final Logger LOG = LoggerFactory.getLogger(OversizedMessageDeadLetterPlugin.class);

    private SimpleString address = SimpleString.of("itwin.images");
    private SimpleString deadLetterAddress = SimpleString.of("itwin.images.dead-letter");
    private long maxMessageBytes = 6L * 1024 * 1024;
    private ActiveMQServer server;

    public void setAddress(String address) {
        this.address = SimpleString.of(address);
    }

    public String getAddress() {
        return address.toString();
    }

    public void setDeadLetterAddress(String deadLetterAddress) {
        this.deadLetterAddress = SimpleString.of(deadLetterAddress);
    }

    public String getDeadLetterAddress() {
        return deadLetterAddress.toString();
    }

    /** The whole message as the broker stores it: body, properties and AMQP sections. */
    public void setMaxMessageBytes(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public long getMaxMessageBytes() {
        return maxMessageBytes;
    }

    @Override
    public void registered(ActiveMQServer server) {
        this.server = server;
    }

    @Override
    public void beforeMessageRoute(Message message, RoutingContext context, boolean direct, boolean rejectDuplicates)
            throws ActiveMQException {
        if (!address.equals(context.getAddress(message))) {
            return;
        }
        long size = message.getWholeMessageSize();
        if (size <= maxMessageBytes) {
            return;
        }
        String reason = String.format(
                "refused by the broker: the message is %d bytes, more than the %d bytes accepted on %s (an image is"
                        + " at most 5 MB); it went to %s without being offered to a consumer",
                size, maxMessageBytes, address, deadLetterAddress);
        // not reusable: the AMQP receiver keeps its routing context for the next message to the same address
        context.clear().setReusable(false);
        deadLetterQueues().forEach(queue -> context.addQueue(deadLetterAddress, queue));
        message.setAddress(deadLetterAddress);
        message.putStringProperty(REASON_PROPERTY, reason);
        message.reencode();
        LOG.warn("Moved message {} to {}: {}", message.getMessageID(), deadLetterAddress, reason);
    }

    private List<Queue> deadLetterQueues() throws ActiveMQException {
        try {
            Bindings bindings = server.getPostOffice().getBindingsForAddress(deadLetterAddress);
            List<Queue> queues = bindings.getBindings().stream()
                    .filter(LocalQueueBinding.class::isInstance)
                    .map(binding -> ((LocalQueueBinding) binding).getQueue())
                    .toList();
            if (!queues.isEmpty()) {
                return queues;
            }
            // the application creates it on its first dead letter; a message refused before that must not be lost
            return List.of(server.createQueue(
                    QueueConfiguration.of(deadLetterAddress).setRoutingType(RoutingType.ANYCAST), true));
        } catch (ActiveMQException e) {
            throw e;
        } catch (Exception e) {
            ActiveMQInternalErrorException failure =
                    new ActiveMQInternalErrorException("no dead-letter queue on " + deadLetterAddress);
            failure.initCause(e);
            throw failure;
        }
    }
}
