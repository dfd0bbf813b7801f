package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.testing.Await;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's view: Quarkus health checks and Prometheus metrics of the running application. */
@QuarkusTest
@WithTestResource(AppTestResources.class)
class HealthAndMetricsTest extends AppTestSupport {

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    SharedRateBudget budget;

    @TestHTTPResource("/q/health/live")
    URI live;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void liveAndReadyWithTheTokenTheRoutesAndThePollingConsumer() throws Exception {
        HttpResponse<String> liveness = get(live);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\": \"UP\"");

        HttpResponse<String> readiness = get(ready);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body())
                .contains("\"name\": \"itwin-platform-token\",\n            \"status\": \"UP\"")
                .contains("\"itwin.platform\": \"emulator\"")
                .contains("\"warning\": \"the embedded emulator stands in for the iTwin Platform\"")
                .contains("\"name\": \"camel-routes\",\n            \"status\": \"UP\"")
                .contains("\"name\": \"camel-consumers\",\n            \"status\": \"UP\"")
                .doesNotContain("\"status\": \"DOWN\"");
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
                () -> !readinessBody().contains("pausedUntil"));
    }

    private String readinessBody() {
        try {
            return get(ready).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
