package io.camelitwin.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.RouteFiles;
import io.camelitwin.testing.TestImages;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A refusal (a 4xx other than 429) is final whatever failed before it: after a 429 or a 503 that was redelivered, the
 * refusal that follows ends in the dead letter at once, after exactly one refused request. The emulator's fault
 * injection gives the first answer; the shipped {@code itwin-resilience} configuration decides what happens next.
 */
class RefusalAfterRetryTest extends EmulatorCamelTestSupport {

    private static final String UNKNOWN_ITWIN = "00000000-0000-4000-8000-00000000dead";
    private static final FaultSettings ALWAYS_429 = FaultSettings.NONE.withThrottle(1.0, 1);
    private static final FaultSettings ALWAYS_503 = FaultSettings.NONE.withUnavailable(1.0);

    private final ListAppender<ILoggingEvent> deadLetterLog = new ListAppender<>();

    @BeforeEach
    void captureDeadLetterLog() {
        deadLetterLog.start();
        deadLetterLogger().addAppender(deadLetterLog);
    }

    @AfterEach
    void releaseDeadLetterLog() {
        deadLetterLogger().detachAppender(deadLetterLog);
    }

    /** The log EIP logs under the id of its route. */
    private static Logger deadLetterLogger() {
        return (Logger) LoggerFactory.getLogger("itwin-dead-letter");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        RouteFiles.loadResilience(context, Map.of());
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:call")
                        .routeId("call-platform")
                        .routeConfigurationId("itwin-resilience")
                        .to("itwin:getImage")
                        .to("mock:delivered");
            }
        };
    }

    static List<Arguments> firstFailureThenRefusal() {
        byte[] tooManyPixels = withDimensions(TestImages.png(40, 30), 10_000, 5_000);
        return List.of(
                Arguments.of(
                        "429 then 404",
                        ALWAYS_429,
                        "getImage",
                        Map.of(ITwinConstants.ITWIN_ID, UNKNOWN_ITWIN),
                        new byte[0],
                        404),
                Arguments.of(
                        "503 then 404",
                        ALWAYS_503,
                        "getImage",
                        Map.of(ITwinConstants.ITWIN_ID, UNKNOWN_ITWIN),
                        new byte[0],
                        404),
                Arguments.of(
                        "429 then 422",
                        ALWAYS_429,
                        "uploadImage",
                        Map.of(ITwinConstants.ITWIN_ID, DemoData.ITWIN_PLAIN),
                        tooManyPixels,
                        422),
                Arguments.of(
                        "503 then 409",
                        ALWAYS_503,
                        "uploadThumbnail",
                        Map.of(ITwinConstants.IMODEL_ID, DemoData.IMODEL_UNINITIALIZED),
                        TestImages.png(80, 50),
                        409),
                Arguments.of(
                        "429 then 403",
                        ALWAYS_429,
                        "uploadThumbnail",
                        Map.of(ITwinConstants.IMODEL_ID, DemoData.IMODEL_VIEW_ONLY),
                        TestImages.png(80, 50),
                        403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstFailureThenRefusal")
    void refusalAfterARedeliveredFailureGoesStraightToTheDeadLetter(
            String sequence,
            FaultSettings firstAnswer,
            String operation,
            Map<String, Object> target,
            byte[] body,
            int refusal)
            throws Exception {
        emulator().faults(firstAnswer);
        MockEndpoint deadLetter = getMockEndpoint("mock:dead-letter");
        deadLetter.expectedMessageCount(1);

        Map<String, Object> headers = new HashMap<>(target);
        headers.put(ITwinConstants.OPERATION, operation);
        template.asyncRequestBodyAndHeaders("direct:call", body, headers);
        // the first answer is the injected fault; every later one is the platform's own
        awaitRequests(1);
        emulator().faults(FaultSettings.NONE);

        deadLetter.assertIsSatisfied(20_000);
        // a redelivery would come within 1 s of the refusal (Retry-After and transient delay both are <= 1 s)
        Thread.sleep(1_500);
        assertThat(emulator().requests(DemoData.DEMO_CLIENT_ID))
                .extracting(RecordedRequest::status)
                .containsExactly(firstAnswer == ALWAYS_429 ? 429 : 503, refusal);
        assertThat(deadLetter.getReceivedCounter()).isEqualTo(1);
        assertThat(deadLetter.getExchanges().get(0).getMessage().getHeader("CamelITwinFailureReason", String.class))
                .startsWith("ITwinApiException")
                .contains("HTTP " + refusal);
        assertThat(getMockEndpoint("mock:delivered").getReceivedCounter()).isZero();
        // not from a file: the log line says which message it was and what it was meant for
        assertThat(deadLetterLog.list)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .startsWith("Dead letter: exchange "
                        + deadLetter.getExchanges().get(0).getExchangeId() + " of route call-platform (")
                .contains(target.values().iterator().next().toString())
                .contains("HTTP " + refusal);
    }

    private void awaitRequests(int count) {
        Await.until(
                count + " requests at the emulator",
                Duration.ofSeconds(10),
                () -> emulator().requests(DemoData.DEMO_CLIENT_ID).size() >= count);
    }

    /**
     * The PNG with other dimensions in its header (CRC fixed): one the client's checks accept (2:1) and the platform
     * refuses with 422 for its pixel count, before decoding a single pixel.
     */
    private static byte[] withDimensions(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(patched);
        // signature (8), IHDR length (4), "IHDR" (4), then width and height
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 4 + 13);
        buffer.putInt(12 + 4 + 13, (int) crc.getValue());
        return patched;
    }
}
