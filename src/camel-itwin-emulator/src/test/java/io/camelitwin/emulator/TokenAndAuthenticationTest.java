package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_ID;
import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_SECRET;
import static io.camelitwin.emulator.DemoData.ITWIN_WITH_IMAGE;
import static io.camelitwin.emulator.EmulatorClient.errorCode;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelitwin.testing.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenAndAuthenticationTest {

    private static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension(builder -> builder.clock(CLOCK));

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());

    @Test
    void discoveryPointsAtTheEmulatorsTokenEndpoint(ITwinEmulator emulator) {
        JsonNode document = json(client.get(emulator.discoveryUrl(), null));

        assertThat(document.get("token_endpoint").asText()).isEqualTo(emulator.tokenUrl());
        assertThat(document.get("issuer").asText()).isEqualTo(emulator.baseUrl());
        assertThat(document.get("grant_types_supported").toString()).contains("client_credentials");
    }

    @Test
    void discoveryHasEveryFieldOpenIdConnectDiscoveryRequiresAndItsEndpointsAnswer(ITwinEmulator emulator) {
        JsonNode document = json(client.get(emulator.discoveryUrl(), null));

        assertThat(document.path("issuer").asText()).isEqualTo(emulator.baseUrl());
        for (String field : List.of("authorization_endpoint", "token_endpoint", "jwks_uri")) {
            assertThat(document.path(field).asText()).as(field).startsWith(emulator.baseUrl() + "/");
        }
        for (String field : List.of(
                "response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported")) {
            assertThat(document.path(field).isArray() && !document.path(field).isEmpty())
                    .as(field + " is a non-empty array")
                    .isTrue();
        }
        assertThat(document.get("id_token_signing_alg_values_supported").toString())
                .contains("RS256");

        HttpResponse<byte[]> keys = client.get(document.get("jwks_uri").asText(), null);
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(json(keys).get("keys").isArray()).isTrue();
        HttpResponse<byte[]> authorize =
                client.get(document.get("authorization_endpoint").asText(), null);
        assertThat(authorize.statusCode()).isEqualTo(400);
        assertThat(json(authorize).get("error").asText()).isEqualTo("unsupported_response_type");
    }

    @Test
    void clientSecretBasicAndClientSecretPostBothGetBearerTokens(ITwinEmulator emulator) {
        String basic = client.token(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
        HttpResponse<byte[]> post = client.postForm(
                "/connect/token",
                "grant_type=client_credentials&scope=itwin-platform" + "&client_id=" + DEMO_CLIENT_ID
                        + "&client_secret=" + DEMO_CLIENT_SECRET);

        JsonNode body = json(post);
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("scope").asText()).isEqualTo("itwin-platform");
        assertThat(body.get("access_token").asText()).isNotBlank().isNotEqualTo(basic);
        assertThat(emulator.tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(2);
    }

    @Test
    void wrongSecretIsInvalidClient(ITwinEmulator emulator) {
        String basic = Base64.getEncoder().encodeToString((DEMO_CLIENT_ID + ":nope").getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> viaBasic = client.postForm(
                "/connect/token",
                "grant_type=client_credentials&scope=itwin-platform",
                "Authorization",
                "Basic " + basic);
        HttpResponse<byte[]> viaPost = client.postForm(
                "/connect/token",
                "grant_type=client_credentials&scope=itwin-platform&client_id=unknown&client_secret=x");

        assertThat(viaBasic.statusCode()).isEqualTo(401);
        assertThat(json(viaBasic).get("error").asText()).isEqualTo("invalid_client");
        assertThat(viaPost.statusCode()).isEqualTo(400);
        assertThat(json(viaPost).get("error").asText()).isEqualTo("invalid_client");
        assertThat(emulator.tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
        assertThat(emulator.tokenRequestCount("unknown")).isZero();
    }

    @Test
    void wrongGrantAndWrongScopeAreRefused() {
        String credentials = "&client_id=" + DEMO_CLIENT_ID + "&client_secret=" + DEMO_CLIENT_SECRET;
        HttpResponse<byte[]> grant =
                client.postForm("/connect/token", "grant_type=password&scope=itwin-platform" + credentials);
        HttpResponse<byte[]> scope =
                client.postForm("/connect/token", "grant_type=client_credentials&scope=openid" + credentials);

        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(json(grant).get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(json(scope).get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void missingAuthorizationHeaderIsHeaderNotFound() {
        HttpResponse<byte[]> response = client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").get("message").asText())
                .isEqualTo("Header Authorization was not found in the request. Access denied.");
        assertThat(errorCode(response)).isEqualTo("HeaderNotFound");
    }

    @Test
    void unknownTokenIsRefused() {
        HttpResponse<byte[]> response = client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", "made-up");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("InvalidAuthorizationToken");
    }

    @Test
    void tokenStopsWorkingAtItsExpiry() {
        String token = client.demoToken();
        assertThat(client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", token).statusCode())
                .isEqualTo(200);

        CLOCK.advance(Duration.ofSeconds(3600));

        HttpResponse<byte[]> response = client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("InvalidAuthorizationToken");
    }

    @Test
    void expireTokensRevokesEveryTokenOfTheClient(ITwinEmulator emulator) {
        String first = client.demoToken();
        String second = client.demoToken();
        String other = client.otherToken();

        emulator.expireTokens(DEMO_CLIENT_ID);

        assertThat(client.get("/itwins", first).statusCode()).isEqualTo(401);
        assertThat(client.get("/itwins", second).statusCode()).isEqualTo(401);
        assertThat(client.get("/itwins", other).statusCode()).isEqualTo(200);
        assertThat(client.get("/itwins", client.demoToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenLifetimeIsConfigurable(ITwinEmulator emulator) {
        emulator.tokenLifetime(Duration.ofSeconds(5));
        try {
            HttpResponse<byte[]> response = client.postForm(
                    "/connect/token",
                    "grant_type=client_credentials&scope=itwin-platform&client_id=" + DEMO_CLIENT_ID + "&client_secret="
                            + DEMO_CLIENT_SECRET);
            String token = json(response).get("access_token").asText();
            assertThat(json(response).get("expires_in").asLong()).isEqualTo(5);

            CLOCK.advance(Duration.ofSeconds(5));

            assertThat(client.get("/itwins", token).statusCode()).isEqualTo(401);
        } finally {
            emulator.tokenLifetime(Duration.ofHours(1));
        }
    }
}
