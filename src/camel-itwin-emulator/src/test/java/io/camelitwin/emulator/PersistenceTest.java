package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.IMODEL_INITIALIZED;
import static io.camelitwin.emulator.DemoData.ITWIN_PLAIN;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @Test
    void theWorldSurvivesARestart(@TempDir Path directory) throws Exception {
        byte[] image = TestImages.jpeg(300, 200);
        byte[] thumbnail = TestImages.png(200, 100);
        String imageName;
        byte[] storedThumbnail;
        try (ITwinEmulator first =
                ITwinEmulator.builder().dataDirectory(directory).start()) {
            EmulatorClient client = new EmulatorClient(first);
            String token = client.demoToken();
            imageName = json(client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/jpeg", image))
                    .get("image")
                    .get("largeImageName")
                    .asText();
            client.put("/imodels/" + IMODEL_INITIALIZED + "/thumbnail", token, "image/png", thumbnail);
            first.addClient("late-client", "late-secret");
            first.addITwin("late-itwin", "Late iTwin", "late-client");
            client.delete("/itwins/" + DemoData.ITWIN_WITH_IMAGE + "/image", token);
            storedThumbnail = first.iModelThumbnail(IMODEL_INITIALIZED, ThumbnailSize.SMALL)
                    .orElseThrow();
        }

        try (ITwinEmulator second =
                ITwinEmulator.builder().dataDirectory(directory).start()) {
            EmulatorClient client = new EmulatorClient(second);
            JsonNode again = json(client.get("/itwins/" + ITWIN_PLAIN + "/image", client.demoToken()))
                    .get("image");

            assertThat(again.get("largeImageName").asText()).isEqualTo(imageName);
            assertThat(client.get(again.get("largeImageUrl").asText(), null).body())
                    .isEqualTo(image);
            assertThat(second.iTwinImage(ITWIN_PLAIN))
                    .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(image));
            assertThat(second.iModelThumbnail(IMODEL_INITIALIZED, ThumbnailSize.SMALL))
                    .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(storedThumbnail));
            assertThat(second.iTwinImage(DemoData.ITWIN_WITH_IMAGE))
                    .as("a deleted demo image stays deleted")
                    .isEmpty();
            JsonNode late = json(client.get("/itwins", client.token("late-client", "late-secret")));
            assertThat(late.get("iTwins").get(0).get("id").asText()).isEqualTo("late-itwin");
        }
    }

    @Test
    void secretsAreKeptHashedNeverInPlainText(@TempDir Path directory) throws Exception {
        SecretsLedger.record("hashed-client-secret");
        try (ITwinEmulator emulator = ITwinEmulator.builder()
                .dataDirectory(directory)
                .client("hashed-client", "hashed-client-secret")
                .start()) {
            String index = Files.readString(directory.resolve("index.json"));

            assertThat(index)
                    .doesNotContain("hashed-client-secret")
                    .doesNotContain(DemoData.DEMO_CLIENT_SECRET)
                    .contains("hashed-client")
                    .contains("pbkdf2-sha256$");
        }
        try (ITwinEmulator restarted =
                ITwinEmulator.builder().dataDirectory(directory).start()) {
            EmulatorClient client = new EmulatorClient(restarted);
            assertThat(client.token("hashed-client", "hashed-client-secret")).isNotBlank();
            assertThatThrownBy(() -> client.token("hashed-client", "wrong-secret"))
                    .hasMessageContaining("401");
        }
    }

    @Test
    void aSaveRewritesOnlyWhatChanged(@TempDir Path directory) throws Exception {
        try (ITwinEmulator emulator =
                ITwinEmulator.builder().dataDirectory(directory).start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            String token = client.demoToken();
            client.put("/imodels/" + IMODEL_INITIALIZED + "/thumbnail", token, "image/png", TestImages.png(200, 100));
            String imageName = json(client.get("/itwins/" + DemoData.ITWIN_WITH_IMAGE + "/image", token))
                    .get("image")
                    .get("largeImageName")
                    .asText();
            Path thumbnail = directory.resolve("thumbnails").resolve(IMODEL_INITIALIZED + ".small.png");
            Path blob = directory
                    .resolve("blobs")
                    .resolve(ImageStore.LARGE_CONTAINER)
                    .resolve(imageName);
            Object thumbnailFile = fileKey(thumbnail);
            Object blobFile = fileKey(blob);

            client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", TestImages.png(300, 200));

            // every write goes through a new file moved into place: an unchanged file keeps its identity
            assertThat(fileKey(thumbnail)).isEqualTo(thumbnailFile);
            assertThat(fileKey(blob)).isEqualTo(blobFile);
        }
    }

    private static Object fileKey(Path file) throws Exception {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        assertThat(key).as("the file system gives files an identity").isNotNull();
        return key;
    }
}
