package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.error.ITwinValidationException;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.converter.stream.ByteArrayInputStreamCache;
import org.apache.camel.converter.stream.FileInputStreamCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests the platform would refuse are refused before sending, each with its own message: not one request, not even
 * a token request, reaches the emulator.
 */
class ValidationBeforeSendingTest extends EmulatorCamelTestSupport {

    private static final String ITWIN = DemoData.ITWIN_PLAIN;

    @AfterEach
    void nothingReachedThePlatform() {
        assertThat(emulator().requests()).isEmpty();
        assertThat(emulator().tokenRequestCount(DemoData.DEMO_CLIENT_ID)).isZero();
    }

    @Test
    void idsThatAreNotGuidsAreRefused() {
        assertRefused(send("itwin:getImage", null, Map.of(ITwinConstants.ITWIN_ID, "../../admin")), "iTwinId", "GUID");
        assertRefused(send("itwin:getThumbnail", null, Map.of(ITwinConstants.IMODEL_ID, "12345")), "iModelId", "GUID");
    }

    @Test
    void idsThatWouldChangeThePathOrQueryAreRefused() {
        assertRefused(
                send("itwin:getGraphics?resourceId=r", null, Map.of(ITwinConstants.REPOSITORY_ID, "a/../b")),
                "repositoryId",
                "repositoryId");
        assertRefused(
                send("itwin:getGraphics?repositoryId=r", null, Map.of(ITwinConstants.RESOURCE_ID, "x?y=1")),
                "resourceId",
                "resourceId");
    }

    @Test
    void aMissingIdNamesTheOptionAndTheHeader() {
        assertRefused(send("itwin:getImage", null, Map.of()), "iTwinId", "CamelITwinId");
    }

    @Test
    void anUnknownSizeIsRefused() {
        assertRefused(
                send(
                        "itwin:getThumbnail?iModelId=" + DemoData.IMODEL_INITIALIZED,
                        null,
                        Map.of(ITwinConstants.SIZE, "medium")),
                "size",
                "'small' or 'large'");
    }

    @Test
    void anUnknownOperationHeaderNamesTheHeaderAndListsTheOperations() {
        Exchange exchange =
                send("itwin:getImage?iTwinId=" + ITWIN, null, Map.of(ITwinConstants.OPERATION, "uploadImages"));

        assertRefused(exchange, ITwinConstants.OPERATION, "'uploadImages'");
        assertThat(exchange.getException().getMessage())
                .contains(ITwinConstants.OPERATION)
                .contains("getImage", "uploadImage", "deleteImage", "downloadImage", "getThumbnail")
                .contains("uploadThumbnail", "getGraphics", "listITwins");
    }

    @Test
    void theConsumerOperationIsRefusedAsAProducerOperation() {
        assertRefused(
                send("itwin:getImage?iTwinId=" + ITWIN, null, Map.of(ITwinConstants.OPERATION, "imageChanges")),
                ITwinConstants.OPERATION,
                "'imageChanges'");
    }

    @Test
    void aGifIsRefused() {
        assertRefused(upload(TestImages.gif(300, 200), Map.of()), "body", "GIF");
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertRefused(upload(new byte[0], Map.of()), "body", "empty");
    }

    @Test
    void anImageOverFiveMegabytesIsRefused() {
        byte[] big = new byte[6 * 1024 * 1024];
        System.arraycopy(TestImages.png(10, 10), 0, big, 0, 8);
        assertRefused(upload(big, Map.of()), "body", "5242880");
    }

    @Test
    void anImageMoreThanFiveTimesWiderThanHighIsRefused() {
        assertRefused(upload(TestImages.png(600, 100), Map.of()), "body", "600x100");
    }

    @Test
    void aJpegDeclaredAsPngIsRefused() {
        assertRefused(
                upload(TestImages.jpeg(300, 200), Map.of(ITwinConstants.CONTENT_TYPE, "image/png")),
                "contentType",
                "image/png");
    }

    @Test
    void aTruncatedPngIsRefused() {
        assertRefused(upload(TestImages.withoutLast(TestImages.png(300, 200), 20), Map.of()), "body", "");
    }

    /** A cached copy of a stream (as the S3 route makes) can be read to its end before sending, so it is. */
    @Test
    void aTruncatedPngInAStreamCacheIsRefusedThoughItsLengthIsRight(@TempDir Path scratch) throws IOException {
        byte[] truncated = TestImages.withoutLast(TestImages.png(300, 200), 20);
        Map<String, Object> length = Map.of("CamelAwsS3ContentLength", (long) truncated.length);

        assertRefused(
                upload(new ByteArrayInputStreamCache(new ByteArrayInputStream(truncated)), length),
                "body",
                "truncated");
        Path spooled = Files.write(scratch.resolve("spooled.tmp"), truncated);
        assertRefused(upload(new FileInputStreamCache(spooled.toFile()), length), "body", "truncated");
    }

    @Test
    void aStreamCacheShorterThanItsDeclaredLengthIsRefused() {
        byte[] png = TestImages.png(300, 200);
        assertRefused(
                upload(
                        new ByteArrayInputStreamCache(new ByteArrayInputStream(png)),
                        Map.of("CamelAwsS3ContentLength", png.length + 10L)),
                "body",
                "truncated");
    }

    @Test
    void aThumbnailIsNotHeldToTheRatioRuleButToTheFormat() {
        assertRefused(
                send(
                        "itwin:uploadThumbnail?iModelId=" + DemoData.IMODEL_INITIALIZED,
                        TestImages.gif(800, 500),
                        Map.of()),
                "body",
                "GIF");
    }

    private Exchange upload(Object body, Map<String, Object> headers) {
        return send("itwin:uploadImage?iTwinId=" + ITWIN, body, headers);
    }

    private Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
    }

    private static void assertRefused(Exchange exchange, String field, String messagePart) {
        ITwinValidationException e = exchange.getException(ITwinValidationException.class);
        assertThat(e).as("refused with an ITwinValidationException").isNotNull();
        assertThat(e.getField()).isEqualTo(field);
        assertThat(e.getMessage()).contains(messagePart);
    }
}
