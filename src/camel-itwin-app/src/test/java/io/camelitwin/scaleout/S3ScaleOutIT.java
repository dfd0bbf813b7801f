package io.camelitwin.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.S3ProxyResource;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.reliability.ApplicationProcess;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.RedisServerExtension;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two replicas of the packaged application over one bucket (S3Proxy), with one real Redis and the file-lock cluster
 * service: every object is uploaded exactly once, by whichever replica leads the S3 route, and none is lost or sent
 * twice when the leader is killed ({@code kill -9}) at the worst moment: after the platform stored an upload and before
 * its answer reached the replica, so that the object is still in the bucket for the next leader. The emulator's
 * request log is the witness.
 */
class S3ScaleOutIT {

    private static final Logger LOG = LoggerFactory.getLogger(S3ScaleOutIT.class);

    private static final int OBJECTS = 24;
    /** The leader dies while the platform stores this upload, before answering it. */
    private static final int KILL_AT = 8;

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String PREFIX = "inbox/";
    private static final String DONE = "done/";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @TempDir
    Path work;

    private final String clientId = "s3-scale-out-" + UUID.randomUUID();
    private final String clientSecret = "s3-scale-out-secret-" + UUID.randomUUID();
    private final S3ProxyResource s3Proxy = new S3ProxyResource();
    private final List<ApplicationProcess> replicas = new ArrayList<>();
    private ITwinEmulator emulator;
    private Map<String, String> s3Configuration;
    private S3Client s3;

    @BeforeEach
    void start() throws IOException {
        assertThat(ApplicationProcess.RUNNER)
                .as("the packaged application (mvn package)")
                .exists();
        SecretsLedger.record(clientSecret);
        emulator = ITwinEmulator.builder().demoData(false).start();
        emulator.onTokenIssued(SecretsLedger::record);
        emulator.onBlobUrlSigned(SecretsLedger::recordSignature);
        emulator.addClient(clientId, clientSecret);
        s3Configuration = s3Proxy.start();
        s3 = S3ProxyResource.client(s3Configuration);
    }

    @AfterEach
    void stop() throws Exception {
        for (ApplicationProcess replica : replicas) {
            replica.close();
        }
        if (s3 != null) {
            s3.close();
        }
        s3Proxy.stop();
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void twoReplicasOverOneBucketUploadEachObjectOnceAndLoseNoneWhenTheLeaderIsKilled() throws Exception {
        Path routes = ApplicationProcess.shippedRoutesIn(work);
        ApplicationProcess first = replica("a", routes);
        first.awaitLine(line -> line.contains("Leadership taken") && line.contains("aws2-s3"), TIMEOUT, "S3 lead");
        ApplicationProcess second = replica("b", routes);
        second.awaitLine(line -> line.contains("started in"), TIMEOUT, "start");

        AtomicInteger stored = new AtomicInteger();
        emulator.onITwinImageStored(iTwinId -> {
            if (stored.incrementAndGet() == KILL_AT) {
                // on the emulator's thread, before it answers: the upload is kept, its answer never arrives
                first.kill();
            }
        });
        Map<String, byte[]> imageByITwin = new LinkedHashMap<>();
        for (int i = 0; i < OBJECTS; i++) {
            String iTwinId = UUID.randomUUID().toString();
            emulator.addITwin(iTwinId, "S3 scale-out " + i, clientId);
            byte[] image = TestImages.distinctPng(300 + i);
            imageByITwin.put(iTwinId, image);
            s3.putObject(b -> b.bucket(bucket()).key(PREFIX + key(iTwinId)), RequestBody.fromBytes(image));
        }

        Await.until(
                "every object under " + DONE + " and none left under " + PREFIX,
                Duration.ofMinutes(3),
                () -> keys(PREFIX).isEmpty() && keys(DONE).size() == OBJECTS,
                () -> keys(PREFIX).size() + " left, " + keys(DONE).size() + " done, " + stored.get() + " stored");

        assertThat(first.isAlive()).as("the first leader was killed").isFalse();
        assertThat(second.lines(line -> line.contains("Uploaded s3://")))
                .as("the second replica took over")
                .isNotEmpty();
        Map<String, Long> uploadsByITwin = uploadRequests().stream()
                .collect(Collectors.groupingBy(r -> r.path().split("/")[2], Collectors.counting()));
        assertThat(uploadsByITwin)
                .as("upload requests per iTwin, in the emulator's log")
                .containsOnlyKeys(imageByITwin.keySet())
                .allSatisfy((iTwinId, count) -> assertThat(count).as(iTwinId).isEqualTo(1L));
        imageByITwin.forEach((iTwinId, image) -> assertThat(emulator.iTwinImage(iTwinId))
                .as("image of %s", iTwinId)
                .hasValue(image));
        assertThat(keys("failed/")).as("dead letters").isEmpty();
        LOG.info(
                "{} objects, {} upload requests, the leader killed at the {}th upload; replica b uploaded {}",
                OBJECTS,
                uploadRequests().size(),
                KILL_AT,
                second.lines(line -> line.contains("Uploaded s3://")).size());
    }

    /** Redis down: the journal cannot be written, so nothing is sent, and the object waits under the prefix. */
    @Test
    void anObjectWaitsUnderThePrefixWhileTheJournalCannotBeWritten() throws Exception {
        ApplicationProcess replica = replica("a", ApplicationProcess.shippedRoutesIn(work));
        replica.awaitLine(line -> line.contains("Leadership taken") && line.contains("aws2-s3"), TIMEOUT, "S3 lead");
        String iTwinId = UUID.randomUUID().toString();
        emulator.addITwin(iTwinId, "S3 while Redis is down", clientId);
        byte[] image = TestImages.distinctPng(400);

        REDIS.stop();
        try {
            s3.putObject(b -> b.bucket(bucket()).key(PREFIX + key(iTwinId)), RequestBody.fromBytes(image));
            replica.awaitLine(line -> line.contains("The upload journal in Redis cannot be reached"), TIMEOUT, "wait");
            assertThat(keys(PREFIX)).containsExactly(PREFIX + key(iTwinId));
            assertThat(keys("failed/")).as("dead letters").isEmpty();
            assertThat(uploadRequests()).isEmpty();
        } finally {
            REDIS.start();
        }

        Await.until("the object under " + DONE, TIMEOUT, () -> keys(DONE).contains(DONE + key(iTwinId)));
        assertThat(uploadRequests()).hasSize(1);
        assertThat(emulator.iTwinImage(iTwinId)).hasValue(image);
        assertThat(keys("failed/")).as("dead letters").isEmpty();
    }

    private ApplicationProcess replica(String name, Path routes) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("ITWIN_PLATFORM", "bentley");
        env.put("ITWIN_CLIENT_ID", clientId);
        env.put("ITWIN_CLIENT_SECRET", clientSecret);
        env.put("ITWIN_BASE_URL", emulator.baseUrl());
        env.put("ITWIN_TOKEN_URL", emulator.tokenUrl());
        env.put("ITWIN_REDIS_URL", REDIS.url());
        env.put("ITWIN_RATE_LIMIT_REPLICAS", "2");
        env.put("ITWIN_CLUSTER_SERVICE", "file");
        env.put("ITWIN_CLUSTER_FILE_ROOT", work.resolve("cluster").toString());
        env.put("ITWIN_ROUTES_DIR", routes.toString());
        // the bucket is the only source: no change sync, nothing in the folder
        env.put("ITWIN_SYNC_ENABLED", "false");
        env.put("ITWIN_S3_ENABLED", "true");
        env.put("ITWIN_S3_BUCKET", bucket());
        env.put("ITWIN_S3_PREFIX", PREFIX);
        env.put("ITWIN_S3_DONE_PREFIX", DONE);
        env.put("ITWIN_S3_POLL_DELAY", "300");
        env.put("ITWIN_S3_ENDPOINT", s3Configuration.get("itwin.s3.endpoint"));
        env.put("ITWIN_S3_ACCESS_KEY", s3Configuration.get("itwin.s3.access-key"));
        env.put("ITWIN_S3_SECRET_KEY", s3Configuration.get("itwin.s3.secret-key"));
        ApplicationProcess replica =
                new ApplicationProcess("S3ScaleOutIT-" + name).directory(work.resolve("replica-" + name));
        env.forEach(replica::env);
        replicas.add(replica);
        return replica.start();
    }

    private String bucket() {
        return s3Configuration.get("itwin.s3.bucket");
    }

    private static String key(String iTwinId) {
        return "itwins/" + iTwinId + "/site.png";
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private List<RecordedRequest> uploadRequests() {
        return emulator.requests(clientId).stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("/image"))
                .toList();
    }
}
