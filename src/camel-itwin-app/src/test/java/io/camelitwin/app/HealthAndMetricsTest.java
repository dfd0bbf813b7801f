package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.platform.SharedRateBudget;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operator's view: Quarkus health checks and Prometheus metrics of the running application. Readiness is made of
 * local conditions only; the platform's token and reachability are a health group and gauges of their own.
 */
@QuarkusTest
@WithTestResource(AppTestResources.class)
class HealthAndMetricsTest extends AppTestSupport {

    private static final String ROTATED_SECRET = "rotated-" + UUID.randomUUID();

    static {
        SecretsLedger.record(ROTATED_SECRET);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    SharedRateBudget budget;

    @TestHTTPResource("/q/health/live")
    URI live;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @TestHTTPResource("/q/health/group/platform")
    URI platform;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void readyFromTheRoutesAndTheRateBudgetWithThePlatformInAGroupOfItsOwn() throws Exception {
        HttpResponse<String> liveness = get(live);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\": \"UP\"");

        HttpResponse<String> readiness = get(ready);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body())
                .contains(up("camel-routes"))
                .contains(up("camel-consumers"))
                .contains(up("itwin-rate-budget"))
                .doesNotContain("\"status\": \"DOWN\"")
                .doesNotContain("itwin-platform");

        HttpResponse<String> platformGroup = get(platform);
        assertThat(platformGroup.statusCode()).isEqualTo(200);
        assertThat(platformGroup.body())
                .contains(up("itwin-platform-token"))
                .contains(up("itwin-platform-reachable"))
                .contains("\"itwin.platform\": \"emulator\"")
                .contains("\"warning\": \"the embedded emulator stands in for the iTwin Platform\"")
                .doesNotContain("camel-routes");
    }

    /** Every call answered 503 for a while: the platform group and its gauge say so, readiness does not follow. */
    @Test
    void aPlatformOutageLeavesTheApplicationReadyAndThePlatformGroupDown() throws Exception {
        long failedBefore = failedCalls();
        emulator().faults(FaultSettings.NONE.withUnavailable(1.0));
        try {
            Await.until(
                    "the platform group down",
                    TIMEOUT,
                    () -> get(platform).statusCode() == 503
                            && get(platform).body().contains(down("itwin-platform-reachable")));
            assertThat(gauge("itwin_platform_reachable")).isEqualTo(0.0);
            // the change sync keeps polling (and failing) meanwhile: readiness stays up through several failed polls
            long failedAtStart = failedCalls();
            Await.until("five more failed calls", TIMEOUT, () -> {
                assertThat(get(ready).statusCode())
                        .as("readiness during the outage")
                        .isEqualTo(200);
                return failedCalls() >= failedAtStart + 5;
            });
            assertThat(failedCalls()).isGreaterThan(failedBefore);
        } finally {
            emulator().faults(FaultSettings.NONE);
        }
        Await.until("the platform group up again", TIMEOUT, () -> get(platform).statusCode() == 200);
        assertThat(gauge("itwin_platform_reachable")).isEqualTo(1.0);
    }

    /** The secret refused (rotated on the platform's side): the token check and its gauge are down, readiness is not. */
    @Test
    void aRefusedSecretLeavesTheApplicationReadyAndThePlatformGroupDown() throws Exception {
        emulator().addClient(DemoData.DEMO_CLIENT_ID, ROTATED_SECRET);
        emulator().expireTokens(DemoData.DEMO_CLIENT_ID);
        try {
            Await.until(
                    "the token check down", TIMEOUT, () -> get(platform).body().contains(down("itwin-platform-token")));
            assertThat(get(platform).statusCode()).isEqualTo(503);
            assertThat(gauge("itwin_platform_token_ok")).isEqualTo(0.0);
            HttpResponse<String> readiness = get(ready);
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).doesNotContain("\"status\": \"DOWN\"");
        } finally {
            emulator().addClient(DemoData.DEMO_CLIENT_ID, DemoData.DEMO_CLIENT_SECRET);
        }
        // the provider holds a refusal for its back-off (a second, doubling) before it asks again
        Await.until("the token check up again", TIMEOUT, () -> get(platform).statusCode() == 200);
        assertThat(gauge("itwin_platform_token_ok")).isEqualTo(1.0);
    }

    @Test
    void metricsCountRequestsUploadsRefusalsChangesAndDeadLetters() throws Exception {
        Path inbox = AppTestResources.folder("inbox");
        Path done = AppTestResources.folder("done");
        Path failed = AppTestResources.folder("failed");
        String iTwinId = newITwin();
        String good = "itwins/" + iTwinId + "/good.png";
        String gif = "itwins/" + iTwinId + "/bad.png";
        write(inbox, good, TestImages.png(200, 100));
        write(inbox, gif, TestImages.gif(20, 10));
        Await.until(
                "both files are done with",
                TIMEOUT,
                () -> exists(done, good) && !DeadLetters.reasonsIn(failed, gif).isEmpty());
        Await.until(
                "the change is synced",
                TIMEOUT,
                () -> AppTestResources.received().stream()
                        .anyMatch(r -> r.idempotencyKey().startsWith(iTwinId)));

        List<String> scraped = get(metrics).body().lines().toList();
        assertThat(scraped)
                .anyMatch(line ->
                        line.startsWith("itwin_client_responses_total{operation=\"uploadITwinImage\",status=\"201\"}"))
                .anyMatch(line -> line.startsWith("itwin_client_uploaded_bytes_total{operation=\"uploadITwinImage\"}"))
                .anyMatch(line -> line.startsWith("itwin_client_limiter_wait_seconds_count"))
                .anyMatch(line -> line.startsWith("itwin_client_retry_after_requested_seconds_total"))
                .anyMatch(line ->
                        line.startsWith("itwin_validation_refusals_total{field=\"body\",route=\"folder-to-itwin\"}"))
                .anyMatch(line -> line.startsWith("itwin_dead_letters_total{route=\"folder-to-itwin\"}"))
                .anyMatch(line -> line.startsWith("itwin_changes_emitted_total{type=\"added\"}"))
                .anyMatch(line -> line.startsWith("itwin_platform_token_ok 1.0"))
                .anyMatch(line -> line.startsWith("itwin_platform_reachable 1.0"))
                // the tests run on the embedded emulator, which must show
                .contains("itwin_platform_emulator 1.0");
    }

    @Test
    void aPauseAfterA429ShowsInTheReadinessDataAndAsAGaugeWhileReadinessStaysUp() throws Exception {
        Instant until = Instant.now().plusSeconds(3);
        budget.limiter().pauseUntil(until);

        HttpResponse<String> readiness = get(ready);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body())
                .contains("\"name\": \"itwin-rate-budget\"")
                .contains("\"pausedUntil\": \"" + until + "\"")
                .contains("\"pauseRemainingSeconds\": ")
                .doesNotContain("\"status\": \"DOWN\"");
        assertThat(get(metrics).body().lines())
                .filteredOn(line -> line.startsWith("itwin_rate_pause_remaining_seconds "))
                .singleElement()
                .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                        .isBetween(0.0, 3.0));

        Await.until(
                "the pause is over",
                Duration.ofSeconds(10),
                () -> !get(ready).body().contains("pausedUntil"));
    }

    private long failedCalls() {
        return emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.status() == 503)
                .count();
    }

    private double gauge(String name) {
        return get(metrics)
                .body()
                .lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no gauge " + name));
    }

    private static String up(String check) {
        return "\"name\": \"" + check + "\",\n            \"status\": \"UP\"";
    }

    private static String down(String check) {
        return "\"name\": \"" + check + "\",\n            \"status\": \"DOWN\"";
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
