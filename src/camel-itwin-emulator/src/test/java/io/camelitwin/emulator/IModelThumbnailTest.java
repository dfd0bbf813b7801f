package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.IMODEL_INITIALIZED;
import static io.camelitwin.emulator.DemoData.IMODEL_OTHER;
import static io.camelitwin.emulator.DemoData.IMODEL_UNINITIALIZED;
import static io.camelitwin.emulator.DemoData.IMODEL_VIEW_ONLY;
import static io.camelitwin.emulator.EmulatorClient.errorCode;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelitwin.testing.TestImages;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IModelThumbnailTest {

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension();

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
    private final String token = client.demoToken();

    @Test
    void anIModelWithoutUploadServesADefaultPngOfEachSize() {
        HttpResponse<byte[]> small = client.get(
                "/imodels/" + IMODEL_VIEW_ONLY + "/thumbnail",
                token,
                "Accept",
                "application/vnd.bentley.itwin-platform.v2+json");
        HttpResponse<byte[]> large = client.get("/imodels/" + IMODEL_VIEW_ONLY + "/thumbnail?size=large", token);

        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValue("Content-Type")).hasValue("image/png");
        assertSize(small.body(), 400, 250);
        assertSize(large.body(), 800, 500);
    }

    @Test
    void uploadedPngAndJpegAreServedAsPngRenditions(ITwinEmulator emulator) {
        HttpResponse<byte[]> png = client.put(
                "/imodels/" + IMODEL_INITIALIZED + "/thumbnail", token, "image/png", TestImages.png(1000, 300));
        assertThat(png.statusCode()).isEqualTo(201);
        assertThat(png.body()).isEmpty();
        assertThat(emulator.iModelThumbnail(IMODEL_INITIALIZED, ThumbnailSize.LARGE))
                .isPresent();

        HttpResponse<byte[]> jpeg = client.put(
                "/imodels/" + IMODEL_INITIALIZED + "/thumbnail", token, "image/jpeg", TestImages.jpeg(640, 480));
        assertThat(jpeg.statusCode()).isEqualTo(201);
        HttpResponse<byte[]> small = client.get("/imodels/" + IMODEL_INITIALIZED + "/thumbnail?size=small", token);
        assertThat(small.body())
                .isEqualTo(emulator.iModelThumbnail(IMODEL_INITIALIZED, ThumbnailSize.SMALL)
                        .orElseThrow());
        assertThat(ImageType.sniff(small.body())).isEqualTo(ImageType.PNG);
        assertSize(small.body(), 400, 250);
        assertSize(
                client.get("/imodels/" + IMODEL_INITIALIZED + "/thumbnail?size=large", token)
                        .body(),
                800,
                500);
    }

    @Test
    void invalidSizeIsRefusedWithTheDocumentedMessage() {
        HttpResponse<byte[]> response = client.get("/imodels/" + IMODEL_INITIALIZED + "/thumbnail?size=medium", token);

        JsonNode error = json(response).get("error");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(error.get("code").asText()).isEqualTo("InvalidiModelsRequest");
        assertThat(error.get("details").get(0).get("code").asText()).isEqualTo("InvalidValue");
        assertThat(error.get("details").get(0).get("target").asText()).isEqualTo("size");
        assertThat(error.get("details").get(0).get("message").asText())
                .isEqualTo("'medium' is not a valid 'size'. Valid 'size' values are: 'small', 'large'.");
    }

    @Test
    void uploadFailuresFollowTheDocumentedOrder() {
        byte[] png = TestImages.png(100, 100);
        HttpResponse<byte[]> viewOnly =
                client.put("/imodels/" + IMODEL_VIEW_ONLY + "/thumbnail", token, "image/png", png);
        HttpResponse<byte[]> uninitialized =
                client.put("/imodels/" + IMODEL_UNINITIALIZED + "/thumbnail", token, "image/png", png);
        HttpResponse<byte[]> foreign = client.put("/imodels/" + IMODEL_OTHER + "/thumbnail", token, "image/png", png);
        HttpResponse<byte[]> unknown = client.get("/imodels/does-not-exist/thumbnail", token);

        assertThat(viewOnly.statusCode()).isEqualTo(403);
        assertThat(errorCode(viewOnly)).isEqualTo("InsufficientPermissions");
        assertThat(uninitialized.statusCode()).isEqualTo(409);
        assertThat(errorCode(uninitialized)).isEqualTo("iModelNotInitialized");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(errorCode(foreign)).isEqualTo("iModelNotFound");
        assertThat(errorCode(client.get("/imodels/" + IMODEL_OTHER + "/thumbnail", token)))
                .isEqualTo("iModelNotFound");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("iModelNotFound");
    }

    @Test
    void badBytesAndBadContentTypesAreRefusedWithTheirDetails() {
        String path = "/imodels/" + IMODEL_INITIALIZED + "/thumbnail";
        JsonNode badBytes = json(client.put(path, token, "image/png", "garbage".getBytes(StandardCharsets.UTF_8)))
                .get("error")
                .get("details")
                .get(0);
        JsonNode gifAsPng = json(client.put(path, token, "image/png", TestImages.gif(20, 20)))
                .get("error")
                .get("details")
                .get(0);
        HttpResponse<byte[]> missing = client.put(path, token, null, TestImages.png(20, 20));
        HttpResponse<byte[]> gif = client.put(path, token, "image/gif", TestImages.gif(20, 20));

        assertThat(badBytes.get("code").asText()).isEqualTo("InvalidRequestBody");
        assertThat(badBytes.get("innerError").get("code").asText()).isEqualTo("InvalidThumbnailFormat");
        assertThat(gifAsPng.get("innerError").get("code").asText()).isEqualTo("InvalidThumbnailFormat");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(errorCode(missing)).isEqualTo("InvalidiModelsRequest");
        JsonNode missingDetail = json(missing).get("error").get("details").get(0);
        assertThat(missingDetail.get("code").asText()).isEqualTo("MissingRequiredHeader");
        assertThat(missingDetail.get("target").asText()).isEqualTo("content-type");
        JsonNode gifDetail = json(gif).get("error").get("details").get(0);
        assertThat(gifDetail.get("code").asText()).isEqualTo("InvalidHeaderValue");
        assertThat(gifDetail.get("target").asText()).isEqualTo("content-type");
        assertThat(gifDetail.get("message").asText()).startsWith("'image/gif' is not supported 'content-type'.");
    }

    @Test
    void oversizedThumbnailIsRequestTooLarge(ITwinEmulator emulator) throws InterruptedException {
        HttpResponse<byte[]> response = client.put(
                "/imodels/" + IMODEL_INITIALIZED + "/thumbnail", token, "image/png", new byte[5 * 1024 * 1024 + 10]);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("error").get("message").asText())
                .isEqualTo("Request body is too large. Maximum allowed request body size is 5242880 bytes.");
        assertThat(EmulatorClient.firstRecorded(emulator, DemoData.DEMO_CLIENT_ID)
                        .bodyLength())
                .isEqualTo(5 * 1024 * 1024 + 1);
    }

    private static void assertSize(byte[] png, int width, int height) {
        BufferedImage image = TestImages.read(png);
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }
}
