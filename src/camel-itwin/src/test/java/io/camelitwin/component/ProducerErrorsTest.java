package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.RateLimitSettings;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.TestImages;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** Every documented platform error reaches the route as its typed exception, with the platform's code. */
class ProducerErrorsTest extends EmulatorCamelTestSupport {

    @Test
    void unknownAndForeignITwinsAreNotFound() {
        // as the GET page documents it: ImageNotFound, also for an iTwin that was not found
        assertApiError(send("itwin:getImage?iTwinId=" + UUID.randomUUID(), null), 404, "ImageNotFound");
        assertApiError(send("itwin:getImage?iTwinId=" + DemoData.ITWIN_OTHER, null), 404, "ImageNotFound");
        assertApiError(
                send("itwin:uploadImage?iTwinId=" + DemoData.ITWIN_OTHER, TestImages.png(40, 30)),
                404,
                "iTwinNotFound");
    }

    @Test
    void anITwinWithoutImageHasNoImage() {
        String iTwinId = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, 1).get(0);
        assertApiError(send("itwin:getImage?iTwinId=" + iTwinId, null), 404, "ImageNotFound");
    }

    @Test
    void thumbnailErrorsCarryTheirCodes() {
        byte[] png = TestImages.png(400, 250);
        assertApiError(send("itwin:getThumbnail?iModelId=" + DemoData.IMODEL_OTHER, null), 404, "iModelNotFound");
        assertApiError(
                send("itwin:uploadThumbnail?iModelId=" + DemoData.IMODEL_UNINITIALIZED, png),
                409,
                "iModelNotInitialized");
        assertApiError(
                send("itwin:uploadThumbnail?iModelId=" + DemoData.IMODEL_VIEW_ONLY, png),
                403,
                "InsufficientPermissions");
    }

    @Test
    void unknownRepositoryIsNotFound() {
        assertApiError(
                send(
                        "itwin:getGraphics?repositoryId=" + DemoData.OTHER_REPOSITORY_ID + "&resourceId="
                                + DemoData.RESOURCE_NO_AUTH,
                        null),
                404,
                "iTwinRepositoryNotFound");
    }

    @Test
    void aRateLimitSetsTheRedeliveryDelayFromRetryAfter() {
        emulator().rateLimits(new RateLimitSettings("Trial", 1, 0));
        context.getComponent("itwin", ITwinComponent.class).setRequestsPerMinute(100_000);
        String uri = "itwin:getImage?iTwinId=" + DemoData.ITWIN_WITH_IMAGE;
        send(uri, null);

        Exchange limited = send(uri, null);

        ITwinRateLimitException e = limited.getException(ITwinRateLimitException.class);
        assertThat(e).isNotNull();
        assertThat(e.getCode()).isEqualTo("RateLimitExceeded");
        assertThat(e.isRetryAfterFromServer()).isTrue();
        assertThat(e.getRateLimitedBy().application()).isEqualTo(DemoData.DEMO_CLIENT_ID);
        assertThat(limited.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class))
                .isEqualTo(e.getRetryAfter().toMillis())
                .isPositive();
        assertThat(limited.getProperty(ITwinConstants.RATE_LIMITED_FAILURES, Integer.class))
                .isEqualTo(1);
        assertThat(limited.getProperty(ITwinConstants.TRANSIENT_FAILURES)).isNull();
    }

    @Test
    void aLargeUploadAnsweredBeforeItsBodyWasReadGetsTheAnswerNotAReset() {
        // 3 MB, well past what the server and the kernel's socket buffers take before the answer
        byte[] large = TestImages.noisyPng(1000, 1000, 7);
        assertThat(large.length).isGreaterThan(2_500_000);
        emulator().faults(FaultSettings.NONE.withThrottle(1.0, 30));

        Exchange limited = send("itwin:uploadImage?iTwinId=" + DemoData.ITWIN_PLAIN, large);

        assertThat(limited.getException()).isInstanceOf(ITwinRateLimitException.class);
        emulator().faults(FaultSettings.NONE);
        assertApiError(send("itwin:uploadImage?iTwinId=" + UUID.randomUUID(), large), 404, "iTwinNotFound");
    }

    @Test
    void theRedeliveryDelayIsCappedByMaxRetryAfter() {
        emulator().faults(FaultSettings.NONE.withThrottle(1.0, 30));

        Exchange limited = send("itwin:getImage?maxRetryAfter=500&iTwinId=" + DemoData.ITWIN_WITH_IMAGE, null);

        assertThat(limited.getException(ITwinRateLimitException.class)
                        .getRetryAfter()
                        .getSeconds())
                .isEqualTo(30);
        assertThat(limited.getMessage().getHeader(Exchange.REDELIVERY_DELAY, Long.class))
                .isEqualTo(500L);
    }

    @Test
    void unavailabilityAndDroppedConnectionsAreTransient() {
        emulator().faults(FaultSettings.NONE.withUnavailable(1.0));
        ITwinTransientException unavailable = send("itwin:getThumbnail?iModelId=" + DemoData.IMODEL_INITIALIZED, null)
                .getException(ITwinTransientException.class);
        assertThat(unavailable.getStatusCode()).isEqualTo(503);

        emulator().faults(FaultSettings.NONE.withDrop(1.0));
        ITwinTransientException dropped = send("itwin:getThumbnail?iModelId=" + DemoData.IMODEL_INITIALIZED, null)
                .getException(ITwinTransientException.class);
        assertThat(dropped.getStatusCode()).isZero();
    }

    @Test
    void aTransientFailureDoesNotKeepAnEarlierRetryAfter() {
        emulator().faults(FaultSettings.NONE.withUnavailable(1.0));

        Exchange failed = template.request(
                "itwin:getThumbnail?iModelId=" + DemoData.IMODEL_INITIALIZED,
                e -> e.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 60_000L));

        assertThat(failed.getException()).isInstanceOf(ITwinTransientException.class);
        assertThat(failed.getMessage().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
        assertThat(failed.getProperty(ITwinConstants.TRANSIENT_FAILURES, Integer.class))
                .isEqualTo(1);
    }

    private Exchange send(String uri, Object body) {
        return template.send(uri, e -> e.getMessage().setBody(body));
    }

    private static void assertApiError(Exchange exchange, int status, String code) {
        ITwinApiException e = exchange.getException(ITwinApiException.class);
        assertThat(e).as("the exchange failed with an ITwinApiException").isNotNull();
        assertThat(e.getStatusCode()).isEqualTo(status);
        assertThat(e.getCode()).isEqualTo(code);
        assertThat(e.getMessage()).isNotBlank();
    }
}
