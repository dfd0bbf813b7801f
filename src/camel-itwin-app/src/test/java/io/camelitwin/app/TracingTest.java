package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.routes.UploadTraceLinks;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.support.CamelContextHelper;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file, its upload, the change it causes and its sync, as OpenTelemetry spans (kept in memory by {@link InMemorySpans}):
 * the file and its upload in one trace, the change and its sync in another, linked to the upload's span; and the trace
 * id in the log lines written meanwhile.
 */
@QuarkusTest
@WithTestResource(AppTestResources.class)
class TracingTest extends AppTestSupport {

    private static final AttributeKey<String> CAMEL_URI = AttributeKey.stringKey("camel.uri");
    private static final AttributeKey<String> FILE_NAME = AttributeKey.stringKey("file.name");
    private static final AttributeKey<String> OP = AttributeKey.stringKey("op");

    @Inject
    InMemorySpanExporter spans;

    @Inject
    CamelContext camel;

    private final Logger linksLogger = Logger.getLogger(UploadTraceLinks.class.getName());
    private final List<ExtLogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord line = (ExtLogRecord) record;
            // the MDC is the logging thread's: kept with the line before the test's thread reads it
            line.copyMdc();
            logged.add(line);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        linksLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        linksLogger.removeHandler(capture);
    }

    /**
     * Camel's tracer takes the propagators from the registry only when it finds exactly one there; otherwise it asks
     * {@code GlobalOpenTelemetry}, which, asked before Quarkus has set it, fails the start now and then.
     */
    @Test
    void camelsTracerFindsQuarkusPropagatorsInTheRegistry() {
        assertThat(CamelContextHelper.findSingleByType(camel, ContextPropagators.class))
                .isNotNull();
    }

    @Test
    void aFileItsUploadTheChangeAndItsSyncAreOneTraceLinkedToAnother() throws Exception {
        String iTwinId = newITwin();
        String file = "itwins/" + iTwinId + "/traced.png";
        write(AppTestResources.folder("inbox"), file, TestImages.png(200, 100));
        Await.until(
                "the change synced to the asset system",
                TIMEOUT,
                () -> AppTestResources.received().stream()
                        .anyMatch(r -> r.idempotencyKey().startsWith(iTwinId)));

        SpanData received = awaitSpan(
                "the folder route's span of " + file,
                span -> "EVENT_RECEIVED".equals(span.getAttributes().get(OP))
                        && file.equals(span.getAttributes().get(FILE_NAME)));
        SpanData upload = awaitSpan(
                "the upload's span",
                span -> span.getTraceId().equals(received.getTraceId())
                        && "itwin://uploadImage".equals(span.getAttributes().get(CAMEL_URI)));
        assertThat(upload.getParentSpanId()).isEqualTo(received.getSpanId());

        SpanData change = awaitSpan(
                "the change sync's span linked to the upload",
                span -> span.getLinks().stream()
                        .map(LinkData::getSpanContext)
                        .anyMatch(linked -> linked.getSpanId().equals(upload.getSpanId())));
        assertThat(change.getTraceId()).isNotEqualTo(upload.getTraceId());
        assertThat(change.getAttributes().get(CAMEL_URI)).startsWith("master:itwin-image-changes:itwin:imageChanges");
        awaitSpan(
                "the sync's POST in the change's trace",
                span -> span.getTraceId().equals(change.getTraceId())
                        && Optional.ofNullable(span.getAttributes().get(CAMEL_URI))
                                .orElse("")
                                .endsWith("/assets"));

        Predicate<ExtLogRecord> thisChange =
                record -> record.getFormattedMessage().contains(iTwinId);
        Await.until("the link logged", TIMEOUT, () -> logged.stream().anyMatch(thisChange));
        ExtLogRecord line = logged.stream().filter(thisChange).findFirst().orElseThrow();
        assertThat(line.getFormattedMessage()).contains(upload.getTraceId());
        assertThat(line.getMdc("traceId")).as("the log line's trace id").isEqualTo(change.getTraceId());
        assertThat(line.getMdc("spanId")).isNotBlank();
    }

    private SpanData awaitSpan(String what, Predicate<SpanData> matching) {
        Await.until(
                what,
                TIMEOUT,
                () -> spans.getFinishedSpanItems().stream().anyMatch(matching),
                () -> spans.getFinishedSpanItems().size() + " spans so far");
        return spans.getFinishedSpanItems().stream()
                .filter(matching)
                .findFirst()
                .orElseThrow();
    }
}
