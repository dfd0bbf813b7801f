package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_ID;
import static io.camelitwin.emulator.DemoData.IMODEL_INITIALIZED;
import static io.camelitwin.emulator.DemoData.ITWIN_WITH_IMAGE;
import static io.camelitwin.emulator.EmulatorClient.errorCode;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.testing.MutableClock;
import io.camelitwin.testing.TestImages;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitTest {

    private static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR =
            new ITwinEmulatorExtension(builder -> builder.clock(CLOCK).rateLimits(3, 100));

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
    private final String token = client.demoToken();

    @Test
    void overTheLimitAGetIsRateLimitExceededWithEveryHeader() {
        String path = "/itwins/" + ITWIN_WITH_IMAGE + "/image";
        for (int i = 0; i < 3; i++) {
            assertThat(client.get(path, token).statusCode()).isEqualTo(200);
        }

        HttpResponse<byte[]> limited = client.get(path, token);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(errorCode(limited)).isEqualTo("RateLimitExceeded");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(limited.headers().firstValue("ITwinPlatform-RateLimited-Tier"))
                .hasValue("Trial");
        assertThat(limited.headers().firstValue("ITwinPlatform-RateLimited-API"))
                .hasValue("itwins");
        assertThat(limited.headers().firstValue("ITwinPlatform-RateLimited-Operation"))
                .hasValue("get-itwin-image");
        assertThat(limited.headers().firstValue("ITwinPlatform-RateLimited-Application"))
                .hasValue(DEMO_CLIENT_ID);
    }

    @Test
    void overTheLimitAnUploadIsTooManyRequests() {
        for (int i = 0; i < 3; i++) {
            client.get("/imodels/" + IMODEL_INITIALIZED + "/thumbnail", token);
        }

        HttpResponse<byte[]> limited =
                client.put("/imodels/" + IMODEL_INITIALIZED + "/thumbnail", token, "image/png", TestImages.png(10, 10));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(errorCode(limited)).isEqualTo("TooManyRequests");
        assertThat(json(limited).get("error").get("message").asText())
                .isEqualTo("More requests were received than the subscription rate-limit allows.");
        assertThat(limited.headers().firstValue("ITwinPlatform-RateLimited-API"))
                .hasValue("imodels");
        assertThat(limited.headers().firstValue("ITwinPlatform-RateLimited-Operation"))
                .hasValue("upload-imodel-thumbnail");
    }

    @Test
    void onlyTheRequestSentBeforeRetryAfterCountsAsEarly(ITwinEmulator emulator) {
        String path = "/itwins/" + ITWIN_WITH_IMAGE + "/image";
        for (int i = 0; i < 3; i++) {
            client.get(path, token);
        }
        HttpResponse<byte[]> limited = client.get(path, token);
        long retryAfter =
                Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());

        CLOCK.advance(Duration.ofSeconds(retryAfter - 1));
        HttpResponse<byte[]> tooSoon = client.get(path, token);
        assertThat(emulator.earlyRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(retryAfter));
        HttpResponse<byte[]> patient = client.get(path, token);

        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(emulator.earlyRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
        assertThat(emulator.requests(DEMO_CLIENT_ID))
                .filteredOn(RecordedRequest::early)
                .hasSize(1);
    }

    @Test
    void injectedThrottleWithOneSecondRetryAfterIsTrackedToo(ITwinEmulator emulator) {
        emulator.faults(FaultSettings.NONE.withThrottle(1.0, 1));
        HttpResponse<byte[]> injected = client.get("/itwins", token);
        emulator.faults(FaultSettings.NONE);

        HttpResponse<byte[]> early = client.get("/itwins", token);
        CLOCK.advance(Duration.ofSeconds(1));
        HttpResponse<byte[]> onTime = client.get("/itwins", token);

        assertThat(injected.statusCode()).isEqualTo(429);
        assertThat(injected.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(injected.headers().firstValue("ITwinPlatform-RateLimited-Operation"))
                .hasValue("get-my-itwins");
        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(onTime.statusCode()).isEqualTo(200);
        assertThat(emulator.earlyRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
    }

    @Test
    void limitsChangeAtRunTimeAndDoNotApplyToTokensOrBlobs(ITwinEmulator emulator) {
        emulator.rateLimits(new RateLimitSettings("Basic", 1, 0));
        try {
            String url = json(client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", token))
                    .get("image")
                    .get("smallImageUrl")
                    .asText();
            HttpResponse<byte[]> limited = client.get("/itwins", token);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("ITwinPlatform-RateLimited-Tier"))
                    .hasValue("Basic");
            for (int i = 0; i < 5; i++) {
                assertThat(client.get(url, null).statusCode()).isEqualTo(200);
                assertThat(client.demoToken()).isNotBlank();
            }
        } finally {
            emulator.rateLimits(new RateLimitSettings("Trial", 3, 100));
        }
    }

    @Test
    void aSmallerBurstShapesTheMinuteLimitAsSoManyPerFewSeconds(ITwinEmulator emulator) {
        // 6 per 10 s: the same 36 a minute, but never more than 6 at once
        emulator.rateLimits(new RateLimitSettings("Custom", 36, 0, 6));
        try {
            for (int i = 0; i < 6; i++) {
                assertThat(client.get("/itwins", token).statusCode()).isEqualTo(200);
            }
            HttpResponse<byte[]> limited = client.get("/itwins", token);
            CLOCK.advance(Duration.ofMillis(1700));
            HttpResponse<byte[]> refilled = client.get("/itwins", token);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(refilled.statusCode()).isEqualTo(200);
        } finally {
            emulator.rateLimits(new RateLimitSettings("Trial", 3, 100));
        }
    }

    @Test
    void eachClientHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            client.get("/itwins", token);
        }

        assertThat(client.get("/itwins", token).statusCode()).isEqualTo(429);
        assertThat(client.get("/itwins", client.otherToken()).statusCode()).isEqualTo(200);
    }
}
