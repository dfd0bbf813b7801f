package io.camelitwin.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_ID;
import static io.camelitwin.emulator.DemoData.ITWIN_WITH_IMAGE;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

class InspectionTest {

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
    private final String token = client.demoToken();

    @Test
    void requestsAreRecordedWithSelectedHeadersButNeverTheToken(ITwinEmulator emulator) {
        client.get("/itwins?$top=5", token, "Accept", "application/vnd.bentley.itwin-platform.v1+json",
                "Prefer", "return=representation");

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
        assertThat(new String(admin.body(), StandardCharsets.UTF_8)).doesNotContain(token).contains("return=representation");
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

        HttpResponse<byte[]> reset = client.send(client.request("/__emulator/reset").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(emulator.requests()).isEmpty();
        assertThat(emulator.tokenRequestCount(DEMO_CLIENT_ID)).isZero();
    }

    @Test
    void rateLimitsAndTokensCanBeManagedOverHttp(ITwinEmulator emulator) {
        HttpResponse<byte[]> limits = client.send(client.request("/__emulator/rate-limits")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"tier\":\"Premium\",\"perMinute\":5000,\"perHour\":0}")));
        assertThat(limits.statusCode()).isEqualTo(200);
        assertThat(emulator.rateLimits()).isEqualTo(new RateLimitSettings("Premium", 5000, 0));
        emulator.rateLimits(RateLimitSettings.TRIAL);

        HttpResponse<byte[]> expire = client.send(client.request("/__emulator/clients/" + DEMO_CLIENT_ID + "/expire-tokens")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(expire.statusCode()).isEqualTo(204);
        assertThat(client.get("/itwins", token).statusCode()).isEqualTo(401);
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
