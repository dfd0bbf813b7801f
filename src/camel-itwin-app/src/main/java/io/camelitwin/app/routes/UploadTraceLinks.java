package io.camelitwin.app.routes;

import io.camelitwin.component.ITwinConstants;
import io.camelitwin.component.ITwinEndpoint;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.jboss.logging.Logger;

/**
 * Ties the change sync's trace of a change to the trace of the upload that caused it. The platform carries no trace
 * context from an upload to the change the poll finds later, so the uploads this replica made are remembered by what
 * the platform answered (iTwin id and the new small image name, which is also what the change reports), and the
 * change's span gets a link to the upload's span: a file, its upload, the change and its sync, followed in one view.
 * Remembered in memory, so linked when the replica that uploaded is the one that leads the change sync (always, with
 * one replica); the most recent {@value #CAPACITY} uploads.
 */
@Singleton
@Named("uploadTraceLinks")
public class UploadTraceLinks {

    static final AttributeKey<String> LINK_KIND = AttributeKey.stringKey("itwin.link");
    static final int CAPACITY = 10_000;

    private static final Logger LOG = Logger.getLogger(UploadTraceLinks.class);

    private final Map<String, SpanContext> uploads =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SpanContext> eldest) {
                    return size() > CAPACITY;
                }
            });

    void onSent(@Observes ExchangeSentEvent sent) {
        if (!(sent.getEndpoint() instanceof ITwinEndpoint) || sent.getExchange().isFailed()) {
            return;
        }
        String change = changeOf(sent.getExchange());
        SpanContext upload = Span.current().getSpanContext();
        if (change != null && upload.isValid()) {
            uploads.put(change, upload);
        }
    }

    /** The change sync's first step: links the current span (the change's) to the upload's, when this replica made it. */
    public void linkChange(Exchange exchange) {
        String change = changeOf(exchange);
        SpanContext upload = change == null ? null : uploads.remove(change);
        if (upload == null) {
            return;
        }
        Span.current().addLink(upload, Attributes.of(LINK_KIND, "caused-by-upload"));
        LOG.debugf("Change %s was caused by the upload in trace %s", change, upload.getTraceId());
    }

    /** iTwin id and small image name: set by an upload's answer and by a reported change alike. */
    private static String changeOf(Exchange exchange) {
        String iTwinId = exchange.getMessage().getHeader(ITwinConstants.ITWIN_ID, String.class);
        String smallImageName = exchange.getMessage().getHeader(ITwinConstants.SMALL_IMAGE_NAME, String.class);
        return iTwinId == null || smallImageName == null ? null : iTwinId + "/" + smallImageName;
    }
}
