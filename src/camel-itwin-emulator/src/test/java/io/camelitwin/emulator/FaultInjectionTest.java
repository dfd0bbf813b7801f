package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_ID;
import static io.camelitwin.emulator.EmulatorClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultInjectionTest {

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension(builder -> builder.rateLimits(0, 0));

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
    private final String token = client.demoToken();

    @Test
    void unavailableHasNoEnvelopeAndInternalErrorHasOne(ITwinEmulator emulator) {
        emulator.faults(FaultSettings.NONE.withUnavailable(1.0));
        HttpResponse<byte[]> unavailable = client.get("/itwins", token);
        emulator.faults(FaultSettings.NONE.withInternalError(1.0));
        HttpResponse<byte[]> internal = client.get("/itwins", token);

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(new String(unavailable.body(), StandardCharsets.UTF_8)).doesNotContain("{");
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(errorCode(internal)).isEqualTo("InternalServerError");
    }

    @Test
    void droppedConnectionGivesTheClientAnIOException(ITwinEmulator emulator) {
        emulator.faults(FaultSettings.NONE.withDrop(1.0));

        assertThatThrownBy(() -> client.get("/itwins", token))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        // the JDK client retries an idempotent GET once on a closed connection: every attempt was dropped
        assertThat(emulator.requests(DEMO_CLIENT_ID))
                .isNotEmpty()
                .extracting(RecordedRequest::status)
                .containsOnly(-1);
    }

    @Test
    void faultsNeverTouchTheTokenEndpointOrBlobs(ITwinEmulator emulator) {
        String url = EmulatorClient.json(client.get("/itwins/" + DemoData.ITWIN_WITH_IMAGE + "/image", token))
                .get("image")
                .get("largeImageUrl")
                .asText();
        emulator.faults(FaultSettings.NONE.withDrop(0.5).withUnavailable(0.5));

        for (int i = 0; i < 5; i++) {
            assertThat(client.demoToken()).isNotBlank();
            assertThat(client.get(url, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anHtmlPageAnswersInsteadOfTheCallOrTheToken(ITwinEmulator emulator) {
        String iTwinId = emulator.seedITwins(DEMO_CLIENT_ID, 1).get(0);
        emulator.faults(FaultSettings.NONE.withHtml(1.0).withTokenHtml(1.0));

        HttpResponse<byte[]> upload =
                client.put("/itwins/" + iTwinId + "/image", token, "image/png", TestImages.png(400, 250));
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(new String(upload.body(), StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
        assertThat(emulator.iTwinImage(iTwinId)).as("the call was not handled").isEmpty();
        HttpResponse<byte[]> tokenAnswer = client.postForm(
                "/connect/token",
                "grant_type=client_credentials&scope=itwin-platform&client_id=" + DEMO_CLIENT_ID + "&client_secret="
                        + DemoData.DEMO_CLIENT_SECRET);
        assertThat(tokenAnswer.statusCode()).isEqualTo(200);
        assertThat(new String(tokenAnswer.body(), StandardCharsets.UTF_8))
                .startsWith("<!DOCTYPE html>")
                .doesNotContain("access_token");

        emulator.faults(FaultSettings.NONE);
        assertThat(client.demoToken()).isNotBlank();
    }

    @Test
    void latencyIsAddedToApiCalls(ITwinEmulator emulator) {
        emulator.faults(FaultSettings.NONE.withLatencyMillis(150));
        long started = System.nanoTime();

        assertThat(client.get("/itwins", token).statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void theSameSeedGivesTheSameFaults() throws Exception {
        FaultSettings mixed =
                FaultSettings.NONE.withThrottle(0.25, 1).withUnavailable(0.25).withInternalError(0.25);
        List<Integer> first = statuses(mixed);
        List<Integer> second = statuses(mixed);

        assertThat(first).isEqualTo(second).contains(200, 429, 500, 503);
    }

    @Test
    void afterAResetTheSameRequestsMeetTheSameFaults(ITwinEmulator emulator) {
        FaultSettings mixed = FaultSettings.NONE.withThrottle(0.3, 1).withUnavailable(0.3);
        emulator.faults(mixed);
        List<Integer> first = statuses(40);

        emulator.reset();
        emulator.faults(mixed);
        List<Integer> second = statuses(40);

        assertThat(second).isEqualTo(first).contains(200, 429, 503);
    }

    @Test
    void aBrokenPathAnswers500EveryTimeUntilAReset(ITwinEmulator emulator) {
        String broken = "/itwins/" + DemoData.ITWIN_WITH_IMAGE + "/image";
        emulator.breakPath(broken);

        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> answer = client.get(broken, token);
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(errorCode(answer)).isEqualTo("InternalServerError");
        }
        assertThat(client.get("/itwins", token).statusCode()).as("other paths").isEqualTo(200);
        emulator.reset();
        assertThat(client.get(broken, token).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsCanBeSetOverHttp(ITwinEmulator emulator) {
        HttpResponse<byte[]> put = client.send(client.request("/__emulator/faults", "Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"unavailableProbability\":1.0}")));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(emulator.faults()).isEqualTo(FaultSettings.NONE.withUnavailable(1.0));
        assertThat(client.get("/itwins", token).statusCode()).isEqualTo(503);
        HttpResponse<byte[]> invalid = client.send(client.request("/__emulator/faults")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"dropProbability\":2}")));
        assertThat(invalid.statusCode()).isEqualTo(400);
    }

    private List<Integer> statuses(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(client.get("/itwins", token).statusCode());
        }
        return statuses;
    }

    private static List<Integer> statuses(FaultSettings settings) throws Exception {
        try (ITwinEmulator emulator = ITwinEmulator.builder()
                .seed(99)
                .faults(settings)
                .rateLimits(0, 0)
                .start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            String token = client.demoToken();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(client.get("/itwins", token).statusCode());
            }
            return statuses;
        }
    }
}
