package io.camelitwin.component;

import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.SecretsLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** Client credentials, static tokens and custom token providers, as a route sees them. */
class AuthenticationTest extends EmulatorCamelTestSupport {

    private static final String GET_IMAGE = "itwin:getImage?iTwinId=" + DemoData.ITWIN_WITH_IMAGE;

    @Test
    void aTokenIsRenewedBeforeItExpires() throws Exception {
        emulator().tokenLifetime(Duration.ofSeconds(2));
        try {
            template.sendBody(GET_IMAGE, null);
            // the client renews within the last half of a short token's life
            Thread.sleep(1_200);
            template.sendBody(GET_IMAGE, null);
        } finally {
            emulator().tokenLifetime(Duration.ofHours(1));
        }

        assertThat(emulator().tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(2);
        assertThat(emulator().requests(DEMO_CLIENT_ID))
                .extracting(r -> r.status())
                .containsExactly(200, 200);
    }

    @Test
    void aRejectedTokenIsRenewedOnceAndTheCallRetriedOnce() {
        template.sendBody(GET_IMAGE, null);
        emulator().expireTokens(DEMO_CLIENT_ID);

        Exchange result = template.send(GET_IMAGE, e -> {});

        assertThat(result.getException()).isNull();
        assertThat(emulator().tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(2);
        // a rejected token names no client: read the whole log
        assertThat(emulator().requests()).extracting(r -> r.status()).containsExactly(200, 401, 200);
    }

    @Test
    void wrongCredentialsAreAnAuthenticationFailureWithoutTheSecret() {
        String wrongSecret = "definitely-not-the-secret";
        SecretsLedger.record(wrongSecret);

        Exchange result = template.send(GET_IMAGE + "&clientSecret=" + wrongSecret, e -> {});

        ITwinAuthenticationException e = result.getException(ITwinAuthenticationException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("invalid_client").doesNotContain(wrongSecret);
        assertThat(emulator().requests()).isEmpty();
    }

    @Test
    void aStaticTokenThePlatformRejectsIsAnAuthenticationFailureWithItsCode() {
        String bogus = "bogus-static-token-0123456789";
        SecretsLedger.record(bogus);

        Exchange result = template.send(GET_IMAGE + "&accessToken=" + bogus, e -> {});

        ITwinAuthenticationException e = result.getException(ITwinAuthenticationException.class);
        assertThat(e).isNotNull();
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getCode()).isEqualTo("InvalidAuthorizationToken");
        assertThat(e.getMessage()).doesNotContain(bogus);
    }

    @Test
    void aStaticTokenIsUsedAsItIs() throws Exception {
        String token = fetchToken();

        Exchange result = template.send(GET_IMAGE + "&accessToken=" + token, e -> {});

        assertThat(result.getException()).isNull();
        assertThat(emulator().tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
    }

    @Test
    void aTokenProviderBeanTakesPrecedence() {
        TokenProvider recording = recordingProvider();
        context.getRegistry().bind("recordingTokens", recording);

        Exchange result =
                template.send(GET_IMAGE + "&tokenProvider=#recordingTokens&clientSecret=unused-secret-value", e -> {});

        assertThat(result.getException()).isNull();
        assertThat(emulator().requests(DEMO_CLIENT_ID)).hasSize(1);
    }

    @Test
    void secretsAreMaskedInTheEndpointUriAsCamelShowsIt() {
        String secret = "uri-secret-123456";
        String token = "uri-token-abcdef";
        SecretsLedger.record(secret);
        SecretsLedger.record(token);

        Endpoint endpoint = context.getEndpoint(GET_IMAGE + "&clientSecret=" + secret + "&accessToken=" + token);

        // toString() is what Camel logs; getEndpointUri() is its internal key and stays raw
        assertThat(endpoint.toString())
                .contains("getImage")
                .doesNotContain(secret)
                .doesNotContain(token);
    }

    /** The component's own client-credentials provider, recording every token it hands out for the log check. */
    private TokenProvider recordingProvider() {
        TokenProvider provider = ClientCredentialsTokenProvider.builder()
                .tokenUrl(emulator().tokenUrl())
                .clientId(DEMO_CLIENT_ID)
                .clientSecret(DemoData.DEMO_CLIENT_SECRET)
                .build();
        return new TokenProvider() {
            @Override
            public String getAccessToken() {
                String token = provider.getAccessToken();
                SecretsLedger.record(token);
                return token;
            }

            @Override
            public void invalidate(String rejectedToken) {
                provider.invalidate(rejectedToken);
            }
        };
    }

    private String fetchToken() throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((DEMO_CLIENT_ID + ":" + DemoData.DEMO_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator().tokenUrl()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=itwin-platform"))
                .build();
        String body = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .body();
        String token = new ObjectMapper().readTree(body).get("access_token").asText();
        SecretsLedger.record(token);
        return token;
    }
}
