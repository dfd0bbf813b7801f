package io.camelitwin.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers that are not what the pages document, through the shipped folder route and {@code itwin-resilience}
 * configuration: a token endpoint behind a proxy that answers 200 with its HTML maintenance page, and API calls
 * answered the same way. Each is a passing fault: the files wait and are uploaded once the service answers again;
 * none is refused. With the shipped retry settings: the point is that they carry a minute of maintenance as they are.
 */
class UnexpectedAnswersTest extends FolderUploadTestSupport {

    private static final Duration MAINTENANCE = Duration.ofSeconds(60);
    private static final int FILES = 50;

    @RegisterExtension
    static final ITwinEmulatorExtension BEHIND_A_PROXY = faultsOnlyEmulator(20261203L, FaultSettings.NONE);

    @Override
    protected ITwinEmulator emulator() {
        return BEHIND_A_PROXY.emulator();
    }

    @Test
    void filesArrivingWhileTheTokenEndpointAnswersHtmlForAMinuteAreAllUploaded() throws Exception {
        List<String> iTwinIds = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, FILES);
        List<byte[]> images = new ArrayList<>();
        emulator().faults(FaultSettings.NONE.withTokenHtml(1.0));
        long start = System.nanoTime();
        startFolderRoute();

        // one file a second for most of the minute, as a camera or a batch job would deliver them
        long spacing = MAINTENANCE.minusSeconds(10).toMillis() / FILES;
        for (int i = 0; i < FILES; i++) {
            byte[] image = TestImages.distinctPng(i);
            images.add(image);
            drop(iTwinIds.get(i), image);
            Thread.sleep(spacing);
        }
        Thread.sleep(Math.max(0, MAINTENANCE.toMillis() - (System.nanoTime() - start) / 1_000_000));
        assertThat(filesIn(deadLetter()))
                .as("dead letters during the maintenance")
                .isEmpty();
        assertThat(emulator().requests(DemoData.DEMO_CLIENT_ID))
                .as("API calls without a token")
                .isEmpty();
        // the provider's back-off (1 s doubling to 10 s): a handful of requests, not one per file and redelivery
        assertThat(emulator().tokenRequestCount(DemoData.DEMO_CLIENT_ID))
                .as("token requests during the maintenance")
                .isBetween(2L, 12L);

        emulator().faults(FaultSettings.NONE);
        Await.until(
                "every file copied to done",
                Duration.ofMinutes(2),
                () -> filesIn(done()).size() == FILES,
                () -> "done " + filesIn(done()).size() + ", dead letters " + filesIn(deadLetter()));

        assertThat(filesIn(deadLetter())).isEmpty();
        assertThat(filesIn(inbox())).isEmpty();
        for (int i = 0; i < FILES; i++) {
            assertThat(emulator().iTwinImage(iTwinIds.get(i)))
                    .as("image of file %d", i)
                    .hasValue(images.get(i));
            assertThat(uploadsOf(iTwinIds.get(i))).as("uploads of file %d", i).isEqualTo(1);
        }
    }

    @Test
    void apiAnswersThatAreHtmlPagesAreRetriedAndEachImageIsStoredOnce() throws Exception {
        List<String> iTwinIds = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, 20);
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < iTwinIds.size(); i++) {
            images.add(TestImages.distinctPng(100 + i));
            drop(iTwinIds.get(i), images.get(i));
        }
        emulator().faults(FaultSettings.NONE.withHtml(0.3));
        startFolderRoute();

        Await.until(
                "every file copied to done",
                Duration.ofMinutes(2),
                () -> filesIn(done()).size() == 20,
                () -> "done " + filesIn(done()).size() + ", dead letters " + filesIn(deadLetter()));

        assertThat(filesIn(deadLetter())).isEmpty();
        // an upload is answered 201: a PUT answered 200 met the proxy's page, and so did the GETs of the comparisons
        long htmlUploadAnswers = emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.method().equals("PUT") && r.status() == 200)
                .count();
        assertThat(htmlUploadAnswers).isPositive();
        assertThat(metrics.transientFailures())
                .as("HTML answers counted as transient failures")
                .isGreaterThanOrEqualTo(htmlUploadAnswers);
        for (int i = 0; i < iTwinIds.size(); i++) {
            assertThat(emulator().iTwinImage(iTwinIds.get(i))).hasValue(images.get(i));
            assertThat(uploadsOf(iTwinIds.get(i)))
                    .as("uploads stored for file %d", i)
                    .isEqualTo(1);
        }
    }

    /** PUTs of this iTwin's image that the platform handled and stored (201). */
    private long uploadsOf(String iTwinId) {
        return emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.method().equals("PUT")
                        && r.path().equals("/itwins/" + iTwinId + "/image")
                        && r.status() == 201)
                .count();
    }
}
