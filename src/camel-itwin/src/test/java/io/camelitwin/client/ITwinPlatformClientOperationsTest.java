package io.camelitwin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.ClientDoubles.RecordingLimiter;
import io.camelitwin.client.ClientDoubles.RenewingTokens;
import io.camelitwin.client.ScriptedServer.Response;
import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.error.ITwinAuthenticationException;
import io.camelitwin.client.error.ITwinTransientException;
import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.client.internal.Ids;
import io.camelitwin.client.internal.UploadValidator;
import io.camelitwin.client.model.Graphics;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.client.model.ImageContent;
import io.camelitwin.client.model.ImageSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations against a scripted server, with their ids and uploads checked by {@link Ids} and {@link UploadValidator}. */
class ITwinPlatformClientOperationsTest {

    private static final String ITWIN_ID = "5c0b4a3f-2f4e-4c1a-9a57-1d3f0a5e7b21";
    private static final String IMODEL_ID = "b7a2c9e4-0d11-4a4f-8f7e-3c2d1e0f9a88";
    private static final String IMAGE_JSON = """
            {"image":{"id":"%s","smallImageName":"small_1.png","smallImageUrl":"https://blob.example/s.png?sig=S",
                      "largeImageName":"large_1.png","largeImageUrl":"https://blob.example/l.png?sig=L"}}""".formatted(ITWIN_ID);

    @TempDir
    Path dir;

    private ScriptedServer server;
    private final RenewingTokens tokens = new RenewingTokens();
    private final RecordingLimiter limiter = new RecordingLimiter();
    private ITwinPlatformClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        client = ITwinPlatformClient.builder()
                .baseUrl(server.baseUrl())
                .tokenProvider(tokens)
                .rateLimiter(limiter)
                .build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsAnITwinImage() {
        server.enqueue(Response.json(200, IMAGE_JSON));

        ITwinImage image = client.getITwinImage(ITWIN_ID.toUpperCase());

        assertThat(image.smallImageName()).isEqualTo("small_1.png");
        assertThat(image.largeImageUrl()).isEqualTo("https://blob.example/l.png?sig=L");
        assertThat(server.onlyRequest().uri().getPath()).isEqualTo("/itwins/" + ITWIN_ID + "/image");
        assertThat(server.onlyRequest().header("Accept")).isEqualTo(ITwinPlatformClient.ITWINS_ACCEPT);
    }

    @Test
    void streamsAFileUploadWithItsContentLength() throws IOException {
        Path file = dir.resolve("logo.png");
        Files.write(file, png(300, 200));
        server.enqueue(Response.json(201, IMAGE_JSON));

        client.uploadITwinImage(ITWIN_ID, ImageContent.of(file, "image/png"));

        ScriptedServer.Recorded request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.header("Content-Type")).isEqualTo("image/png");
        assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(Files.size(file)));
        assertThat(request.header("Transfer-Encoding")).isNull();
        assertThat(request.body()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aStreamLongerThanItsDeclaredLengthIsRefusedAsTheCallersFaultNotRetriedAsATransientOne() throws IOException {
        // longer than what validation reads first, so that the excess only shows while the body is sent
        byte[] longPng = Arrays.copyOf(png(40, 30), 200_000);
        server.enqueue(Response.json(201, IMAGE_JSON));

        assertThatThrownBy(() -> client.uploadITwinImage(
                        ITWIN_ID, ImageContent.of(new ByteArrayInputStream(longPng), longPng.length - 1L, "image/png")))
                .isInstanceOf(ITwinValidationException.class)
                .hasMessageContaining("longer than its declared");
    }

    @Test
    void aFileUploadIsSentAgainInFullAfterA401() throws IOException {
        Path file = dir.resolve("thumb.png");
        Files.write(file, png(400, 250));
        server.enqueue(
                Response.json(401, "{\"error\":{\"code\":\"InvalidToken\",\"message\":\"expired\"}}"),
                Response.empty(201));

        client.uploadIModelThumbnail(IMODEL_ID, ImageContent.of(file, null));

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).body()).isEqualTo(Files.readAllBytes(file));
        assertThat(server.requests().get(1).header("Accept")).isEqualTo(ITwinPlatformClient.IMODELS_ACCEPT);
    }

    @Test
    void aOneShotStreamIsNotSentTwice() throws IOException {
        byte[] png = png(400, 250);
        server.enqueue(Response.json(401, "{\"error\":{\"code\":\"InvalidToken\",\"message\":\"expired\"}}"));

        assertThatThrownBy(() -> client.uploadIModelThumbnail(
                        IMODEL_ID, ImageContent.of(new ByteArrayInputStream(png), png.length, "image/png")))
                .isInstanceOf(ITwinAuthenticationException.class);
        assertThat(server.requests()).hasSize(1);
        assertThat(tokens.invalidated).containsExactly("token-1");
    }

    @Test
    void downloadsAThumbnailWithTheIModelsMediaType() throws IOException {
        byte[] png = png(800, 500);
        server.enqueue(Response.bytes(200, "image/png", png));

        assertThat(client.getIModelThumbnail(IMODEL_ID, ImageSize.LARGE)).isEqualTo(png);

        ScriptedServer.Recorded request = server.onlyRequest();
        assertThat(request.uri().toString()).isEqualTo("/imodels/" + IMODEL_ID + "/thumbnail?size=large");
        assertThat(request.header("Accept")).isEqualTo(ITwinPlatformClient.IMODELS_ACCEPT);
    }

    @Test
    void aThumbnailAnswerThatIsNoImageIsTransientNotThumbnailBytes() {
        server.enqueue(Response.json(200, "{\"iModel\":{\"id\":\"x\"}}"));

        assertThatThrownBy(() -> client.getIModelThumbnail(IMODEL_ID, ImageSize.SMALL))
                .isInstanceOf(ITwinTransientException.class)
                .hasMessageContaining("getIModelThumbnail GET /imodels/" + IMODEL_ID + "/thumbnail")
                .hasMessageContaining("not a PNG or JPEG image (Content-Type application/json)");
    }

    @Test
    void readsGraphicsAndFollowsARedirectOnTheSameHost() {
        server.enqueue(
                Response.empty(302).header("Location", "/itwins/repositories/r-1/resources/x-9/graphics?v=2"),
                Response.json(200, """
                        {"graphics":[{"type":"IMAGERY","uri":"https://assets.example/imagery/",
                          "authentication":{"type":"Header","key":"Authorization","value":"Bearer provider-token"},
                          "provider":{"name":"UrlTemplateImageryProvider","options":{"maximumLevel":18}}},
                         {"type":"OAPIF+GEOJSON","uri":"https://features.example/collections"}]}"""));

        List<Graphics> graphics = client.getGraphics(null, "r-1", "x-1");

        assertThat(graphics).hasSize(2);
        assertThat(graphics.get(0).authentication().isHeader()).isTrue();
        assertThat(graphics.get(0).authentication().value()).isEqualTo("Bearer provider-token");
        assertThat(graphics.get(0).provider().options()).containsEntry("maximumLevel", 18);
        assertThat(graphics.get(1).type()).isEqualTo("OAPIF+GEOJSON");
        assertThat(graphics.get(1).authentication()).isNull();
        assertThat(server.requests())
                .extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1");
    }

    @Test
    void doesNotFollowARedirectToAForeignHost() throws IOException {
        try (ScriptedServer elsewhere = new ScriptedServer()) {
            server.enqueue(Response.empty(302).header("Location", elsewhere.baseUrl() + "/steal"));

            assertThatThrownBy(() -> client.getGraphics(ITWIN_ID, "r-1", "x-1"))
                    .isInstanceOfSatisfying(
                            ITwinApiException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(302))
                    .hasMessageContaining("untrusted host");
            assertThat(elsewhere.requests()).isEmpty();
            assertThat(server.onlyRequest().uri().getPath())
                    .isEqualTo("/itwins/" + ITWIN_ID + "/repositories/r-1/resources/x-1/graphics");
        }
    }

    @Test
    void invalidIdsAreRefusedBeforeAPermitIsTaken() {
        assertThatThrownBy(() -> client.getITwinImage("../itwins")).isInstanceOf(ITwinValidationException.class);
        assertThatThrownBy(() -> client.getGraphics(null, "r/1", "x")).isInstanceOf(ITwinValidationException.class);
        assertThat(limiter.permits).hasValue(0);
        assertThat(server.requests()).isEmpty();
    }

    private static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
