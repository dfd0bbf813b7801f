package io.camelitwin.emulator;

import static io.camelitwin.emulator.DemoData.ITWIN_OTHER;
import static io.camelitwin.emulator.DemoData.ITWIN_PLAIN;
import static io.camelitwin.emulator.DemoData.ITWIN_SPARE;
import static io.camelitwin.emulator.DemoData.ITWIN_WITH_IMAGE;
import static io.camelitwin.emulator.EmulatorClient.errorCode;
import static io.camelitwin.emulator.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelitwin.testing.MutableClock;
import io.camelitwin.testing.TestImages;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ITwinImageTest {

    private static final MutableClock CLOCK = new MutableClock();
    private static final int LIMIT = 5 * 1024 * 1024;

    @RegisterExtension
    static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension(builder -> builder.clock(CLOCK));

    private final EmulatorClient client = new EmulatorClient(EMULATOR.emulator());
    private final String token = client.demoToken();

    @Test
    void seededImageHasLinksToBothRenditions() {
        HttpResponse<byte[]> response = client.get(
                "/itwins/" + ITWIN_WITH_IMAGE + "/image",
                token,
                "Accept",
                "application/vnd.bentley.itwin-platform.v1+json");

        JsonNode image = json(response).get("image");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(image.get("smallImageName").asText()).matches("small_[0-9a-f-]{36}\\.png");
        assertThat(image.get("largeImageName").asText()).matches("large_[0-9a-f-]{36}\\.png");
        assertThat(image.get("smallImageUrl").asText())
                .contains("/blobs/context-thumbnails/"
                        + image.get("smallImageName").asText())
                .contains("sv=2018-03-28", "sr=b", "sp=r", "se=", "sig=");
        HttpResponse<byte[]> small = client.get(image.get("smallImageUrl").asText(), null);
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage thumbnail = TestImages.read(small.body());
        assertThat(thumbnail.getWidth()).isLessThanOrEqualTo(400);
        assertThat(thumbnail.getHeight()).isLessThanOrEqualTo(250);
    }

    @Test
    void uploadStoresTheOriginalAndAThumbnailUnderNewNames(ITwinEmulator emulator) {
        byte[] png = TestImages.png(1600, 900);
        HttpResponse<byte[]> first = client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", png);
        HttpResponse<byte[]> again = client.get("/itwins/" + ITWIN_PLAIN + "/image", token);
        HttpResponse<byte[]> second = client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", png);

        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode image = json(first).get("image");
        assertThat(json(again).get("image").get("smallImageName")).isEqualTo(image.get("smallImageName"));
        assertThat(json(second).get("image").get("smallImageName")).isNotEqualTo(image.get("smallImageName"));
        assertThat(emulator.iTwinImage(ITWIN_PLAIN))
                .hasValueSatisfying(stored -> assertThat(stored).isEqualTo(png));
        HttpResponse<byte[]> large =
                client.get(json(second).get("image").get("largeImageUrl").asText(), null);
        assertThat(large.body()).isEqualTo(png);
        BufferedImage small = TestImages.read(
                client.get(json(second).get("image").get("smallImageUrl").asText(), null)
                        .body());
        assertThat(small.getWidth()).isEqualTo(400);
        assertThat(small.getHeight()).isEqualTo(225);
        RecordedRequest put = emulator.requests(DemoData.DEMO_CLIENT_ID).get(0);
        assertThat(put.bodyLength()).isEqualTo(png.length);
        assertThat(put.bodySha256()).isEqualTo(ApiExchange.sha256(png));
        assertThat(put.contentType()).isEqualTo("image/png");
    }

    @Test
    void jpegUploadKeepsJpegNamesAndContentType(ITwinEmulator emulator) {
        byte[] jpeg = TestImages.jpeg(500, 500);
        HttpResponse<byte[]> response = client.put("/itwins/" + ITWIN_SPARE + "/image", token, "image/jpeg", jpeg);

        JsonNode image = json(response).get("image");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(image.get("largeImageName").asText()).endsWith(".jpeg");
        assertThat(image.get("smallImageName").asText()).endsWith(".jpeg");
        HttpResponse<byte[]> large = client.get(image.get("largeImageUrl").asText(), null);
        assertThat(large.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(emulator.iTwinSmallImage(ITWIN_SPARE)).isPresent();
    }

    @Test
    void sixMegabytesAreRefusedWithoutBeingBuffered(ITwinEmulator emulator) throws InterruptedException {
        byte[] big = new byte[6 * 1024 * 1024];
        byte[] png = TestImages.png(10, 10);
        System.arraycopy(png, 0, big, 0, png.length);

        HttpResponse<byte[]> response = client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(errorCode(response)).isEqualTo("RequestTooLarge");
        assertThat(json(response).get("error").get("message").asText())
                .isEqualTo("Provided file is greater than the maximum allowed file size of 5MB.");
        RecordedRequest recorded = EmulatorClient.firstRecorded(emulator, DemoData.DEMO_CLIENT_ID);
        assertThat(recorded.status()).isEqualTo(413);
        assertThat(recorded.bodyLength()).isEqualTo(LIMIT + 1L);
        assertThat(recorded.bodySha256()).isNull();
    }

    @Test
    void exactlyFiveMegabytesIsNotTooLarge() {
        byte[] body = new byte[LIMIT];
        byte[] png = TestImages.png(10, 10);
        System.arraycopy(png, 0, body, 0, png.length);

        HttpResponse<byte[]> response = client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", body);

        assertThat(response.statusCode()).isNotEqualTo(413);
    }

    @Test
    void tooWideAnImageIsRefused() {
        HttpResponse<byte[]> wide =
                client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", TestImages.png(600, 100));
        HttpResponse<byte[]> tall =
                client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", TestImages.png(100, 501));
        HttpResponse<byte[]> justFine =
                client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", TestImages.png(500, 100));

        assertThat(wide.statusCode()).isEqualTo(422);
        JsonNode error = json(wide).get("error");
        assertThat(error.get("code").asText()).isEqualTo("InvalidiTwinsRequest");
        assertThat(error.get("details").get(0).get("code").asText()).isEqualTo("InvalidValue");
        assertThat(error.get("details").get(0).get("target").asText()).isEqualTo("image");
        assertThat(error.get("details").get(0).get("message").asText()).contains("cannot be greater than 5 times");
        assertThat(tall.statusCode()).isEqualTo(422);
        assertThat(justFine.statusCode()).isEqualTo(201);
    }

    @Test
    void bytesThatAreNotTheDeclaredFormatAreRefused() {
        for (byte[] body : List.of(
                TestImages.gif(50, 50),
                TestImages.jpeg(50, 50),
                "not an image at all".getBytes(StandardCharsets.UTF_8),
                new byte[0])) {
            HttpResponse<byte[]> response = client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/png", body);

            assertThat(response.statusCode()).isEqualTo(422);
            JsonNode detail = json(response).get("error").get("details").get(0);
            assertThat(errorCode(response)).isEqualTo("InvalidiTwinsRequest");
            assertThat(detail.get("code").asText()).isEqualTo("InvalidRequestBody");
            assertThat(detail.get("target").asText()).isEqualTo("image");
        }
    }

    @Test
    void missingOrUnsupportedContentTypeIsRefused() {
        HttpResponse<byte[]> missing =
                client.put("/itwins/" + ITWIN_PLAIN + "/image", token, null, TestImages.png(10, 10));
        HttpResponse<byte[]> gif =
                client.put("/itwins/" + ITWIN_PLAIN + "/image", token, "image/gif", TestImages.gif(10, 10));

        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(json(missing).get("error").get("details").get(0).get("code").asText())
                .isEqualTo("MissingRequiredHeader");
        assertThat(gif.statusCode()).isEqualTo(422);
        assertThat(json(gif).get("error").get("details").get(0).get("code").asText())
                .isEqualTo("InvalidHeaderValue");
    }

    @Test
    void unknownAndForeignITwinsAreNotFound() {
        for (String iTwinId : List.of("00000000-0000-0000-0000-000000000000", ITWIN_OTHER)) {
            // the GET page documents ImageNotFound for an iTwin that was not found; the PUT page iTwinNotFound
            assertThat(errorCode(client.get("/itwins/" + iTwinId + "/image", token)))
                    .isEqualTo("ImageNotFound");
            HttpResponse<byte[]> put =
                    client.put("/itwins/" + iTwinId + "/image", token, "image/png", TestImages.png(10, 10));
            assertThat(put.statusCode()).isEqualTo(404);
            assertThat(errorCode(put)).isEqualTo("iTwinNotFound");
        }
    }

    @Test
    void deleteRemovesTheImageAndItsBlobs() {
        JsonNode image = json(client.put(
                        "/itwins/" + ITWIN_SPARE + "/image", token, "image/png", TestImages.png(40, 40)))
                .get("image");

        HttpResponse<byte[]> deleted = client.delete("/itwins/" + ITWIN_SPARE + "/image", token);
        HttpResponse<byte[]> after = client.get("/itwins/" + ITWIN_SPARE + "/image", token);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(errorCode(after)).isEqualTo("ImageNotFound");
        assertThat(json(after).get("error").get("message").asText()).isEqualTo("Requested image is not available.");
        HttpResponse<byte[]> blob = client.get(image.get("smallImageUrl").asText(), null);
        assertThat(blob.statusCode()).isEqualTo(404);
        assertThat(new String(blob.body(), StandardCharsets.UTF_8)).contains("<Code>BlobNotFound</Code>");
        assertThat(client.delete("/itwins/" + ITWIN_SPARE + "/image", token).statusCode())
                .isEqualTo(404);
    }

    @Test
    void blobLinksExpire() {
        String url = json(client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", token))
                .get("image")
                .get("largeImageUrl")
                .asText();
        assertThat(client.get(url, null).statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofHours(1).plusSeconds(1));

        HttpResponse<byte[]> expired = client.get(url, null);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("<Code>AuthenticationFailed</Code>");
    }

    @Test
    void tamperedBlobLinksAreRefused() {
        JsonNode image = json(client.get("/itwins/" + ITWIN_WITH_IMAGE + "/image", token))
                .get("image");
        String url = image.get("smallImageUrl").asText();
        String otherPath = url.replace("/context-thumbnails/", "/context-images/");
        String otherSignature = url.replaceFirst("sig=[^&]+", "sig=AAAA" + url.substring(url.indexOf("sig=") + 8));
        String otherExpiry = url.replaceFirst("se=[^&]+", "se=2099-01-01T00%3A00%3A00Z");

        for (String tampered : List.of(otherPath, otherSignature, otherExpiry, url.substring(0, url.indexOf('?')))) {
            HttpResponse<byte[]> response = client.get(tampered, null);
            assertThat(response.statusCode()).as(tampered).isEqualTo(403);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("AuthenticationFailed");
        }
    }
}
