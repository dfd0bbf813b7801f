package io.camelitwin.component;

import static io.camelitwin.emulator.DemoData.DEMO_CLIENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camelitwin.client.error.ITwinApiException;
import io.camelitwin.client.model.Graphics;
import io.camelitwin.client.model.ITwinImage;
import io.camelitwin.client.model.ITwinSummary;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.emulator.ThumbnailSize;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.converter.stream.ByteArrayInputStreamCache;
import org.apache.camel.converter.stream.FileInputStreamCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every producer operation against the emulator, as a route uses it. */
class ProducerOperationsTest extends EmulatorCamelTestSupport {

    @TempDir
    static Path inbox;

    /** Files handed to the producer directly, outside the watched inbox. */
    @TempDir
    Path scratch;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?move=.done")
                        .setHeader(ITwinConstants.ITWIN_ID, simple("${file:onlyname.noext}"))
                        .to("itwin:uploadImage")
                        .to("mock:uploaded");
            }
        };
    }

    /** A new iTwin of the demo client with an image, and a request log that starts after it. */
    private String iTwinWithImage() {
        String iTwinId = emulator().seedITwins(DEMO_CLIENT_ID, 1).get(0);
        template.sendBodyAndHeader("itwin:uploadImage", TestImages.png(640, 480), ITwinConstants.ITWIN_ID, iTwinId);
        emulator().reset();
        return iTwinId;
    }

    private String iTwinWithoutImage() {
        return emulator().seedITwins(DEMO_CLIENT_ID, 1).get(0);
    }

    @Test
    void getImageSetsTheBodyAndTheNameAndUrlHeaders() {
        String iTwinId = iTwinWithImage();

        Exchange result = template.request("itwin:getImage?iTwinId=" + iTwinId, e -> {});

        ITwinImage image = result.getMessage().getBody(ITwinImage.class);
        recordSignatures(image);
        assertThat(image.smallImageName()).startsWith("small_");
        Map<String, Object> headers = result.getMessage().getHeaders();
        assertThat(headers)
                .containsEntry(ITwinConstants.SMALL_IMAGE_NAME, image.smallImageName())
                .containsEntry(ITwinConstants.LARGE_IMAGE_NAME, image.largeImageName())
                .containsEntry(ITwinConstants.SMALL_IMAGE_URL, image.smallImageUrl())
                .containsEntry(ITwinConstants.LARGE_IMAGE_URL, image.largeImageUrl())
                .containsEntry(ITwinConstants.IMAGE_ID, image.id());
        assertThat(emulator().requests(DEMO_CLIENT_ID))
                .singleElement()
                .satisfies(r -> assertThat(r.accept()).isEqualTo("application/vnd.bentley.itwin-platform.v1+json"));
    }

    @Test
    void uploadImageFromBytesStoresThemAndRenamesTheImage() {
        String iTwinId = iTwinWithImage();
        ITwinImage before = template.requestBody("itwin:getImage?iTwinId=" + iTwinId, null, ITwinImage.class);
        byte[] png = TestImages.png(700, 480);

        ITwinImage after = template.requestBodyAndHeader(
                "itwin:uploadImage", png, ITwinConstants.ITWIN_ID, iTwinId, ITwinImage.class);

        recordSignatures(before);
        recordSignatures(after);
        assertThat(after.smallImageName()).isNotEqualTo(before.smallImageName());
        assertThat(after.largeImageName()).isNotEqualTo(before.largeImageName());
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(png);
        assertThat(uploadRequest().contentType()).isEqualTo("image/png");
    }

    @Test
    void uploadImageStreamsAFileWithContentLengthAndTheDeclaredType() throws Exception {
        byte[] jpeg = TestImages.jpeg(800, 600);
        Path file = Files.write(scratch.resolve("upload.jpg"), jpeg);
        String iTwinId = iTwinWithoutImage();

        template.sendBodyAndHeaders(
                "itwin:uploadImage",
                file.toFile(),
                Map.of(ITwinConstants.ITWIN_ID, iTwinId, ITwinConstants.CONTENT_TYPE, "image/jpeg"));

        assertThat(emulator().iTwinImage(iTwinId)).hasValue(jpeg);
        RecordedRequest upload = uploadRequest();
        assertThat(upload.contentType()).isEqualTo("image/jpeg");
        assertThat(upload.bodyLength()).isEqualTo(jpeg.length);
    }

    @Test
    void uploadImageTakesAPathAndAStreamOfKnownOrUnknownLength() throws Exception {
        byte[] png = TestImages.png(300, 200);
        String iTwinId = iTwinWithoutImage();

        template.sendBodyAndHeaders(
                "itwin:uploadImage",
                new ByteArrayInputStream(png),
                Map.of(ITwinConstants.ITWIN_ID, iTwinId, "CamelAwsS3ContentLength", (long) png.length));
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(png);

        byte[] other = TestImages.png(301, 200);
        template.sendBodyAndHeader(
                "itwin:uploadImage", new ByteArrayInputStream(other), ITwinConstants.ITWIN_ID, iTwinId);
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(other);

        Path path = Files.write(scratch.resolve("path.png"), png);
        template.sendBodyAndHeader("itwin:uploadImage", path, ITwinConstants.ITWIN_ID, iTwinId);
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(png);
    }

    @Test
    void uploadImageTakesAStreamCacheInMemoryOrSpooledToDisk() throws Exception {
        byte[] png = TestImages.png(300, 200);
        String iTwinId = iTwinWithoutImage();

        template.sendBodyAndHeader(
                "itwin:uploadImage",
                new ByteArrayInputStreamCache(new ByteArrayInputStream(png)),
                ITwinConstants.ITWIN_ID,
                iTwinId);
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(png);

        byte[] jpeg = TestImages.jpeg(800, 600);
        Path spooled = Files.write(scratch.resolve("spooled.tmp"), jpeg);
        template.sendBodyAndHeaders(
                "itwin:uploadImage",
                new FileInputStreamCache(spooled.toFile()),
                Map.of(ITwinConstants.ITWIN_ID, iTwinId, "CamelAwsS3ContentLength", (long) jpeg.length));
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(jpeg);
        assertThat(uploadRequest().bodyLength()).isEqualTo(jpeg.length);
    }

    @Test
    void uploadImageTakesWhatTheFileConsumerProduces() throws Exception {
        byte[] png = TestImages.png(500, 400);
        MockEndpoint uploaded = getMockEndpoint("mock:uploaded");
        uploaded.expectedMessageCount(1);

        String iTwinId = iTwinWithoutImage();

        Files.write(inbox.resolve(iTwinId + ".png"), png);

        uploaded.assertIsSatisfied();
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(png);
        assertThat(uploadRequest().bodyLength()).isEqualTo(png.length);
    }

    @Test
    void deleteImageRemovesIt() {
        String iTwinId = iTwinWithImage();

        template.sendBody("itwin:deleteImage?iTwinId=" + iTwinId, null);

        assertThat(emulator().iTwinImage(iTwinId)).isEmpty();
        assertThatThrownBy(() -> template.requestBody("itwin:getImage?iTwinId=" + iTwinId, (Object) null))
                .hasCauseInstanceOf(ITwinApiException.class)
                .cause()
                .satisfies(e -> assertThat(((ITwinApiException) e).getCode()).isEqualTo("ImageNotFound"));
    }

    @Test
    void downloadImageFetchesTheSmallRenditionOrTheOriginal() {
        byte[] original = TestImages.png(1000, 800);
        String iTwinId = iTwinWithoutImage();
        template.sendBodyAndHeader("itwin:uploadImage", original, ITwinConstants.ITWIN_ID, iTwinId);

        Exchange large = template.request("itwin:downloadImage?size=large&iTwinId=" + iTwinId, e -> {});
        Exchange small = template.request("itwin:downloadImage?iTwinId=" + iTwinId, e -> {});

        assertThat(large.getMessage().getBody(byte[].class)).isEqualTo(original);
        assertThat(large.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("image/png");
        assertThat(TestImages.read(small.getMessage().getBody(byte[].class)).getWidth())
                .isLessThan(1000);
        recordSignatures(
                large.getMessage().getHeader(ITwinConstants.SMALL_IMAGE_URL, String.class),
                large.getMessage().getHeader(ITwinConstants.LARGE_IMAGE_URL, String.class));
    }

    @Test
    void thumbnailsGoUpAsJpegAndComeBackAsPngOfBothSizes() {
        template.sendBodyAndHeader(
                "itwin:uploadThumbnail",
                TestImages.jpeg(1200, 750),
                ITwinConstants.IMODEL_ID,
                DemoData.IMODEL_INITIALIZED);

        byte[] small =
                template.requestBody("itwin:getThumbnail?iModelId=" + DemoData.IMODEL_INITIALIZED, null, byte[].class);
        byte[] large = template.requestBodyAndHeader(
                "itwin:getThumbnail?iModelId=" + DemoData.IMODEL_INITIALIZED,
                null,
                ITwinConstants.SIZE,
                "large",
                byte[].class);

        assertThat(TestImages.read(small).getWidth()).isEqualTo(400);
        assertThat(TestImages.read(small).getHeight()).isEqualTo(250);
        assertThat(TestImages.read(large).getWidth()).isEqualTo(800);
        assertThat(large)
                .isEqualTo(emulator()
                        .iModelThumbnail(DemoData.IMODEL_INITIALIZED, ThumbnailSize.LARGE)
                        .orElseThrow());
        assertThat(emulator().requests(DEMO_CLIENT_ID))
                .allSatisfy(r -> assertThat(r.accept()).isEqualTo("application/vnd.bentley.itwin-platform.v2+json"));
    }

    @Test
    void graphicsCarryEachKindOfCredential() {
        for (String resource :
                List.of(DemoData.RESOURCE_HEADER_AUTH, DemoData.RESOURCE_QUERY_AUTH, DemoData.RESOURCE_BASIC_AUTH)) {
            List<Graphics> graphics = graphics(null, resource);
            assertThat(graphics).isNotEmpty();
            graphics.forEach(ProducerOperationsTest::recordCredentials);
            assertThat(graphics.get(0).authentication()).isNotNull();
        }
        assertThat(graphics(null, DemoData.RESOURCE_HEADER_AUTH)
                        .get(0)
                        .authentication()
                        .isHeader())
                .isTrue();
        assertThat(graphics(null, DemoData.RESOURCE_QUERY_AUTH)
                        .get(0)
                        .authentication()
                        .isQueryParameter())
                .isTrue();
        assertThat(graphics(null, DemoData.RESOURCE_BASIC_AUTH)
                        .get(0)
                        .authentication()
                        .isBasic())
                .isTrue();
        assertThat(graphics(null, DemoData.RESOURCE_NO_AUTH).get(0).authentication())
                .isNull();
        assertThat(graphics(null, DemoData.RESOURCE_URL_TEMPLATE)
                        .get(0)
                        .provider()
                        .name())
                .isEqualTo("UrlTemplateImageryProvider");
    }

    @Test
    void graphicsAreITwinScopedWhenAnITwinIdIsGiven() {
        List<Graphics> graphics = graphics(DemoData.ITWIN_WITH_IMAGE, DemoData.RESOURCE_NO_AUTH);

        assertThat(graphics).isNotEmpty();
        assertThat(emulator().requests(DEMO_CLIENT_ID))
                .singleElement()
                .satisfies(r -> assertThat(r.path())
                        .isEqualTo("/itwins/" + DemoData.ITWIN_WITH_IMAGE + "/repositories/" + DemoData.REPOSITORY_ID
                                + "/resources/" + DemoData.RESOURCE_NO_AUTH + "/graphics"));
    }

    @Test
    void listITwinsFollowsEveryPage() {
        String withImage = iTwinWithImage();
        List<String> seeded = emulator().seedITwins(DEMO_CLIENT_ID, 250);

        Exchange result = template.request("itwin:listITwins?pageSize=100", e -> {});

        @SuppressWarnings("unchecked")
        List<ITwinSummary> iTwins = result.getMessage().getBody(List.class);
        assertThat(iTwins)
                .extracting(ITwinSummary::id)
                .containsAll(seeded)
                .doesNotHaveDuplicates()
                .contains(withImage)
                .doesNotContain(DemoData.ITWIN_OTHER);
        assertThat(result.getMessage().getHeader(ITwinConstants.ITWIN_COUNT)).isEqualTo(iTwins.size());
        assertThat(iTwins)
                .filteredOn(t -> t.id().equals(withImage))
                .singleElement()
                .satisfies(t -> assertThat(t.imageName()).startsWith("small_"));
        assertThat(emulator().requests(DEMO_CLIENT_ID))
                .hasSize((iTwins.size() + 99) / 100)
                .allSatisfy(r -> assertThat(r.prefer()).isEqualTo("return=representation"));
    }

    @Test
    void aHeaderOverridesTheEndpointOption() {
        String iTwinId = iTwinWithImage();

        template.sendBodyAndHeader(
                "itwin:getImage?iTwinId=" + DemoData.ITWIN_PLAIN, null, ITwinConstants.ITWIN_ID, iTwinId);

        assertThat(emulator().requests(DEMO_CLIENT_ID))
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/itwins/" + iTwinId + "/image"));
    }

    @Test
    void theOperationHeaderOverridesTheEndpointOperation() {
        String iTwinId = iTwinWithImage();

        template.sendBodyAndHeader(
                "itwin:getImage?iTwinId=" + iTwinId, null, ITwinConstants.OPERATION, ITwinOperations.deleteImage);

        assertThat(emulator().iTwinImage(iTwinId)).isEmpty();
        assertThat(emulator().requests(DEMO_CLIENT_ID))
                .singleElement()
                .satisfies(r -> assertThat(r.method()).isEqualTo("DELETE"));
    }

    @Test
    void endpointsOfTheSameIdentityShareOneTokenAndOneClient() {
        template.sendBody(
                "itwin:getGraphics?repositoryId=" + DemoData.REPOSITORY_ID + "&resourceId=" + DemoData.RESOURCE_NO_AUTH,
                null);
        template.sendBody("itwin:getThumbnail?iModelId=" + DemoData.IMODEL_INITIALIZED, null);
        template.sendBody("itwin:listITwins", null);

        assertThat(emulator().tokenRequestCount(DEMO_CLIENT_ID)).isEqualTo(1);
    }

    private List<Graphics> graphics(String iTwinId, String resourceId) {
        String uri = "itwin:getGraphics?repositoryId=" + DemoData.REPOSITORY_ID + "&resourceId=" + resourceId
                + (iTwinId == null ? "" : "&iTwinId=" + iTwinId);
        @SuppressWarnings("unchecked")
        List<Graphics> graphics = template.requestBody(uri, null, List.class);
        return graphics;
    }

    private RecordedRequest uploadRequest() {
        return emulator().requests(DEMO_CLIENT_ID).stream()
                .filter(r -> r.method().equals("PUT"))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    static void recordSignatures(ITwinImage image) {
        recordSignatures(image.smallImageUrl(), image.largeImageUrl());
    }

    static void recordSignatures(String... urls) {
        for (String url : urls) {
            SecretsLedger.record(url.replaceAll(".*[?&]sig=([^&]+).*", "$1"));
        }
    }

    static void recordCredentials(Graphics graphics) {
        if (graphics.authentication() != null) {
            SecretsLedger.record(graphics.authentication().value());
            SecretsLedger.record(graphics.authentication().password());
        }
    }
}
