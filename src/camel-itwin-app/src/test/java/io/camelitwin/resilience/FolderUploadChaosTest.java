package io.camelitwin.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ITwinEmulatorExtension;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 300 images through the folder route while the platform throttles 30% of the calls (Retry-After 1 s) and fails
 * another 10% transiently: every image must arrive intact, none may be dead-lettered, and no request may ignore a
 * Retry-After. One consumer thread on purpose: with several, a request already past the limiter can reach the platform
 * just after another thread's 429, which the platform counts as early.
 */
class FolderUploadChaosTest extends FolderUploadTestSupport {

    private static final int IMAGES = 300;
    private static final int RETRY_AFTER_SECONDS = 1;

    // only the injected faults bite: the emulator's own limit is far above what the test sends
    @RegisterExtension
    static final ITwinEmulatorExtension CHAOTIC = faultsOnlyEmulator(
            20261123L,
            FaultSettings.NONE
                    .withThrottle(0.30, RETRY_AFTER_SECONDS)
                    .withUnavailable(0.05)
                    .withDrop(0.05));

    @Override
    protected ITwinEmulator emulator() {
        return CHAOTIC.emulator();
    }

    @Override
    protected Properties routeProperties() {
        Properties properties = new Properties();
        // the shipped 500 ms would only make the test slower: the back-off's shape is what matters here
        properties.put("itwin.retry.transient.initial-delay", "100");
        return properties;
    }

    @Test
    void everyImageArrivesIntactDespiteThrottlingAndTransientFaults() throws Exception {
        List<String> iTwinIds = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, IMAGES);
        Map<String, String> sha256ById = new LinkedHashMap<>();
        for (int i = 0; i < IMAGES; i++) {
            byte[] image = TestImages.distinctPng(i);
            drop(iTwinIds.get(i), image);
            sha256ById.put(iTwinIds.get(i), sha256(image));
        }
        assertThat(sha256ById.values()).doesNotHaveDuplicates();

        long start = System.nanoTime();
        startFolderRoute();
        Await.until(
                "every file copied to done",
                Duration.ofMinutes(8),
                () -> filesIn(done()).size() == IMAGES);

        sha256ById.forEach((id, sha256) -> assertThat(emulator().iTwinImage(id))
                .as("image of %s", id)
                .hasValueSatisfying(stored -> assertThat(sha256(stored)).isEqualTo(sha256)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(filesIn(deadLetter())).isEmpty();
        assertThat(filesIn(inbox())).isEmpty();
        assertThat(emulator().earlyRequestCount(DemoData.DEMO_CLIENT_ID)).isZero();

        assertThat(metrics.rateLimited())
                .isPositive()
                .isEqualTo(emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                        .filter(r -> r.status() == 429)
                        .count());
        assertThat(metrics.transientFailures()).isPositive();
        assertThat(metrics.requests())
                .isEqualTo(emulator().requests(DemoData.DEMO_CLIENT_ID).size());
        assertThat(metrics.retryAfterRequested())
                .isEqualTo(Duration.ofSeconds(RETRY_AFTER_SECONDS * metrics.rateLimited()));
        // one thread, so the pauses add up; the redelivery delay waits them out, which leaves the limiter little to do
        assertThat(took).isGreaterThanOrEqualTo(metrics.retryAfterRequested());
        assertThat(metrics.limiterWait()).isLessThan(metrics.retryAfterRequested());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
