package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_ID;
import static io.camelitwin.emulator.DemoData.ITWIN_WITH_IMAGE;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelitwin.testing.TestImages;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InspectionTest {

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
    private final String token = client.demoToken();

    @Test
    void requestsAreRecordedWithSelectedHeadersButNeverTheToken(ITwinEmulator emulator) {
        client.get(
                "/itwins?$top=5",
                token,
                "Accept",
                "application/vnd.bentley.itwin-platform.v1+json",
                "Prefer",
                "return=representation");

        RecordedRequest recorded = emulator.requests(DEMO_CLIENT_ID).get(0);
        assertThat(recorded.method()).isEqualTo("GET");
        assertThat(recorded.path()).isEqualTo("/itwins");
        assertThat(recorded.query()).isEqualTo("$top=5");
        assertThat(recorded.accept()).isEqualTo("application/vnd.bentley.itwin-platform.v1+json");
        assertThat(recorded.prefer()).isEqualTo("return=representation");
        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.at()).isNotNull();
        assertThat(recorded.toString()).doesNotContain(token);
        HttpResponse<byte[]> admin = client.get("/__emulator/requests?clientId=" + DEMO_CLIENT_ID, null);
        assertThat(new String(admin.body(), StandardCharsets.UTF_8))
                .doesNotContain(token)
                .contains("return=representation");
    }

    @Test
    void aStoredUploadIsReportedBeforeItIsAnsweredAndTokensAsTheyAreIssued(ITwinEmulator emulator) throws Exception {
        List<String> issued = new CopyOnWriteArrayList<>();
        emulator.onTokenIssued(issued::add);
        String freshToken = client.demoToken();
        assertThat(issued).containsExactly(freshToken);

        List<String> seenWhenStored = new CopyOnWriteArrayList<>();
        emulator.onITwinImageStored(iTwinId -> {
            // the platform has the image now, and the request is not yet answered (so not yet in the log)
            assertThat(emulator.iTwinImage(iTwinId)).isPresent();
            seenWhenStored.add(
                    iTwinId + " logged=" + emulator.requests(DEMO_CLIENT_ID).size());
        });
        HttpResponse<byte[]> answer =
                client.put("/itwins/" + ITWIN_WITH_IMAGE + "/image", freshToken, "image/png", TestImages.png(200, 100));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(seenWhenStored).containsExactly(ITWIN_WITH_IMAGE + " logged=0");
        emulator.reset();
        client.put("/itwins/" + ITWIN_WITH_IMAGE + "/image", freshToken, "image/png", TestImages.png(200, 100));
        assertThat(seenWhenStored).as("reset removes the listeners").hasSize(1);
    }

    @Test
    void blobSignaturesAreReportedAsTheyAreHandedOut(ITwinEmulator emulator) {
        List<String> signed = new CopyOnWriteArrayList<>();
        emulator.onBlobUrlSigned(signed::add);
        JsonNode image = json(client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", token))
                .get("image");

        assertThat(signed)
                .containsExactlyInAnyOrder(
                        signatureOf(image.get("smallImageUrl").asText()),
                        signatureOf(image.get("largeImageUrl").asText()));
        emulator.reset();
        client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", token);
        assertThat(signed).as("reset removes the listeners").hasSize(2);
    }

    private static String signatureOf(String url) {
        return URLDecoder.decode(url.substring(url.indexOf("sig=") + 4), StandardCharsets.UTF_8);
    }

    @Test
    void everyTokenRequestIsCountedWhateverClientItNamed(ITwinEmulator emulator) {
        client.demoToken();
        client.postForm("/connect/token", "grant_type=client_credentials&client_id=nobody&client_secret=x");
        client.postForm("/connect/token", "grant_type=client_credentials");

        assertThat(emulator.tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
        assertThat(emulator.tokenRequestCount()).isEqualTo(3);
        emulator.reset();
        assertThat(emulator.tokenRequestCount()).isZero();
    }

    @Test
    void unauthenticatedRequestsAreRecordedWithoutAClient(ITwinEmulator emulator) {
        client.get("/itwins", null);

        assertThat(emulator.requests()).singleElement().satisfies(request -> {
            assertThat(request.clientId()).isNull();
            assertThat(request.status()).isEqualTo(401);
        });
    }

    @Test
    void statsAndResetAreAvailableOverHttp(ITwinEmulator emulator) {
        client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", client.demoToken());
        JsonNode stats = json(client.get("/__emulator/clients/" + DEMO_CLIENT_ID + "/stats", null));

        assertThat(stats.get("tokenRequests").asLong()).isEqualTo(1);
        assertThat(stats.get("requests").asLong()).isEqualTo(1);
        assertThat(stats.get("earlyRequests").asLong()).isZero();

        HttpResponse<byte[]> reset =
                client.send(client.request("/__emulator/reset").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(emulator.requests()).isEmpty();
        assertThat(emulator.tokenRequestCount(DEMO_CLIENT_ID)).isZero();
    }

    @Test
    void rateLimitsAndTokensCanBeManagedOverHttp(ITwinEmulator emulator) {
        HttpResponse<byte[]> limits = client.send(client.request("/__emulator/rate-limits")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tier\":\"Premium\",\"perHour\":0}")));
        assertThat(limits.statusCode()).isEqualTo(200);
        assertThat(emulator.rateLimits()).isEqualTo(new RateLimitSettings("Premium", 500, 0));
        emulator.rateLimits(RateLimitSettings.TRIAL);

        HttpResponse<byte[]> expire =
                client.send(client.request("/__emulator/clients/" + DEMO_CLIENT_ID + "/expire-tokens")
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(expire.statusCode()).isEqualTo(204);
        assertThat(client.get("/itwins", token).statusCode()).isEqualTo(401);
    }

    @Test
    void neitherTokensNorSecretsNorSignaturesReachTheLog() throws Exception {
        String fresh = client.demoToken();
        String url = json(client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", fresh))
                .get("image")
                .get("smallImageUrl")
                .asText();
        client.get(url, null);
        client.get(url.replaceFirst("sig=[^&]+", "sig=forged"), null);
        client.postForm(
                "/connect/token",
                "grant_type=client_credentials&scope=itwin-platform&client_id=" + DEMO_CLIENT_ID
                        + "&client_secret=wrong-secret-value");
        String signature = url.substring(url.indexOf("sig=") + 4);

        String log = Files.readString(Path.of(System.getProperty("itwin.test.log", "target/test-logs/suite.log")));
        assertThat(log)
                .contains("Token refused")
                .doesNotContain(
                        fresh,
                        token,
                        DemoData.DEMO_CLIENT_SECRET,
                        "wrong-secret-value",
                        signature,
                        URLDecoder.decode(signature, StandardCharsets.UTF_8));
    }

    @Test
    void unknownPathsAndMethodsAreAnsweredWithTheEnvelope() {
        HttpResponse<byte[]> unknown = client.get("/nothing/here", token);
        HttpResponse<byte[]> wrongMethod = client.send(client.request("/itwins", "Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(EmulatorClient.errorCode(unknown)).isEqualTo("ResourceNotFound");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }
}
