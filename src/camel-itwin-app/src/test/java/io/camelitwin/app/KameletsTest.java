package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.ThumbnailSize;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each Kamelet of routes/kamelets used the way a user would: from a YAML route that names it as
 * {@code kamelet:<name>?...}, loaded into the running application.
 */
@QuarkusTest
class KameletsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    PlatformConnection platform;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    private final List<String> loadedRoutes = new ArrayList<>();

    @AfterEach
    void removeLoadedRoutes() throws Exception {
        for (String routeId : loadedRoutes) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }

    @Test
    void theImageSinkUploadsTheBodyAsTheImageOfTheITwinOfItsPropertyWhateverTheHeadersSay() throws Exception {
        loadRoute("""
                - route:
                    id: user-image-sink
                    routeConfigurationId: itwin-resilience
                    from:
                      uri: direct:user-image
                      steps:
                        - to: "kamelet:itwin-image-sink?iTwinId=%s"
                """.formatted(DemoData.ITWIN_SPARE));
        byte[] image = TestImages.png(300, 200);

        byte[] otherImage = emulator().iTwinImage(DemoData.ITWIN_WITH_IMAGE).orElseThrow();
        // headers as a message from itwin-image-changes-source carries them, and a stray operation
        Exchange result = producer.send("direct:user-image", exchange -> {
            exchange.getMessage().setBody(image);
            exchange.getMessage().setHeader(ITwinConstants.ITWIN_ID, DemoData.ITWIN_WITH_IMAGE);
            exchange.getMessage().setHeader(ITwinConstants.OPERATION, "deleteImage");
        });

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(ITwinConstants.LARGE_IMAGE_NAME, String.class))
                .startsWith("large_");
        assertThat(emulator().iTwinImage(DemoData.ITWIN_SPARE)).hasValue(image);
        assertThat(emulator().iTwinImage(DemoData.ITWIN_WITH_IMAGE)).hasValue(otherImage);
    }

    @Test
    void theThumbnailSinkUploadsTheBodyAsTheIModelsThumbnailTakingTheIdFromTheHeader() throws Exception {
        loadRoute("""
                - route:
                    id: user-thumbnail-sink
                    routeConfigurationId: itwin-resilience
                    from:
                      uri: direct:user-thumbnail
                      steps:
                        - to: kamelet:itwin-thumbnail-sink
                """);
        byte[] before = emulator()
                .iModelThumbnail(DemoData.IMODEL_INITIALIZED, ThumbnailSize.SMALL)
                .orElse(new byte[0]);

        producer.sendBodyAndHeader(
                "direct:user-thumbnail",
                TestImages.jpeg(400, 250),
                ITwinConstants.IMODEL_ID,
                DemoData.IMODEL_INITIALIZED);

        assertThat(emulator().iModelThumbnail(DemoData.IMODEL_INITIALIZED, ThumbnailSize.SMALL))
                .hasValueSatisfying(after -> assertThat(after).isNotEqualTo(before));
    }

    @Test
    void theChangesSourceEmitsTheImagesOfTheWatchedITwins() throws Exception {
        String iTwinId = DemoData.ITWIN_SHARED;
        Map<String, Object> uploaded = producer.send(
                        "itwin:uploadImage?iTwinId=" + iTwinId,
                        exchange -> exchange.getMessage().setBody(TestImages.png(320, 200)))
                .getMessage()
                .getHeaders();
        Path changes = Files.createTempDirectory(Path.of("target"), "kamelet-changes");
        loadRoute("""
                - route:
                    id: user-changes-source
                    routeConfigurationId: itwin-resilience
                    from:
                      uri: "kamelet:itwin-image-changes-source?iTwinIds=%s&startFrom=beginning&delay=200"
                      steps:
                        - setBody:
                            simple: "${header.CamelITwinChangeType} ${header.CamelITwinSmallImageName}"
                        - to: "file:%s?fileName=${header.CamelITwinId}.txt"
                """.formatted(iTwinId, changes.toAbsolutePath()));

        Path event = changes.resolve(iTwinId + ".txt");
        Await.until(
                "the change event",
                TIMEOUT,
                () -> Files.exists(event) && !read(event).isEmpty());
        assertThat(read(event)).isEqualTo("added " + uploaded.get(ITwinConstants.SMALL_IMAGE_NAME));
    }

    private void loadRoute(String yaml) throws Exception {
        var before = camel.getRoutes().stream().map(r -> r.getRouteId()).toList();
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("user-route.camel.yaml", yaml));
        camel.getRoutes().stream()
                .map(r -> r.getRouteId())
                .filter(id -> !before.contains(id))
                .forEach(loadedRoutes::add);
    }

    private ITwinEmulator emulator() {
        return platform.emulator().orElseThrow();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
