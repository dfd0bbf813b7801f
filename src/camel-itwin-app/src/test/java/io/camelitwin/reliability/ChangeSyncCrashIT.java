package io.camelitwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.client.model.ImageContent;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.reliability.AssetReceiver.Delivery;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the application between delivering a change and recording it as delivered, started again: the
 * asset folder and the HTTP receiver have every change, and the one change delivered but not recorded comes again,
 * with the same idempotency key (iTwin id + image name), which is all that at-least-once allows.
 *
 * <p>The kill comes from the receiver, once the delivery has arrived and before it is answered: the folder has the
 * change (it is written first), the HTTP endpoint has it, and the consumer's state does not.
 */
class ChangeSyncCrashIT extends ReliabilityTestSupport {

    private static final int CHANGES = 40;
    private static final int KILL_AT_DELIVERY = 15;

    @Test
    void killedBetweenDeliveryAndStateWriteEveryChangeArrivesAndOnlyTheInFlightOneTwice() throws Exception {
        List<String> iTwinIds = emulator.seedITwins(DemoData.DEMO_CLIENT_ID, CHANGES);
        Path assets = work.resolve("assets");
        Path state = work.resolve("state").resolve("image-changes.dat");
        try (AssetReceiver receiver = new AssetReceiver()) {
            ApplicationProcess first = syncOnly("first", receiver, assets, state);
            ApplicationProcess second = syncOnly("second", receiver, assets, state);
            Delivery[] inFlight = new Delivery[1];
            receiver.beforeAnswer(delivery -> {
                if (receiver.deliveries().size() == KILL_AT_DELIVERY) {
                    inFlight[0] = delivery;
                    first.kill();
                }
            });

            first.start();
            // the first poll is the baseline (startFrom=now): changes made after it are the ones to deliver
            Await.until("the first poll", Duration.ofMinutes(2), () -> fileContains(state, "baseline"));
            Map<String, ITwinImage> uploaded = uploadImages(iTwinIds);
            Await.until("the kill", Duration.ofMinutes(2), () -> !first.isAlive());
            second.start();
            Await.until(
                    "every change delivered",
                    Duration.ofMinutes(3),
                    () -> receiver.deliveries().stream()
                                    .map(Delivery::idempotencyKey)
                                    .distinct()
                                    .count()
                            == CHANGES);
            Thread.sleep(2000); // a late duplicate would arrive within a poll or two

            List<Delivery> deliveries = receiver.deliveries();
            Map<String, Long> perKey =
                    deliveries.stream().collect(Collectors.groupingBy(Delivery::idempotencyKey, Collectors.counting()));
            assertThat(perKey.keySet())
                    .containsExactlyInAnyOrderElementsOf(uploaded.entrySet().stream()
                            .map(e -> e.getKey() + ":" + e.getValue().smallImageName())
                            .toList());
            assertThat(perKey)
                    .as("only the delivery in flight at the kill comes twice")
                    .containsEntry(inFlight[0].idempotencyKey(), 2L)
                    .allSatisfy((key, count) ->
                            assertThat(count).isEqualTo(key.equals(inFlight[0].idempotencyKey()) ? 2L : 1L));
            for (Delivery delivery : deliveries) {
                ITwinImage image = uploaded.get(delivery.iTwinId());
                assertThat(delivery.keyInBody()).isEqualTo(delivery.idempotencyKey());
                assertThat(delivery.imageName()).isEqualTo(image.smallImageName());
                assertThat(sha256(delivery.image()))
                        .isEqualTo(
                                sha256(emulator.iTwinImage(delivery.iTwinId()).orElseThrow()));
            }
            for (String iTwinId : iTwinIds) {
                ITwinImage image = uploaded.get(iTwinId);
                Path imageFile = assets.resolve(iTwinId).resolve(image.largeImageName());
                assertThat(imageFile).exists();
                assertThat(sha256(Files.readAllBytes(imageFile)))
                        .isEqualTo(sha256(emulator.iTwinImage(iTwinId).orElseThrow()));
                assertThat(assets.resolve(iTwinId).resolve(image.largeImageName() + ".json"))
                        .content()
                        .contains("\"idempotencyKey\":\"" + iTwinId + ":" + image.smallImageName() + "\"");
            }
        }
    }

    /** The application with change sync only (folder watch off), polling often. */
    private ApplicationProcess syncOnly(String name, AssetReceiver receiver, Path assets, Path state) {
        return application(name)
                .env("ITWIN_FOLDER_ENABLED", false)
                .env("ITWIN_SYNC_ENABLED", true)
                .env("ITWIN_SYNC_FOLDER", assets)
                .env("ITWIN_SYNC_STATE_FILE", state)
                .env("ITWIN_SYNC_POLL_DELAY", 300)
                .env("ITWIN_SYNC_START_FROM", "now")
                .env("ITWIN_SYNC_HTTP_URL", receiver.url());
    }

    /** One image per iTwin, uploaded by the test as another user of the platform would. */
    private Map<String, ITwinImage> uploadImages(List<String> iTwinIds) {
        ITwinPlatformClient client = ITwinPlatformClient.builder()
                .baseUrl(emulator.baseUrl())
                .tokenProvider(ClientCredentialsTokenProvider.builder()
                        .tokenUrl(emulator.tokenUrl())
                        .clientId(DemoData.DEMO_CLIENT_ID)
                        .clientSecret(DemoData.DEMO_CLIENT_SECRET)
                        .build())
                .build();
        Map<String, ITwinImage> uploaded = new LinkedHashMap<>();
        for (int i = 0; i < iTwinIds.size(); i++) {
            uploaded.put(
                    iTwinIds.get(i),
                    client.uploadITwinImage(
                            iTwinIds.get(i), ImageContent.of(TestImages.distinctPng(1000 + i), "image/png")));
        }
        return uploaded;
    }

    private static boolean fileContains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
