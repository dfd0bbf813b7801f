package io.camelitwin.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.camelitwin.client.ScriptedServer;
import io.camelitwin.client.ScriptedServer.Response;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider.ClientAuthentication;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.testing.MutableClock;
import io.camelitwin.testing.SecretsLedger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ClientCredentialsTokenProviderTest {

    private static final String SECRET = "s3cr3t+/=value";

    static {
        SecretsLedger.record(SECRET);
    }

    private ScriptedServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ClientCredentialsTokenProvider.Builder provider() {
        return ClientCredentialsTokenProvider.builder()
                .tokenUrl(server.baseUrl() + "/connect/token")
                .clientId("service-app")
                .clientSecret(SECRET)
                .clock(clock);
    }

    private static Response token(String value) {
        return Response.json(200, "{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    @Test
    void clientSecretBasicSendsCredentialsInTheAuthorizationHeader() {
        server.enqueue(token("t1"));

        assertThat(provider().build().getAccessToken()).isEqualTo("t1");

        ScriptedServer.Recorded request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().getPath()).isEqualTo("/connect/token");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.bodyText()).isEqualTo("grant_type=client_credentials&scope=itwin-platform");
        String basic = request.header("Authorization");
        assertThat(basic).startsWith("Basic ");
        String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":");
        assertThat(URLDecoder.decode(pair[0], StandardCharsets.UTF_8)).isEqualTo("service-app");
        assertThat(URLDecoder.decode(pair[1], StandardCharsets.UTF_8)).isEqualTo(SECRET);
    }

    @Test
    void clientSecretPostSendsCredentialsAsFormFields() {
        server.enqueue(token("t1"));

        provider()
                .clientAuthentication(ClientAuthentication.CLIENT_SECRET_POST)
                .scope("itwin-platform offline")
                .build()
                .getAccessToken();

        ScriptedServer.Recorded request = server.onlyRequest();
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.bodyText())
                .isEqualTo("grant_type=client_credentials&scope=itwin-platform+offline"
                        + "&client_id=service-app&client_secret=s3cr3t%2B%2F%3Dvalue");
    }

    @Test
    void cachesTheTokenUntilTheRenewalMarginBeforeExpiry() {
        server.enqueue(token("t1"), token("t2"));
        ClientCredentialsTokenProvider provider = provider().build();

        assertThat(provider.getAccessToken()).isEqualTo("t1");
        clock.advance(Duration.ofSeconds(3539));
        assertThat(provider.getAccessToken()).isEqualTo("t1");
        assertThat(server.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.getAccessToken()).isEqualTo("t2");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void sixteenConcurrentCallersCauseExactlyOneTokenRequest() throws Exception {
        server.enqueue(token("shared").delayed(Duration.ofMillis(300)));
        ClientCredentialsTokenProvider provider = provider().build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return provider.getAccessToken();
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("shared");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void invalidateDropsOnlyTheTokenItNames() {
        server.enqueue(token("t1"), token("t2"));
        ClientCredentialsTokenProvider provider = provider().build();
        provider.getAccessToken();

        provider.invalidate("some-older-token");
        assertThat(provider.getAccessToken()).isEqualTo("t1");

        provider.invalidate("t1");
        assertThat(provider.getAccessToken()).isEqualTo("t2");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aRefusedClientIsAnAuthenticationFailureThatNeverShowsTheSecret() {
        // an identity service that echoes what it received must not make us leak it
        server.enqueue(Response.json(
                400,
                "{\"error\":\"invalid_client\",\"error_description\":\"unknown client or secret " + SECRET + "\"}"));

        assertThatThrownBy(() -> provider().build().getAccessToken())
                .isInstanceOfSatisfying(ITwinAuthenticationException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("invalid_client");
                })
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("unknown client or secret")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aRefusalStandsForABackOffThatDoublesSoWrongCredentialsCauseNoStormOfRequests() {
        Response refusal = Response.json(401, "{\"error\":\"invalid_client\"}");
        server.enqueue(refusal, refusal, refusal, token("t1"));
        ClientCredentialsTokenProvider provider = provider().build();

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(provider::getAccessToken)
                    .isInstanceOfSatisfying(ITwinAuthenticationException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(401);
                        assertThat(e.getCode()).isEqualTo("invalid_client");
                    });
        }
        assertThat(server.requests())
                .as("fifty callers within the first second")
                .hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinAuthenticationException.class);
        assertThat(server.requests()).as("asked again after 1 s").hasSize(2);

        clock.advance(Duration.ofMillis(1999));
        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOf(ITwinAuthenticationException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("not asking again before 2026-03-04T10:00:03Z");
        assertThat(server.requests()).as("the second refusal stands for 2 s").hasSize(2);
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinAuthenticationException.class);
        assertThat(server.requests()).hasSize(3);

        // the credentials were fixed on the identity service's side: accepted at the next permitted attempt
        clock.advance(Duration.ofSeconds(4));
        assertThat(provider.getAccessToken()).isEqualTo("t1");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void theBackOffNeverExceedsItsMaximumAndStartsOverAfterASuccess() {
        Response refusal = Response.json(400, "{\"error\":\"invalid_client\"}");
        for (int i = 0; i < 6; i++) {
            server.enqueue(refusal);
        }
        server.enqueue(token("t1"), refusal, refusal);
        ClientCredentialsTokenProvider provider = provider()
                .refusalBackoff(Duration.ofSeconds(10), Duration.ofSeconds(30))
                .build();

        // refusals at 0, 10 (then 20 s), 30 (then 30 s, the maximum), 60, 90, 120
        for (int second = 0; second <= 120; second++) {
            assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinAuthenticationException.class);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(server.requests()).hasSize(6);

        clock.advance(Duration.ofSeconds(29));
        assertThat(provider.getAccessToken()).isEqualTo("t1");
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinAuthenticationException.class);
        assertThat(server.requests()).hasSize(8);
        clock.advance(Duration.ofSeconds(10));
        assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinAuthenticationException.class);
        assertThat(server.requests())
                .as("a new row of refusals starts from the initial back-off")
                .hasSize(9);
    }

    @Test
    void aTransientFailureHoldsCallersForAShortBackOffThatDoubles() {
        server.enqueue(Response.text(503, "down"), Response.text(503, "down"), token("t1"));
        ClientCredentialsTokenProvider provider = provider().build();

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinTransientException.class);
        }
        assertThat(server.requests())
                .as("twenty callers within the first second")
                .hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageNotContaining("not asking again");
        clock.advance(Duration.ofMillis(1999));
        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("not asking again before 2026-03-04T10:00:03Z");
        assertThat(server.requests()).as("the second fault stands for 2 s").hasSize(2);
        clock.advance(Duration.ofMillis(1));
        assertThat(provider.getAccessToken()).isEqualTo("t1");
    }

    @Test
    void anHtmlPageInsteadOfATokenIsATransientFaultNotARefusal() {
        Response maintenance =
                Response.bytes(200, "text/html", "<!DOCTYPE html><html><body>Maintenance</body></html>".getBytes());
        server.enqueue(
                maintenance,
                Response.json(200, "{\"token_type\":\"Bearer\"}"),
                Response.empty(302).header("Location", "https://login.example/"),
                token("t1"));
        ClientCredentialsTokenProvider provider = provider()
                .faultBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .build();

        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(200))
                .hasMessageContaining("HTTP 200 with an unreadable body (JsonParseException)")
                .hasMessageNotContaining(SECRET);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("no access_token");
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(302));
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.getAccessToken()).isEqualTo("t1");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void aFailingTokenEndpointIsTransient() {
        server.enqueue(Response.text(503, "down"));

        assertThatThrownBy(() -> provider().build().getAccessToken())
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(503));
    }

    @Test
    void aRateLimitedTokenRequestIsA429WithItsRetryAfterNotARefusal() {
        server.enqueue(Response.text(429, "slow down").header("Retry-After", "12"), token("t1"));
        ClientCredentialsTokenProvider provider = provider().build();

        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOfSatisfying(
                        ITwinRateLimitException.class,
                        e -> assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(12)));
        // every caller waits as asked, without a request; then the next one gets its token
        assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinRateLimitException.class);
        assertThat(server.requests()).hasSize(1);
        clock.advance(Duration.ofSeconds(12));
        assertThat(provider.getAccessToken()).isEqualTo("t1");
    }

    @Test
    void aDayLongRetryAfterOfTheTokenEndpointHoldsTokenRequestsForTheLongestPauseOnly() {
        server.enqueue(Response.text(429, "slow down").header("Retry-After", "86400"), token("t1"));
        ClientCredentialsTokenProvider provider =
                provider().maxPause(Duration.ofMinutes(2)).build();

        assertThatThrownBy(provider::getAccessToken)
                .isInstanceOfSatisfying(
                        ITwinRateLimitException.class,
                        e -> assertThat(e.getRetryAfter()).isEqualTo(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(provider.getAccessToken()).isEqualTo("t1");
    }

    @Test
    void aFaultOrA429WhileRenewingServesTheCachedTokenUntilItExpires() {
        server.enqueue(
                token("t1"),
                Response.text(503, "down"),
                Response.text(429, "slow down").header("Retry-After", "5"),
                Response.text(503, "down"));
        ClientCredentialsTokenProvider provider = provider()
                .faultBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                .build();
        assertThat(provider.getAccessToken()).isEqualTo("t1");

        // due for renewal 60 s before its expiry at 10:60:00, still accepted by the platform until then
        clock.advance(Duration.ofSeconds(3550));
        assertThat(provider.getAccessToken())
                .as("the renewal failed, the token still valid")
                .isEqualTo("t1");
        assertThat(provider.getAccessToken()).as("during the fault's hold").isEqualTo("t1");
        assertThat(server.requests()).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.getAccessToken()).as("the token endpoint's 429").isEqualTo("t1");
        assertThat(provider.getAccessToken()).as("during the 429's pause").isEqualTo("t1");
        assertThat(server.requests()).hasSize(3);

        clock.advance(Duration.ofSeconds(50));
        assertThatThrownBy(provider::getAccessToken)
                .as("expired: the fault stands")
                .isInstanceOf(ITwinTransientException.class);
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void aRejectedTokenIsNotServedDuringAFault() {
        server.enqueue(token("t1"), Response.text(503, "down"));
        ClientCredentialsTokenProvider provider = provider().build();
        assertThat(provider.getAccessToken()).isEqualTo("t1");

        provider.invalidate("t1");

        assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinTransientException.class);
    }

    @Test
    void aWrongTokenUrlIsWarnedAgainOnceAMinuteWhileItLasts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ClientCredentialsTokenProvider provider = provider()
                .tokenUrl("http://127.0.0.1:" + closedPort + "/connect/token")
                .build();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ClientCredentialsTokenProvider.class);
        logger.addAppender(log);
        try {
            // ten minutes of callers, each finding the hold over (10 s at most)
            for (int second = 0; second < 600; second += 10) {
                assertThatThrownBy(provider::getAccessToken).isInstanceOf(ITwinTransientException.class);
                clock.advance(Duration.ofSeconds(10));
            }
        } finally {
            logger.detachAppender(log);
        }

        List<String> warnings = log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(warnings).as("the first, then one a minute").hasSize(10);
        assertThat(warnings.get(0)).contains("failed without a response").doesNotContain("in a row");
        assertThat(warnings.get(9)).contains("times in a row since 2026-03-04T10:00:00Z");
    }

    @Test
    void toStringMasksSecrets() {
        assertThat(provider().build().toString()).contains("service-app").doesNotContain(SECRET);
        assertThat(new StaticTokenProvider("eyJ.static.token").toString()).doesNotContain("eyJ.static.token");
    }
}
