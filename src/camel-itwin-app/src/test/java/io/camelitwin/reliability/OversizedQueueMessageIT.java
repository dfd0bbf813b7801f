package io.camelitwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.ArtemisResource;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * A queue message larger than a replica's heap: the packaged application at {@code -Xmx256m} (every
 * {@link ApplicationProcess} runs with it) and a 300 MB message on its upload queue, on an embedded broker with its
 * journal on disk and the broker properties the Kubernetes broker runs with. The broker refuses the message by its size
 * before offering it to the replica; the replica never holds it.
 */
class OversizedQueueMessageIT extends ReliabilityTestSupport {

    private static final String QUEUE = "itwin.images";
    private static final String DEAD_LETTERS = "itwin.images.dead-letter";
    private static final int CHUNK_BYTES = 1024 * 1024;
    private static final int CHUNKS = 300;
    private static final Duration HANDLED = Duration.ofMinutes(3);

    @Test
    void aMessageLargerThanTheHeapIsDeadLetteredWholeWithItsReasonAndTheNextOneIsUploaded() throws Exception {
        Iterator<String> ids = emulator.seedITwins(DemoData.DEMO_CLIENT_ID, 2).iterator();
        String oversizedTarget = ids.next();
        String nextTarget = ids.next();
        ArtemisResource broker = new ArtemisResource(work.resolve("broker"));
        Map<String, String> configuration = broker.start();
        try (JMSContext jms = new JmsConnectionFactory(configuration.get("itwin.queue.broker-url"))
                .createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            ApplicationProcess application =
                    application("queue").configuration(configuration).start();
            Await.until("ready", HANDLED, application::ready);

            BytesMessage oversized = jms.createBytesMessage();
            byte[] chunk = new byte[CHUNK_BYTES];
            for (int i = 0; i < CHUNKS; i++) {
                fill(chunk, i);
                oversized.writeBytes(chunk);
            }
            send(jms, oversized, oversizedTarget);
            BytesMessage next = jms.createBytesMessage();
            byte[] image = TestImages.png(200, 100);
            next.writeBytes(image);
            send(jms, next, nextTarget);

            Await.until(
                    "the next message uploaded",
                    HANDLED,
                    () -> emulator.iTwinImage(nextTarget).isPresent());
            assertThat(emulator.iTwinImage(nextTarget))
                    .hasValueSatisfying(uploaded -> assertThat(uploaded).isEqualTo(image));
            try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(DEAD_LETTERS))) {
                BytesMessage deadLetter = (BytesMessage) consumer.receive(HANDLED.toMillis());
                assertThat(deadLetter).as("the dead letter").isNotNull();
                assertThat(deadLetter.getStringProperty("itwinTargetId")).isEqualTo(oversizedTarget);
                assertThat(deadLetter.getStringProperty("itwinFailureReason"))
                        .startsWith("refused by the broker")
                        .contains("more than the 6291456 bytes accepted on " + QUEUE);
                assertThat(deadLetter.getBodyLength()).isEqualTo((long) CHUNK_BYTES * CHUNKS);
                byte[] expected = new byte[CHUNK_BYTES];
                for (int i = 0; i < CHUNKS; i++) {
                    fill(expected, i);
                    assertThat(deadLetter.readBytes(chunk)).isEqualTo(CHUNK_BYTES);
                    assertThat(Arrays.equals(chunk, expected))
                            .as("megabyte %d of the body", i)
                            .isTrue();
                }
            }
            assertThat(broker.server().locateQueue(SimpleString.of(QUEUE)).getMessageCount())
                    .as("left on the upload queue")
                    .isZero();
            assertThat(uploadsOf(oversizedTarget)).isEmpty();
            assertThat(application.isAlive()).isTrue();
            assertThat(application.ready()).isTrue();
            assertThat(application.logText()).doesNotContain("OutOfMemoryError");
        } finally {
            broker.stop();
        }
    }

    /** Megabyte {@code index} of the body: its bytes depend on its position, so a lost or shifted megabyte shows. */
    private static void fill(byte[] chunk, int index) {
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) (i * 31 + index * 7);
        }
    }

    private static void send(JMSContext jms, BytesMessage message, String targetId) throws JMSException {
        message.setStringProperty("itwinOperation", "uploadImage");
        message.setStringProperty("itwinTargetId", targetId);
        jms.createProducer().send(jms.createQueue(QUEUE), message);
    }
}
