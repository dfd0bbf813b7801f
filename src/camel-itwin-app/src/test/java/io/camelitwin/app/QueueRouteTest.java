package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.emulator.ThumbnailSize;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.RefusedImages;
import io.camelitwin.testing.RefusedImages.Refused;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue route against a real AMQP 1.0 broker (embedded Artemis), uploading to the embedded emulator. */
@QuarkusTest
@QuarkusTestResource(value = ArtemisResource.class, restrictToAnnotatedClass = true)
class QueueRouteTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long RECEIVE_TIMEOUT_MS = 30_000;

    @Inject
    PlatformConnection platform;

    @Inject
    CamelContext camel;

    @ConfigProperty(name = "itwin.queue.broker-url")
    String brokerUrl;

    @ConfigProperty(name = "itwin.queue.name")
    String queueName;

    @ConfigProperty(name = "itwin.queue.dead-letter")
    String deadLetterName;

    private JMSContext jms;

    @BeforeEach
    void connect() {
        jms = new JmsConnectionFactory(brokerUrl).createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void disconnect() {
        jms.close();
    }

    @Test
    void theQueueIsConsumedByAsManyConsumersAsConfigured() {
        Await.until(
                ArtemisResource.CONSUMERS + " consumers on " + queueName,
                TIMEOUT,
                () -> ArtemisResource.consumers(queueName) == ArtemisResource.CONSUMERS,
                () -> ArtemisResource.consumers(queueName) + " so far");
    }

    @Test
    void anImageAndAThumbnailAreUploadedFromTheirMessages() throws InterruptedException {
        byte[] image = TestImages.png(400, 250);
        byte[] thumbnail = TestImages.jpeg(320, 200);

        send(image, Map.of("itwinOperation", "uploadImage", "itwinTargetId", DemoData.ITWIN_PLAIN));
        send(thumbnail, Map.of("itwinOperation", "uploadThumbnail", "itwinTargetId", DemoData.IMODEL_INITIALIZED));

        Await.until(
                "the image uploaded",
                TIMEOUT,
                () -> emulator()
                        .iTwinImage(DemoData.ITWIN_PLAIN)
                        .map(stored -> Arrays.equals(stored, image))
                        .orElse(false));
        Await.until(
                "the thumbnail uploaded",
                TIMEOUT,
                () -> emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                        .anyMatch(r -> r.method().equals("PUT") && r.path().contains(DemoData.IMODEL_INITIALIZED)));
        assertThat(emulator().iModelThumbnail(DemoData.IMODEL_INITIALIZED, ThumbnailSize.SMALL))
                .isPresent();
    }

    @Test
    void refusedMessagesGoToTheDeadLetterQueueWithTheirReasonWithoutAnyRequest() throws JMSException {
        long requestsBefore = writes();
        Map<String, String> expectedReasons = new LinkedHashMap<>();
        for (Refused refused : RefusedImages.all()) {
            send(
                    refused.bytes(),
                    Map.of(
                            "itwinOperation",
                            "uploadImage",
                            "itwinTargetId",
                            DemoData.ITWIN_SPARE,
                            "itwinContentType",
                            "image/png",
                            "case",
                            refused.label()));
            expectedReasons.put(refused.label(), refused.reasonMentions());
        }
        byte[] fine = TestImages.png(40, 30);
        send(fine, Map.of("itwinOperation", "uploadImage", "itwinTargetId", "not-a-guid", "case", "non-guid"));
        expectedReasons.put("non-guid", "GUID");
        send(fine, Map.of("itwinOperation", "uploadImage", "itwinTargetId", "../../itwins", "case", "traversal"));
        expectedReasons.put("traversal", "GUID");
        send(fine, Map.of("case", "no-target"));
        expectedReasons.put("no-target", "no itwinOperation");
        // Camel's own header names do not survive the broker, so they cannot name a target either
        send(
                fine,
                Map.of(
                        "CamelITwinOperation",
                        "uploadImage",
                        "CamelITwinId",
                        DemoData.ITWIN_SPARE,
                        "case",
                        "camel-names"));
        expectedReasons.put("camel-names", "no itwinOperation");
        send(fine, Map.of("itwinOperation", "deleteImage", "itwinTargetId", DemoData.ITWIN_SPARE, "case", "delete"));
        expectedReasons.put("delete", "uploadImage or uploadThumbnail");

        Map<String, String> reasons = new HashMap<>();
        Queue deadLetters = jms.createQueue(deadLetterName);
        try (var consumer = jms.createConsumer(deadLetters)) {
            while (reasons.size() < expectedReasons.size()) {
                Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                assertThat(message)
                        .as("dead letters so far: %s", reasons.keySet())
                        .isNotNull();
                reasons.put(message.getStringProperty("case"), message.getStringProperty("itwinFailureReason"));
            }
        }
        expectedReasons.forEach((label, mentions) -> assertThat(reasons.get(label))
                .as(label)
                .startsWith("ITwinValidationException")
                .contains(mentions));
        assertThat(writes()).isEqualTo(requestsBefore);
        assertThat(camel.getRouteController().getRouteStatus("queue-to-itwin")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aMessageShovelledBackFromTheDeadLetterQueueIsUploadedAgain() throws JMSException, InterruptedException {
        String iTwinId = UUID.randomUUID().toString();
        byte[] image = TestImages.png(200, 100);
        send(image, Map.of("itwinOperation", "uploadImage", "itwinTargetId", iTwinId));

        Message deadLetter;
        try (var consumer = jms.createConsumer(jms.createQueue(deadLetterName))) {
            deadLetter = consumer.receive(RECEIVE_TIMEOUT_MS);
        }
        assertThat(deadLetter).isNotNull();
        assertThat(deadLetter.getStringProperty("itwinFailureReason")).contains("404");
        assertThat(deadLetter.getBody(byte[].class)).isEqualTo(image);

        emulator().addITwin(iTwinId, "Created after the first attempt", DemoData.DEMO_CLIENT_ID);
        jms.createProducer().send(jms.createQueue(queueName), deadLetter);

        Await.until(
                "the shovelled message uploaded",
                TIMEOUT,
                () -> emulator()
                        .iTwinImage(iTwinId)
                        .map(stored -> Arrays.equals(stored, image))
                        .orElse(false));
    }

    @Test
    void aMessageRedeliveredAfterItsUploadIsComparedNotUploadedAgain() throws Exception {
        String iTwinId = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, 1).get(0);
        byte[] image = TestImages.distinctPng(51);
        NotifyBuilder redelivered =
                new NotifyBuilder(camel).fromRoute("queue-to-itwin").whenDone(1).create();
        camel.getRouteController().stopRoute("queue-to-itwin");
        try {
            send(image, Map.of("itwinOperation", "uploadImage", "itwinTargetId", iTwinId));
            // a consumer that uploads the image and stops before acknowledging it, as a replica killed right then
            try (JMSContext dying = new JmsConnectionFactory(brokerUrl).createContext(JMSContext.CLIENT_ACKNOWLEDGE);
                    ProducerTemplate platformCall = camel.createProducerTemplate()) {
                assertThat(dying.createConsumer(dying.createQueue(queueName)).receive(RECEIVE_TIMEOUT_MS))
                        .isNotNull();
                platformCall.sendBodyAndHeader("itwin:uploadImage", image, ITwinConstants.ITWIN_ID, iTwinId);
            }
        } finally {
            camel.getRouteController().startRoute("queue-to-itwin");
        }

        assertThat(redelivered.matches(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("the redelivered message done")
                .isTrue();
        // the change sync may look the image up too: only the uploads are counted
        assertThat(emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                        .filter(r -> r.path().equals("/itwins/" + iTwinId + "/image"))
                        .map(RecordedRequest::method))
                .as("the upload, then the redelivery's comparison")
                .startsWith("PUT", "GET")
                .containsOnlyOnce("PUT");
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(image);
    }

    private void send(byte[] body, Map<String, String> properties) {
        BytesMessage message = jms.createBytesMessage();
        try {
            message.writeBytes(body);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        jms.createProducer().send(jms.createQueue(queueName), message);
    }

    private ITwinEmulator emulator() {
        return platform.emulator().orElseThrow();
    }

    /** Requests that could have changed something on the platform. */
    private long writes() {
        return emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .map(RecordedRequest::method)
                .filter(method -> !method.equals("GET"))
                .count();
    }
}
