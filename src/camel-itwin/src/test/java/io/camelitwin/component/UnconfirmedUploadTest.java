package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.RouteFiles;
import io.camelitwin.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * An upload the platform stored but whose answer never arrived (the client gave up waiting) is redelivered by the
 * shipped {@code itwin-resilience} configuration as a transient fault. The redelivery must find the image on the
 * platform and not send it again: a second upload of the same bytes renames the image, which every synced asset
 * system would then see as a change.
 */
class UnconfirmedUploadTest extends EmulatorCamelTestSupport {

    private static final long REQUEST_TIMEOUT_MILLIS = 400;

    private final AtomicInteger stored = new AtomicInteger();
    private volatile String iTwinId;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        RouteFiles.loadResilience(
                context, Map.of("itwin.retry.transient.initial-delay", "10", "itwin.retry.transient.max-delay", "50"));
        return context;
    }

    @Override
    protected void configureClients(ITwinComponent component) {
        component.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload")
                        .routeConfigurationId("itwin-resilience")
                        .to("itwin:uploadImage")
                        .to("mock:uploaded");
            }
        };
    }

    @Test
    void aStoredUploadWhoseAnswerWasLostIsNotSentAgain() throws Exception {
        byte[] png = TestImages.distinctPng(1);
        loseTheAnswerToTheFirstStoredUpload(() -> {});
        MockEndpoint uploaded = expectOneUpload();

        template.sendBodyAndHeader("direct:upload", png, ITwinConstants.ITWIN_ID, iTwinId);

        uploaded.assertIsSatisfied();
        assertThat(stored).as("uploads the platform stored").hasValue(1);
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(png);
        Exchange result = uploaded.getExchanges().get(0);
        assertThat(result.getMessage().getBody(ITwinImage.class).largeImageName())
                .as("the result is the image the platform stored")
                .isEqualTo(template.requestBodyAndHeader(
                                "itwin:getImage", null, ITwinConstants.ITWIN_ID, iTwinId, ITwinImage.class)
                        .largeImageName());
        assertThat(result.getProperty(ITwinConstants.UNCONFIRMED_UPLOAD)).isNull();
    }

    @Test
    void anUnconfirmedUploadIsSentAgainInFullWhenThePlatformHasAnotherImage() throws Exception {
        byte[] png = TestImages.distinctPng(2);
        byte[] other = TestImages.distinctPng(3);
        // while the first attempt waits for its answer, someone else replaces the image
        loseTheAnswerToTheFirstStoredUpload(
                () -> template.sendBodyAndHeader("itwin:uploadImage", other, ITwinConstants.ITWIN_ID, iTwinId));
        MockEndpoint uploaded = expectOneUpload();

        // a cached stream, as the S3 route hands over: the comparison reads it, the upload must read it again in full
        template.send("direct:upload", exchange -> {
            exchange.getMessage().setHeader(ITwinConstants.ITWIN_ID, iTwinId);
            exchange.getMessage().setBody(new ByteArrayInputStream(png));
            exchange.getMessage().setBody(exchange.getMessage().getBody(StreamCache.class));
        });

        uploaded.assertIsSatisfied();
        assertThat(stored).as("uploads the platform stored").hasValue(3);
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(png);
    }

    /** The platform stores the first upload, then answers it too late for the client, which gives up waiting. */
    private void loseTheAnswerToTheFirstStoredUpload(Runnable meanwhile) {
        iTwinId = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, 1).get(0);
        emulator().onITwinImageStored(id -> {
            if (stored.incrementAndGet() == 1) {
                meanwhile.run();
                sleep(REQUEST_TIMEOUT_MILLIS * 3);
            }
        });
    }

    private MockEndpoint expectOneUpload() {
        MockEndpoint uploaded = getMockEndpoint("mock:uploaded");
        uploaded.expectedMessageCount(1);
        getMockEndpoint("mock:dead-letter").expectedMessageCount(0);
        return uploaded;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
