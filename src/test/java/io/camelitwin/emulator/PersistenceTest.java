package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.IMODEL_INITIALIZED;
import static io.camelitwin.emulator.DemoData.ITWIN_PLAIN;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelitwin.testing.TestImages;
import java.nio.file.Path;
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
}
