package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.platform.PlatformConnection;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.emulator.ThumbnailSize;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.RefusedImages;
import io.camelitwin.testing.RefusedImages.Refused;
import io.camelitwin.testing.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 route against a real S3 server (S3Proxy), uploading to the embedded emulator. */
@QuarkusTest
@QuarkusTestResource(value = S3ProxyResource.class, restrictToAnnotatedClass = true)
class S3RouteTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    PlatformConnection platform;

    @Inject
    CamelContext camel;

    private S3Client s3;

    @BeforeEach
    void connect() {
        // read here, not injected: every test class is a bean of the one application, whose other tests have no S3
        Config config = ConfigProvider.getConfig();
        s3 = S3ProxyResource.client(Map.of(
                "itwin.s3.endpoint", config.getValue("itwin.s3.endpoint", String.class),
                "itwin.s3.access-key", config.getValue("itwin.s3.access-key", String.class),
                "itwin.s3.secret-key", config.getValue("itwin.s3.secret-key", String.class)));
    }

    @AfterEach
    void disconnect() {
        s3.close();
    }

    @Test
    void imagesAndThumbnailsAreUploadedThenMovedToTheDonePrefix() throws InterruptedException {
        byte[] image = TestImages.png(400, 250);
        byte[] thumbnail = TestImages.jpeg(320, 200);
        String imageKey = "itwins/" + DemoData.ITWIN_PLAIN + "/site.png";
        String thumbnailKey = "imodels/" + DemoData.IMODEL_INITIALIZED + "/model.jpg";

        put("inbox/" + imageKey, image);
        put("inbox/" + thumbnailKey, thumbnail);

        Await.until(
                "both objects under done/",
                TIMEOUT,
                () -> exists("done/" + imageKey) && exists("done/" + thumbnailKey));
        assertThat(emulator().iTwinImage(DemoData.ITWIN_PLAIN)).hasValue(image);
        assertThat(emulator().iModelThumbnail(DemoData.IMODEL_INITIALIZED, ThumbnailSize.SMALL))
                .isPresent();
        Await.until("the inbox prefix emptied", TIMEOUT, () -> keys("inbox/").isEmpty());
        assertThat(read("done/" + imageKey)).isEqualTo(image);
    }

    @Test
    void refusedObjectsMoveToTheFailedPrefixWithTheirReasonWithoutAnyRequest() throws InterruptedException {
        long uploadsBefore = uploads();
        List<String> expectedReasons = new ArrayList<>();
        List<String> refusedKeys = new ArrayList<>();
        for (Refused refused : RefusedImages.all()) {
            String key = "itwins/" + DemoData.ITWIN_SPARE + "/" + refused.label() + ".png";
            put("inbox/" + key, refused.bytes());
            refusedKeys.add(key);
            expectedReasons.add(refused.reasonMentions());
        }
        byte[] fine = TestImages.png(40, 30);
        put("inbox/itwins/not-a-guid/site.png", fine);
        refusedKeys.add("itwins/not-a-guid/site.png");
        expectedReasons.add("GUID");
        put("inbox/itwins/" + DemoData.ITWIN_SPARE + "/..\\..\\escape.png", fine);
        refusedKeys.add("itwins/" + DemoData.ITWIN_SPARE + "/..\\..\\escape.png");
        expectedReasons.add("backslashes");
        put("inbox/loose.png", fine);
        refusedKeys.add("loose.png");
        expectedReasons.add("itwins/<iTwinId>");

        Await.until(
                "every refused object under failed/ with its reason",
                TIMEOUT,
                () -> refusedKeys.stream().allMatch(key -> reasonKey(key).isPresent()));
        for (int i = 0; i < refusedKeys.size(); i++) {
            String key = refusedKeys.get(i);
            assertThat(new String(read(reasonKey(key).orElseThrow()), StandardCharsets.UTF_8))
                    .as(key)
                    .startsWith("ITwinValidationException")
                    .contains(expectedReasons.get(i));
            assertThat(deadLetters(key)).as(key).hasSize(1);
        }
        Await.until("the inbox prefix emptied", TIMEOUT, () -> keys("inbox/").isEmpty());
        assertThat(uploads()).isEqualTo(uploadsBefore);
        assertThat(camel.getRouteController().getRouteStatus("s3-to-itwin")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anObjectMovedBackFromTheFailedPrefixIsUploadedAgain() throws InterruptedException {
        String iTwinId = UUID.randomUUID().toString();
        String key = "itwins/" + iTwinId + "/late.png";
        byte[] image = TestImages.png(200, 100);
        put("inbox/" + key, image);
        Await.until("the 404 under failed/", TIMEOUT, () -> reasonKey(key).isPresent());
        assertThat(new String(read(reasonKey(key).orElseThrow()), StandardCharsets.UTF_8))
                .contains("404");

        // replay as documented: the dead letter's key, suffix and all, moved back under the watched prefix
        emulator().addITwin(iTwinId, "Created after the first attempt", DemoData.DEMO_CLIENT_ID);
        String deadLetter = deadLetters(key).get(0);
        String replayed = deadLetter.substring("failed/".length());
        s3.copyObject(b -> b.sourceBucket(S3ProxyResource.BUCKET)
                .sourceKey(deadLetter)
                .destinationBucket(S3ProxyResource.BUCKET)
                .destinationKey("inbox/" + replayed));
        s3.deleteObject(b -> b.bucket(S3ProxyResource.BUCKET).key(deadLetter));

        Await.until("the replayed object under done/", TIMEOUT, () -> exists("done/" + replayed));
        assertThat(emulator().iTwinImage(iTwinId)).hasValue(image);
    }

    @Test
    void aSecondRefusalUnderTheSameKeyDoesNotReplaceTheFirst() throws InterruptedException {
        String key = "itwins/" + DemoData.ITWIN_SPARE + "/thumbnail.png";
        byte[] first = TestImages.gif(30, 20);
        byte[] second = TestImages.gif(31, 21);
        put("inbox/" + key, first);
        Await.until("the first under failed/", TIMEOUT, () -> reasonKey(key).isPresent());
        put("inbox/" + key, second);
        Await.until("the second under failed/", TIMEOUT, () -> deadLetters(key).size() == 2);

        List<String> deadLetters = deadLetters(key);
        assertThat(deadLetters.stream().map(this::read))
                .as("both originals, oldest first")
                .containsExactly(first, second);
        Await.until("both reasons", TIMEOUT, () -> deadLetters.stream().allMatch(d -> exists(d + ".reason.txt")));
    }

    /** The keys of {@code key}'s dead letters under failed/ (oldest first): the documented suffix before the extension. */
    private List<String> deadLetters(String key) {
        return keys("failed/").stream()
                .filter(k -> DeadLetters.isDeadLetterOf(k, "failed/" + key))
                .sorted()
                .toList();
    }

    private java.util.Optional<String> reasonKey(String key) {
        return keys("failed/").stream()
                .filter(k -> DeadLetters.isReasonOf(k, "failed/" + key))
                .findFirst();
    }

    /**
     * The journal is what keeps an object uploaded just before a crash (or whose delete failed) from being sent twice:
     * the same ETag again for the same iTwin is compared with the platform's copy first. Shown here with the object
     * put back after its first upload, which takes the same path through the journal.
     */
    @Test
    void anObjectThePlatformHasAlreadyIsComparedNotUploadedAgain() throws InterruptedException {
        String iTwinId = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, 1).get(0);
        String key = "itwins/" + iTwinId + "/plan.png";
        byte[] image = TestImages.distinctPng(41);
        put("inbox/" + key, image);
        Await.until("the first upload done", TIMEOUT, () -> exists("done/" + key) && !exists("inbox/" + key));
        s3.deleteObject(b -> b.bucket(S3ProxyResource.BUCKET).key("done/" + key));

        put("inbox/" + key, image);
        Await.until("the object done again", TIMEOUT, () -> exists("done/" + key) && !exists("inbox/" + key));
        assertThat(uploadsTo(iTwinId)).as("uploads of the same object").isEqualTo(1);

        byte[] changed = TestImages.distinctPng(42);
        put("inbox/" + key, changed);
        Await.until(
                "the changed object uploaded",
                TIMEOUT,
                () -> emulator()
                        .iTwinImage(iTwinId)
                        .map(stored -> Arrays.equals(stored, changed))
                        .orElse(false));
        assertThat(uploadsTo(iTwinId)).isEqualTo(2);
    }

    private long uploadsTo(String iTwinId) {
        return emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.method().equals("PUT") && r.path().equals("/itwins/" + iTwinId + "/image"))
                .count();
    }

    private ITwinEmulator emulator() {
        return platform.emulator().orElseThrow();
    }

    private long uploads() {
        return emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .map(RecordedRequest::method)
                .filter("PUT"::equals)
                .count();
    }

    private void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(S3ProxyResource.BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private byte[] read(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(S3ProxyResource.BUCKET).key(key))
                .asByteArray();
    }

    private boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(S3ProxyResource.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(S3ProxyResource.BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }
}
