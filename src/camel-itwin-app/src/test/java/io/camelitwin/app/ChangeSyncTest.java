package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * The shipped change sync route, end to end: images changed on the embedded emulator arrive in the asset folder and at
 * a real HTTP server standing in for the asset system.
 */
@QuarkusTest
@WithTestResource(AppTestResources.class)
class ChangeSyncTest extends AppTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path assets = AppTestResources.folder("assets");
    private final Path failed = AppTestResources.folder("failed");

    @Inject
    ProducerTemplate producer;

    @Test
    void addedChangedAndRemovedImagesReachTheAssetFolderAndTheAssetSystem() throws Exception {
        String iTwinId = newITwin();
        byte[] first = TestImages.png(400, 300);
        byte[] second = TestImages.jpeg(500, 300);

        ITwinImage added = upload(iTwinId, first);
        String addedFile = iTwinId + "/" + added.largeImageName();
        Await.until("the added image is in the asset folder", TIMEOUT, () -> exists(assets, addedFile + ".json"));
        assertThat(Files.readAllBytes(assets.resolve(addedFile))).isEqualTo(first);
        JsonNode addedEvent = JSON.readTree(read(assets.resolve(addedFile + ".json")));
        assertThat(addedEvent.get("iTwinId").asText()).isEqualTo(iTwinId);
        assertThat(addedEvent.get("changeType").asText()).isEqualTo("added");
        assertThat(addedEvent.get("imageName").asText()).isEqualTo(added.smallImageName());
        assertThat(addedEvent.get("previousImageName").isNull()).isTrue();
        assertThat(Instant.parse(addedEvent.get("detectedAt").asText())).isBeforeOrEqualTo(Instant.now());
        String addedKey = iTwinId + ":" + added.smallImageName();
        assertThat(addedEvent.get("idempotencyKey").asText()).isEqualTo(addedKey);
        JsonNode posted = JSON.readTree(awaitPosted(addedKey).body());
        assertThat(posted.get("changeType").asText()).isEqualTo("added");
        assertThat(Base64.getDecoder().decode(posted.get("imageBase64").asText()))
                .isEqualTo(first);

        ITwinImage changed = upload(iTwinId, second);
        String changedFile = iTwinId + "/" + changed.largeImageName();
        Await.until("the changed image is in the asset folder", TIMEOUT, () -> exists(assets, changedFile + ".json"));
        assertThat(Files.readAllBytes(assets.resolve(changedFile))).isEqualTo(second);
        JsonNode changedEvent = JSON.readTree(read(assets.resolve(changedFile + ".json")));
        assertThat(changedEvent.get("changeType").asText()).isEqualTo("changed");
        assertThat(changedEvent.get("previousImageName").asText()).isEqualTo(added.smallImageName());
        assertThat(changedEvent.get("imageName").asText()).isEqualTo(changed.smallImageName());

        producer.sendBodyAndHeader("itwin:deleteImage", null, ITwinConstants.ITWIN_ID, iTwinId);
        String removedFile = iTwinId + "/removed-" + changed.smallImageName() + ".json";
        Await.until("the removal is in the asset folder", TIMEOUT, () -> exists(assets, removedFile));
        JsonNode removedEvent = JSON.readTree(read(assets.resolve(removedFile)));
        assertThat(removedEvent.get("changeType").asText()).isEqualTo("removed");
        assertThat(removedEvent.get("imageName").isNull()).isTrue();
        assertThat(removedEvent.get("previousImageName").asText()).isEqualTo(changed.smallImageName());
        JsonNode removedPost = JSON.readTree(
                awaitPosted(iTwinId + ":removed:" + changed.smallImageName()).body());
        assertThat(removedPost.get("imageBase64").isNull()).isTrue();
    }

    @Test
    void anAssetSystemThatStaysDownGetsItsRetriesThenTheEventGoesToTheDeadLetter() throws Exception {
        String iTwinId = newITwin();
        AppTestResources.assetSystemDown(true);
        try {
            ITwinImage added = upload(iTwinId, TestImages.png(300, 300));
            String deadLetter = iTwinId + "/" + added.largeImageName() + ".json";

            Await.until("the event is in the dead letter", TIMEOUT, () -> exists(failed, deadLetter + ".reason.txt"));
            assertThat(read(failed.resolve(deadLetter + ".reason.txt"))).contains("503");
            JsonNode event = JSON.readTree(read(failed.resolve(deadLetter)));
            assertThat(event.get("idempotencyKey").asText()).isEqualTo(iTwinId + ":" + added.smallImageName());
            assertThat(postedWith(iTwinId + ":" + added.smallImageName()))
                    .as("the first attempt and the two redeliveries")
                    .hasSize(3);
            assertThat(exists(assets, iTwinId + "/" + added.largeImageName())).isTrue();
        } finally {
            AppTestResources.assetSystemDown(false);
        }
    }

    /**
     * The route starts from "now": its first poll records what the platform holds without emitting it, so an image
     * uploaded before that poll has finished would never be reported. Test classes share one application, and this
     * class may be the first to run.
     */
    private ITwinImage upload(String iTwinId, byte[] image) throws InterruptedException {
        // the route polls on the leader only (master:): its first list request is its first poll
        Await.until(
                "the change sync's first poll",
                TIMEOUT,
                () -> !requests("GET", "/itwins").isEmpty());
        return producer.requestBodyAndHeader(
                "itwin:uploadImage", image, ITwinConstants.ITWIN_ID, iTwinId, ITwinImage.class);
    }

    private static AppTestResources.Received awaitPosted(String idempotencyKey) throws InterruptedException {
        Await.until(
                idempotencyKey + " is posted",
                TIMEOUT,
                () -> !postedWith(idempotencyKey).isEmpty());
        return postedWith(idempotencyKey).get(0);
    }

    private static List<AppTestResources.Received> postedWith(String idempotencyKey) {
        return AppTestResources.received().stream()
                .filter(r -> idempotencyKey.equals(r.idempotencyKey()))
                .toList();
    }
}
