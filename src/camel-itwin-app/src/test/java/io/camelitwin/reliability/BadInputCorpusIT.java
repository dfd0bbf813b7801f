package io.camelitwin.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.camelitwin.app.ArtemisResource;
import io.camelitwin.app.S3ProxyResource;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.DeadLetters;
import io.camelitwin.testing.TestImages;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A corpus of bad input through every source the application ships (the watched folder, an S3 prefix, a queue), each
 * in one batch to one start of the packaged application: each item is refused before any request is sent, and kept
 * with its reason where that source's user looks (the failed folder, the failed prefix, the dead-letter queue); the
 * route goes on: the good items sent after the bad ones, odd and non-ASCII names included, are uploaded.
 */
class BadInputCorpusIT extends ReliabilityTestSupport {

    private static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Duration HANDLED = Duration.ofMinutes(2);
    private static final String LAYOUT = "the path must be itwins/<iTwinId>/<name>.png";
    private static final String QUEUE = "corpus.images";
    private static final String DEAD_LETTERS = "corpus.images.dead-letter";

    /** Ids that are no GUID, a path traversal among them (encoded, and with dots inside). */
    private static final List<String> BAD_IDS = List.of("not-a-guid", "%2e%2e%2fadmin", "x..y", "../../itwins");

    /**
     * An image every source must refuse for its bytes or their declared type: the file name (whose extension declares
     * the type to the folder and S3 routes), the media type a queue message declares, the bytes, and a piece of the
     * reason given for a file or object and for a message.
     */
    private record BadImage(String name, String mediaType, byte[] content, String fileReason, String messageReason) {
        BadImage(String name, byte[] content, String reason) {
            this(name, name.endsWith(".png") ? "image/png" : "image/jpeg", content, reason, reason);
        }
    }

    private static List<BadImage> badImages() {
        return List.of(
                new BadImage(
                        "animation.gif",
                        "image/gif",
                        TestImages.gif(200, 100),
                        "must end with .png, .jpg or .jpeg",
                        "GIF images are not"),
                new BadImage("gif-inside.png", TestImages.gif(200, 100), "GIF images are not"),
                new BadImage("truncated.png", TestImages.withoutLast(TestImages.png(200, 100), 12), "truncated"),
                new BadImage("empty.png", new byte[0], "the image is empty"),
                new BadImage(
                        "too-big.png",
                        Arrays.copyOf(TestImages.png(200, 100), MAX_BYTES + 1),
                        "at most " + MAX_BYTES + " bytes"),
                new BadImage("panorama.png", TestImages.png(600, 100), "6.0:1"),
                new BadImage("photo.png", TestImages.jpeg(200, 100), "the bytes are a JPEG"));
    }

    /** Good images with the odd names a user may give them, sent after the bad ones. */
    private static final Map<String, byte[]> GOOD_IMAGES = Map.of(
            "Ünïcødé Übersicht 北京.png", TestImages.distinctPng(1),
            "it's #1 (final) & 100%.jpg", TestImages.jpeg(200, 100),
            "-leading dash, comma.png", TestImages.distinctPng(2));

    @Test
    void theFolderRouteRefusesEveryBadFileWithItsReasonWithoutARequestAndGoesOn() throws Exception {
        Iterator<String> ids = emulator.seedITwins(DemoData.DEMO_CLIENT_ID, 16).iterator();
        Path outside = Files.write(work.resolve("outside.png"), TestImages.png(200, 100));
        // the truncated and the empty image wait for this long (they may still be being written), then are refused
        ApplicationProcess application = application("folder")
                .configuration(Map.of("itwin.folder.incomplete-quiet-time", "3000"))
                .start();
        Await.until("ready", HANDLED, application::ready);

        List<Refusal> refusals = new ArrayList<>();
        for (BadImage bad : badImages()) {
            refusals.add(new Refusal("itwins/" + ids.next() + "/" + bad.name(), bad.content(), bad.fileReason()));
        }
        // a folder name cannot hold a '/': "../../itwins" would be folders outside the inbox
        BAD_IDS.stream()
                .filter(badId -> !badId.contains("/"))
                .forEach(badId -> refusals.add(
                        new Refusal("itwins/" + badId + "/plan.png", TestImages.png(200, 100), "must be a GUID")));
        String lineBreakId = ids.next();
        refusals.add(new Refusal(
                "itwins/" + lineBreakId + "/line\nbreak.png",
                "itwins/" + lineBreakId + "/line_break.png",
                TestImages.png(200, 100),
                "control character"));
        refusals.add(new Refusal("itwins/" + ids.next() + "/nested/plan.png", TestImages.png(200, 100), LAYOUT));
        refusals.add(new Refusal("plan.png", TestImages.png(200, 100), LAYOUT));
        for (Refusal refusal : refusals) {
            drop(refusal.inboxPath(), refusal.content());
        }
        String link = "itwins/" + ids.next() + "/link.png";
        Files.createDirectories(inbox().resolve(link).getParent());
        Files.createSymbolicLink(inbox().resolve(link), outside);
        refusals.add(new Refusal(link, null, "symbolic link"));
        String environ = "itwins/" + ids.next() + "/environ.png";
        Files.createDirectories(inbox().resolve(environ).getParent());
        Files.createSymbolicLink(inbox().resolve(environ), Path.of("/proc/self/environ"));
        refusals.add(new Refusal(environ, null, "symbolic link to /proc/self/environ"));
        Files.createDirectories(inbox().resolve("itwins/" + ids.next() + "/empty-folder"));

        Map<String, String> goodIds = new HashMap<>();
        GOOD_IMAGES.forEach((name, content) -> {
            String id = ids.next();
            goodIds.put(id, name);
            drop("itwins/" + id + "/" + name, content);
        });

        Await.until(
                "every file handled",
                HANDLED,
                () -> filesUnder(inbox()).isEmpty()
                        && goodIds.keySet().stream()
                                .allMatch(id -> emulator.iTwinImage(id).isPresent()));

        for (Refusal refusal : refusals) {
            List<Path> reasons = DeadLetters.reasonsIn(failed(), refusal.failedPath());
            assertThat(reasons).as("reason for %s", refusal.inboxPath()).hasSize(1);
            assertThat(Files.readString(reasons.get(0), StandardCharsets.UTF_8))
                    .as("reason for %s", refusal.inboxPath())
                    .contains(refusal.reason());
            List<Path> kept = DeadLetters.in(failed(), refusal.failedPath());
            if (refusal.content() == null) {
                assertThat(kept)
                        .as("a link leaves its reason only: %s", refusal.inboxPath())
                        .isEmpty();
            } else {
                assertThat(kept)
                        .as("the refused file kept for %s", refusal.inboxPath())
                        .hasSize(1);
                assertThat(Files.readAllBytes(kept.get(0))).isEqualTo(refusal.content());
            }
        }
        // the environment's entries, as /proc/self/environ holds them, are nowhere
        String pathEntry = "PATH=" + System.getenv("PATH");
        for (Path file : filesUnder(failed())) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(pathEntry);
        }
        assertThat(application.logText()).contains("Dead letter").doesNotContain(pathEntry);
        assertOnlyTheGoodImagesWereSent(goodIds.keySet());
        assertThat(application.isAlive()).isTrue();
        assertThat(application.ready()).isTrue();
    }

    @Test
    void theS3RouteRefusesEveryBadObjectWithItsReasonWithoutARequestAndGoesOn() throws Exception {
        Iterator<String> ids = emulator.seedITwins(DemoData.DEMO_CLIENT_ID, 16).iterator();
        S3ProxyResource server = new S3ProxyResource();
        Map<String, String> configuration = server.start();
        String bucket = configuration.get("itwin.s3.bucket");
        try (S3Client s3 = S3ProxyResource.client(configuration)) {
            ApplicationProcess application =
                    application("s3").configuration(configuration).start();
            Await.until("ready", HANDLED, application::ready);

            // keys relative to the watched prefix
            List<Refusal> refusals = new ArrayList<>();
            for (BadImage bad : badImages()) {
                refusals.add(new Refusal("itwins/" + ids.next() + "/" + bad.name(), bad.content(), bad.fileReason()));
            }
            for (String badId : BAD_IDS) {
                // a key is no path, but its '/' still makes levels: "../../itwins" is the layout's refusal
                String reason = badId.contains("/") ? LAYOUT : "must be a GUID";
                refusals.add(new Refusal("itwins/" + badId + "/plan.png", TestImages.png(200, 100), reason));
            }
            refusals.add(new Refusal("itwins/../plan.png", TestImages.png(200, 100), "'..' segments"));
            refusals.add(new Refusal(
                    "itwins/" + ids.next() + "/line\nforged.png", TestImages.png(200, 100), "control character"));
            refusals.add(new Refusal("itwins/" + ids.next() + "/nested/plan.png", TestImages.png(200, 100), LAYOUT));
            refusals.add(new Refusal("plan.png", TestImages.png(200, 100), LAYOUT));
            // what an S3 console's "create folder" leaves: an empty object whose key ends with '/'
            refusals.add(new Refusal("itwins/" + ids.next() + "/empty-folder/", new byte[0], LAYOUT));
            for (Refusal refusal : refusals) {
                put(s3, bucket, "inbox/" + refusal.inboxPath(), refusal.content());
            }
            Map<String, String> good = new HashMap<>();
            GOOD_IMAGES.forEach((name, content) -> {
                String id = ids.next();
                good.put(id, name);
                put(s3, bucket, "inbox/itwins/" + id + "/" + name, content);
            });

            Await.until(
                    "every object handled",
                    HANDLED,
                    () -> keys(s3, bucket, "inbox/").isEmpty()
                            && good.keySet().stream()
                                    .allMatch(id -> emulator.iTwinImage(id).isPresent()),
                    () -> "left under inbox/: " + keys(s3, bucket, "inbox/"));

            List<String> failedKeys = keys(s3, bucket, "failed/");
            for (Refusal refusal : refusals) {
                String key = "failed/" + refusal.inboxPath();
                List<String> kept = failedKeys.stream()
                        .filter(k -> DeadLetters.isDeadLetterOf(k, key))
                        .toList();
                assertThat(kept)
                        .as("the refused object kept for %s", refusal.inboxPath())
                        .hasSize(1);
                assertThat(read(s3, bucket, kept.get(0) + ".reason.txt"))
                        .as("reason for %s", refusal.inboxPath())
                        .contains(refusal.reason());
                assertThat(read(s3, bucket, kept.get(0)).getBytes(StandardCharsets.ISO_8859_1))
                        .as("the refused object kept for %s", refusal.inboxPath())
                        .isEqualTo(refusal.content());
            }
            assertThat(application.logText())
                    .contains("Moved s3://" + bucket + "/inbox/")
                    .doesNotContain("\nforged.png");
            good.forEach((id, name) -> assertThat(keys(s3, bucket, "done/itwins/" + id + "/"))
                    .containsExactly("done/itwins/" + id + "/" + name));
            assertOnlyTheGoodImagesWereSent(good.keySet());
            assertThat(application.isAlive()).isTrue();
            assertThat(application.ready()).isTrue();
        } finally {
            server.stop();
        }
    }

    @Test
    void theQueueRouteDeadLettersEveryBadMessageWithItsReasonWithoutARequestAndGoesOn() throws Exception {
        Iterator<String> ids = emulator.seedITwins(DemoData.DEMO_CLIENT_ID, 16).iterator();
        ArtemisResource broker = new ArtemisResource();
        Map<String, String> configuration = new HashMap<>(broker.start());
        configuration.put("itwin.queue.name", QUEUE);
        configuration.put("itwin.queue.dead-letter", DEAD_LETTERS);
        try (JMSContext jms = new JmsConnectionFactory(configuration.get("itwin.queue.broker-url"))
                .createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            ApplicationProcess application =
                    application("queue").configuration(configuration).start();
            Await.until("ready", HANDLED, application::ready);

            List<BadMessage> refusals = new ArrayList<>();
            for (BadImage bad : badImages()) {
                refusals.add(
                        new BadMessage(bad.name(), bad.content(), ids.next(), bad.mediaType(), bad.messageReason()));
            }
            List<String> badIds = new ArrayList<>(BAD_IDS);
            badIds.add(ids.next() + "\nforged log line");
            badIds.add(ids.next() + "/../" + ids.next());
            for (String badId : badIds) {
                refusals.add(
                        new BadMessage("id " + badId, TestImages.png(200, 100), badId, "image/png", "must be a GUID"));
            }
            for (BadMessage refusal : refusals) {
                send(jms, refusal.label(), refusal.body(), refusal.targetId(), refusal.contentType());
            }
            Map<String, String> good = new HashMap<>();
            GOOD_IMAGES.forEach((name, content) -> {
                String id = ids.next();
                good.put(id, name);
                send(jms, name, content, id, null);
            });

            Map<String, Message> deadLetters = new HashMap<>();
            try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(DEAD_LETTERS))) {
                while (deadLetters.size() < refusals.size()) {
                    Message message = consumer.receive(HANDLED.toMillis());
                    assertThat(message)
                            .as("dead letters so far: %s", deadLetters.keySet())
                            .isNotNull();
                    deadLetters.put(message.getStringProperty("case"), message);
                }
            }
            Await.until(
                    "the good messages uploaded",
                    HANDLED,
                    () -> good.keySet().stream()
                            .allMatch(id -> emulator.iTwinImage(id).isPresent()));

            for (BadMessage refusal : refusals) {
                Message deadLetter = deadLetters.get(refusal.label());
                assertThat(deadLetter).as("dead letter for %s", refusal.label()).isNotNull();
                assertThat(deadLetter.getStringProperty("itwinFailureReason"))
                        .as("reason for %s", refusal.label())
                        .startsWith("ITwinValidationException")
                        .contains(refusal.reason());
                // JMS gives no body as null, an empty one included
                byte[] body = deadLetter.getBody(byte[].class);
                assertThat(body == null ? new byte[0] : body)
                        .as("the refused message kept whole for %s", refusal.label())
                        .isEqualTo(refusal.body());
            }
            assertThat(application.logText()).doesNotContain("\nforged log line");
            assertOnlyTheGoodImagesWereSent(good.keySet());
            assertThat(application.isAlive()).isTrue();
            assertThat(application.ready()).isTrue();
        } finally {
            broker.stop();
        }
    }

    /** The platform saw the good images' uploads and nothing else: no request for any refused item. */
    private void assertOnlyTheGoodImagesWereSent(Collection<String> goodIds) {
        assertThat(emulator.requests(DemoData.DEMO_CLIENT_ID))
                .extracting(RecordedRequest::method, RecordedRequest::path)
                .containsExactlyInAnyOrderElementsOf(goodIds.stream()
                        .map(id -> tuple("PUT", "/itwins/" + id + "/image"))
                        .toList());
    }

    private void drop(String relativePath, byte[] content) {
        try {
            Path file = inbox().resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(S3Client s3, String bucket, String key, byte[] content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    /** An object's bytes as ISO-8859-1 text: readable when it is a reason, and byte for byte when it is an image. */
    private static String read(S3Client s3, String bucket, String key) {
        try {
            return new String(
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), StandardCharsets.ISO_8859_1);
        } catch (NoSuchKeyException e) {
            throw new AssertionError("no object " + key + " among " + keys(s3, bucket, ""), e);
        }
    }

    private static List<String> keys(S3Client s3, String bucket, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    /** A message as a sender writes it, plus the property {@code case} that names it, so that its dead letter is found. */
    private static void send(JMSContext jms, String label, byte[] body, String targetId, String contentType) {
        try {
            BytesMessage message = jms.createBytesMessage();
            message.writeBytes(body);
            message.setStringProperty("case", label);
            message.setStringProperty("itwinOperation", "uploadImage");
            message.setStringProperty("itwinTargetId", targetId);
            if (contentType != null) {
                message.setStringProperty("itwinContentType", contentType);
            }
            jms.createProducer().send(jms.createQueue(QUEUE), message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refused message: its label, its body, the target and content type it declares, a piece of the reason. */
    private record BadMessage(String label, byte[] body, String targetId, String contentType, String reason) {}

    /**
     * A refused file: where it was dropped, where the failed folder keeps it (before its dead letter's suffix), its
     * content (none for a link, which leaves its reason only), and a piece of the reason given.
     */
    private record Refusal(String inboxPath, String failedPath, byte[] content, String reason) {
        Refusal(String inboxPath, byte[] content, String reason) {
            this(inboxPath, inboxPath, content, reason);
        }
    }
}
