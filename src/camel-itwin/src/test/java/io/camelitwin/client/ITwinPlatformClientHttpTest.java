package io.camelitwin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.camelitwin.client.ClientDoubles.RecordingLimiter;
import io.camelitwin.client.ClientDoubles.RecordingListener;
import io.camelitwin.client.ClientDoubles.RenewingTokens;
import io.camelitwin.client.ScriptedServer.Response;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.auth.TokenProvider;
import io.camelitwin.client.error.ErrorDetail;
import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinException;
import io.camelitwin.client.error.ITwinRateLimitException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.model.DownloadedImage;
import io.camelitwin.client.model.ITwinPage;
import io.camelitwin.client.model.ITwinSummary;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request path, exercised through the operations that need no id validation: the iTwin list and signed URLs. */
class ITwinPlatformClientHttpTest {

    private static final String PAGE = """
            {"iTwins":[{"id":"a1","displayName":"Bridge","number":"B-1","imageName":"small_1.png",
                        "image":"https://blob.example/small_1.png?sv=1&sig=SIG","class":"Endeavor"},
                       {"id":"a2","displayName":"Tunnel","number":"T-2"}],
             "_links":{"self":{"href":"https://api.bentley.com/itwins?$top=2&$skip=0"},
                       "next":{"href":"%s/itwins?$top=2&$skip=2"}}}""";

    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    private static final byte[] JPEG_START = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};

    private ScriptedServer server;
    private final RenewingTokens tokens = new RenewingTokens();
    private final RecordingLimiter limiter = new RecordingLimiter();
    private final RecordingListener listener = new RecordingListener();
    private ITwinPlatformClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        client = ITwinPlatformClient.builder()
                .baseUrl(server.baseUrl() + "/")
                .tokenProvider(tokens)
                .rateLimiter(limiter)
                .listener(listener)
                .fallbackRetryAfter(Duration.ofSeconds(45))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsWithBearerTokenAcceptV1AndPreferWhenImagesAreWanted() {
        server.enqueue(Response.json(200, PAGE.formatted(server.baseUrl())));

        ITwinPage page = client.listITwins(2, 0, true);

        ScriptedServer.Recorded request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri().toString()).isEqualTo("/itwins?$top=2&$skip=0");
        assertThat(request.header("Authorization")).isEqualTo("Bearer token-1");
        assertThat(request.header("Accept")).isEqualTo(ITwinPlatformClient.ITWINS_ACCEPT);
        assertThat(request.header("Prefer")).isEqualTo("return=representation");
        assertThat(page.iTwins())
                .containsExactly(
                        new ITwinSummary(
                                "a1", "Bridge", "B-1", "small_1.png", "https://blob.example/small_1.png?sv=1&sig=SIG"),
                        new ITwinSummary("a2", "Tunnel", "T-2", null, null));
        assertThat(page.next()).isEqualTo(URI.create(server.baseUrl() + "/itwins?$top=2&$skip=2"));
        assertThat(limiter.permits).hasValue(1);
        assertThat(listener.events).containsExactly("wait 5", "request listITwins");
    }

    @Test
    void fetchesTheTokenBeforeTakingThePermitSoThatTheRoundTripDoesNotDelayThePacedRequest() {
        List<String> order = new CopyOnWriteArrayList<>();
        TokenProvider orderedTokens = () -> {
            order.add("token");
            return "token-1";
        };
        PlatformRateLimiter orderedLimiter = new PlatformRateLimiter() {
            @Override
            public Duration acquire() {
                order.add("permit");
                return Duration.ZERO;
            }

            @Override
            public void awaitPause() {
                order.add("pause");
            }

            @Override
            public void pauseUntil(Instant instant) {}
        };
        ITwinPlatformClient paced = ITwinPlatformClient.builder()
                .baseUrl(server.baseUrl() + "/")
                .tokenProvider(orderedTokens)
                .rateLimiter(orderedLimiter)
                .build();
        server.enqueue(Response.json(200, "{\"iTwins\":[],\"_links\":{\"self\":{\"href\":\"x\"}}}"));

        paced.listITwins(2, 0, false);

        // the second call is the cache lookup; the pause is checked last, right before sending
        assertThat(order).containsExactly("token", "permit", "token", "pause");
    }

    @Test
    void tokenRequestsAndApiCallsShareOneHttpClient() {
        server.enqueue(
                Response.json(200, "{\"access_token\":\"t1\",\"expires_in\":3600}"),
                Response.json(200, PAGE.formatted(server.baseUrl())));
        try (ITwinPlatformClient withCredentials = ITwinPlatformClient.builder()
                .baseUrl(server.baseUrl() + "/")
                .clientCredentials(ClientCredentialsTokenProvider.builder()
                        .tokenUrl(server.baseUrl() + "/connect/token")
                        .clientId("service-app")
                        .clientSecret("not-a-real-secret"))
                .rateLimiter(limiter)
                .build()) {
            withCredentials.listITwins(2, 0, true);
        }

        List<ScriptedServer.Recorded> requests = server.requests();
        assertThat(requests).extracting(r -> r.uri().getPath()).containsExactly("/connect/token", "/itwins");
        // one pooled connection: the token request's, kept alive and taken again by the API call
        assertThat(requests.get(1).clientPort()).isEqualTo(requests.get(0).clientPort());
    }

    @Test
    void followsTheNextLinkWithoutPreferWhenImagesAreNotWanted() {
        server.enqueue(Response.json(200, "{\"iTwins\":[],\"_links\":{\"self\":{\"href\":\"x\"}}}"));

        ITwinPage page = client.listITwins(URI.create(server.baseUrl() + "/itwins?$top=2&$skip=2"), false);

        assertThat(page.hasNext()).isFalse();
        assertThat(server.onlyRequest().uri().toString()).isEqualTo("/itwins?$top=2&$skip=2");
        assertThat(server.onlyRequest().header("Prefer")).isNull();
    }

    @Test
    void thePagerFollowsNextLinksAndAsksForTheSamePageAgainAfterAFailure() {
        server.enqueue(
                Response.json(200, PAGE.formatted(server.baseUrl())),
                Response.json(429, "{\"error\":{\"code\":\"RateLimitExceeded\",\"message\":\"slow down\"}}")
                        .header("Retry-After", "1"),
                Response.json(200, "{\"iTwins\":[{\"id\":\"a3\"}],\"_links\":{\"self\":{\"href\":\"x\"}}}"));
        ITwinPager pages = client.pageITwins(2, false);

        assertThat(pages.next().iTwins()).extracting(ITwinSummary::id).containsExactly("a1", "a2");
        assertThatThrownBy(pages::next).isInstanceOf(ITwinRateLimitException.class);
        assertThat(pages.hasNext()).isTrue();
        assertThat(pages.next().iTwins()).extracting(ITwinSummary::id).containsExactly("a3");

        assertThat(pages.hasNext()).isFalse();
        assertThat(server.requests())
                .extracting(r -> r.uri().toString())
                .containsExactly("/itwins?$top=2&$skip=0", "/itwins?$top=2&$skip=2", "/itwins?$top=2&$skip=2");
    }

    @Test
    void listsEveryITwinAcrossPages() {
        server.enqueue(
                Response.json(200, PAGE.formatted(server.baseUrl())),
                Response.json(200, "{\"iTwins\":[{\"id\":\"a3\"}],\"_links\":{\"self\":{\"href\":\"x\"}}}"));

        assertThat(client.listAllITwins(2, true)).extracting(ITwinSummary::id).containsExactly("a1", "a2", "a3");
        assertThat(server.requests())
                .allSatisfy(r -> assertThat(r.header("Prefer")).isEqualTo("return=representation"));
    }

    @Test
    void refusesToSendTheTokenToAForeignNextLink() {
        assertThatThrownBy(() -> client.listITwins(URI.create("https://evil.example/itwins?$skip=2"), false))
                .isInstanceOfSatisfying(
                        ITwinValidationException.class,
                        e -> assertThat(e.getField()).isEqualTo("next"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void invalidPagingIsRefusedBeforeAPermitIsTaken() {
        assertThatThrownBy(() -> client.listITwins(0, 0, false)).isInstanceOf(ITwinValidationException.class);
        assertThatThrownBy(() -> client.listITwins(1001, 0, false)).isInstanceOf(ITwinValidationException.class);
        assertThatThrownBy(() -> client.listITwins(10, -1, false)).isInstanceOf(ITwinValidationException.class);
        assertThat(limiter.permits).hasValue(0);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anErrorEnvelopeBecomesAnApiExceptionNamingOperationAndPath() {
        server.enqueue(Response.json(403, """
                {"error":{"code":"InsufficientPermissions","message":"The user has insufficient permissions.",
                  "details":[{"code":"MissingPermission","message":"itwins_read","target":"permissions"}]}}"""));

        assertThatThrownBy(() -> client.listITwins(5, 10, false))
                .isExactlyInstanceOf(ITwinApiException.class)
                .hasMessageContaining("listITwins GET /itwins?$top=5&$skip=10")
                .satisfies(e -> {
                    ITwinApiException api = (ITwinApiException) e;
                    assertThat(api.getCode()).isEqualTo("InsufficientPermissions");
                    assertThat(api.getDetails()).extracting(ErrorDetail::target).containsExactly("permissions");
                });
    }

    @Test
    void aProxy502IsTransientAndReported() {
        server.enqueue(Response.bytes(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>".getBytes()));

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(502))
                .hasMessageContaining("502 Bad Gateway");
        assertThat(listener.events).contains("transient listITwins 502");
    }

    @Test
    void aSuccessThatIsNotTheDocumentedJsonIsTransientAndReported() {
        server.enqueue(
                Response.bytes(200, "text/html", "<html><h1>Down for maintenance</h1></html>".getBytes()),
                Response.json(200, "{\"iTwins\":[]}"),
                Response.json(200, "{\"iTwins\":[],\"_links\":{\"next\":{\"href\":\"::not a uri\"}}}"),
                Response.empty(200));

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(200))
                .hasMessageContaining("listITwins GET /itwins")
                .hasMessageContaining("HTTP 200 with an unreadable body")
                .hasMessageNotContaining("maintenance");
        assertThat(listener.events).contains("transient listITwins 200");
        // the documented shape, then a next link that is no URI, then nothing at all
        assertThat(client.listITwins(5, 0, false).iTwins()).isEmpty();
        assertThatThrownBy(() -> client.listITwins(5, 0, false)).isInstanceOf(ITwinTransientException.class);
        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("an empty body");
    }

    @Test
    void aListThatIsNullOrMissingIsTransientNotAnEmptyList() {
        server.enqueue(
                Response.json(200, "{\"iTwins\":null}"),
                Response.json(200, "{\"_links\":{}}"),
                Response.json(200, "{\"graphics\":null}"),
                Response.json(200, "{}"));

        // read as empty, a page without its list would make every iTwin look deleted to the change sync
        assertThatThrownBy(() -> client.listITwins(5, 0, true))
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("listITwins GET /itwins")
                .hasMessageContaining("without 'iTwins'");
        assertThatThrownBy(() -> client.listITwins(5, 0, true))
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("without 'iTwins'");
        assertThatThrownBy(() -> client.getGraphics(null, "r-1", "x-1"))
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("without 'graphics'");
        assertThatThrownBy(() -> client.getGraphics(null, "r-1", "x-1"))
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("without 'graphics'");
        assertThat(listener.events).contains("transient listITwins 200", "transient getGraphics 200");
    }

    @Test
    void a503WithPlainTextIsTransient() {
        server.enqueue(Response.text(503, "Service Unavailable"));

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(503))
                .hasMessageContaining("Service Unavailable");
    }

    @Test
    void a429WithDeltaSecondsPausesTheLimiterAndCarriesTheRateLimitedHeaders() {
        server.enqueue(Response.json(429, "{\"error\":{\"code\":\"RateLimitExceeded\",\"message\":\"Slow down.\"}}")
                .header("Retry-After", "30")
                .header("ITwinPlatform-RateLimited-Tier", "Community")
                .header("ITwinPlatform-RateLimited-API", "itwins")
                .header("ITwinPlatform-RateLimited-Operation", "GetMyiTwins")
                .header("ITwinPlatform-RateLimited-Application", "app-1"));
        Instant before = Instant.now();

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(ITwinRateLimitException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("RateLimitExceeded");
                    assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(e.isRetryAfterFromServer()).isTrue();
                    assertThat(e.getRateLimitedBy())
                            .isEqualTo(new ITwinRateLimitException.RateLimitedBy(
                                    "Community", "itwins", "GetMyiTwins", "app-1"));
                });
        assertThat(limiter.pauses)
                .singleElement()
                .satisfies(until -> assertThat(until).isCloseTo(before.plusSeconds(30), within(Duration.ofSeconds(5))));
        assertThat(listener.events).contains("rateLimited listITwins 30");
    }

    @Test
    void a429WithAnHttpDateWaitsUntilThatDate() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(120).atOffset(ZoneOffset.UTC));
        server.enqueue(Response.text(429, "Too Many Requests").header("Retry-After", inTwoMinutes));

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(ITwinRateLimitException.class, e -> {
                    assertThat(e.getRetryAfter()).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(120));
                    assertThat(e.isRetryAfterFromServer()).isTrue();
                    assertThat(e.getCode()).isNull();
                });
    }

    @Test
    void a429WithoutRetryAfterUsesTheFallback() {
        server.enqueue(Response.empty(429));

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(ITwinRateLimitException.class, e -> {
                    assertThat(e.getRetryAfter()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(e.isRetryAfterFromServer()).isFalse();
                    assertThat(e.getRateLimitedBy().tier()).isNull();
                });
        assertThat(limiter.pauses).hasSize(1);
    }

    @Test
    void aDroppedConnectionIsTransientWithoutStatus() {
        server.enqueue(Response.dropConnection(), Response.dropConnection());

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isZero())
                .hasMessageContaining("listITwins GET /itwins");
        assertThat(listener.events).contains("transient listITwins 0");
    }

    @Test
    void aTimeoutIsTransient() {
        server.enqueue(Response.json(200, "{\"iTwins\":[]}").delayed(Duration.ofSeconds(4)));

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isZero())
                .hasMessageContaining("timed out");
    }

    @Test
    void a401RenewsTheTokenOnceAndRetries() {
        server.enqueue(
                Response.json(401, "{\"error\":{\"code\":\"InvalidToken\",\"message\":\"expired\"}}"),
                Response.json(200, "{\"iTwins\":[]}"));

        ITwinPage page = client.listITwins(5, 0, false);

        assertThat(page.iTwins()).isEmpty();
        assertThat(server.requests())
                .extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(tokens.invalidated).containsExactly("token-1");
        assertThat(limiter.permits).hasValue(2);
    }

    @Test
    void aSecond401IsAnAuthenticationFailure() {
        server.enqueue(
                Response.json(401, "{\"error\":{\"code\":\"InvalidToken\",\"message\":\"no\"}}"),
                Response.json(401, "{\"error\":{\"code\":\"InvalidToken\",\"message\":\"still no\"}}"));

        assertThatThrownBy(() -> client.listITwins(5, 0, false))
                .isInstanceOfSatisfying(
                        ITwinAuthenticationException.class,
                        e -> assertThat(e.getCode()).isEqualTo("InvalidToken"))
                .hasMessageNotContaining("token-");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void signedUrlsAreFetchedWithoutTokenOrPermit() {
        server.enqueue(Response.bytes(200, "image/png", PNG_START));

        DownloadedImage image = client.downloadSignedUrl(server.baseUrl() + "/c/small_1.png?sv=1&sig=SIGNATURE");

        assertThat(image.bytes()).containsExactly(PNG_START);
        assertThat(image.mediaType()).isEqualTo("image/png");
        assertThat(server.onlyRequest().header("Authorization")).isNull();
        assertThat(limiter.permits).hasValue(0);
    }

    @Test
    void aDownloadCarriesTheMediaTypeTheBlobStoreSentNotOneGuessedFromTheName() {
        server.enqueue(Response.bytes(200, "image/jpeg; charset=binary", JPEG_START));

        DownloadedImage image = client.downloadSignedUrl(server.baseUrl() + "/c/small_1.png?sv=1&sig=SIGNATURE");

        assertThat(image.mediaType()).isEqualTo("image/jpeg");
    }

    @Test
    void aSignedUrlAnsweringWithSomethingElseThanAnImageIsTransientNotImageBytes() {
        server.enqueue(
                Response.bytes(200, "text/html", "<html><body>Sign in to continue</body></html>".getBytes()),
                Response.json(200, "{\"error\":\"not here\"}"),
                Response.bytes(200, "image/png", new byte[0]));
        String url = server.baseUrl() + "/c/large_1.png?sv=1&sig=SIGNATURE";

        assertThatThrownBy(() -> client.downloadSignedUrl(url))
                .isInstanceOfSatisfying(
                        ITwinTransientException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(200))
                .hasMessageContaining("downloadSignedUrl GET /c/large_1.png")
                .hasMessageContaining("not a PNG or JPEG image (Content-Type text/html)")
                .hasMessageNotContaining("Sign in")
                .hasMessageNotContaining("SIGNATURE");
        assertThatThrownBy(() -> client.downloadSignedUrl(url))
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("Content-Type application/json");
        assertThatThrownBy(() -> client.downloadSignedUrl(url))
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("an empty body");
        assertThat(listener.events).contains("transient downloadSignedUrl 200");
    }

    @Test
    void aRefusedSignedUrlIsReportedWithoutItsSignature() {
        server.enqueue(
                Response.bytes(403, "application/xml", "<Error><Code>AuthenticationFailed</Code></Error>".getBytes()));

        assertThatThrownBy(() -> client.downloadSignedUrl(server.baseUrl() + "/c/small_1.png?sv=1&sig=SIGNATURE"))
                .isExactlyInstanceOf(ITwinApiException.class)
                .hasMessageContaining("/c/small_1.png")
                .hasMessageContaining("AuthenticationFailed")
                .hasMessageNotContaining("SIGNATURE");
    }

    @Test
    void aSignedUrlMustBeAnAbsoluteHttpUrl() {
        assertThatThrownBy(() -> client.downloadSignedUrl("file:///etc/passwd"))
                .isInstanceOf(ITwinValidationException.class);
        assertThatThrownBy(() -> client.downloadSignedUrl(null)).isInstanceOf(ITwinValidationException.class);
    }

    @Test
    void anInterruptedWaitForAPermitKeepsTheInterruptFlag() {
        PlatformRateLimiter interrupting = new PlatformRateLimiter() {
            @Override
            public Duration acquire() throws InterruptedException {
                throw new InterruptedException("shutting down");
            }

            @Override
            public void awaitPause() {}

            @Override
            public void pauseUntil(Instant instant) {}
        };
        ITwinPlatformClient interrupted = ITwinPlatformClient.builder()
                .baseUrl(server.baseUrl())
                .tokenProvider(tokens)
                .rateLimiter(interrupting)
                .build();
        try {
            assertThatThrownBy(() -> interrupted.listITwins(5, 0, false))
                    .isExactlyInstanceOf(ITwinException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(server.requests()).isEmpty();
    }
}
