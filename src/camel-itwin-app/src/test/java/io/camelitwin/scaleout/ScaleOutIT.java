package io.camelitwin.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.client.ITwinPlatformClient;
import io.camelitwin.client.auth.ClientCredentialsTokenProvider;
import io.camelitwin.client.model.ImageContent;
import io.camelitwin.client.ratelimit.PlatformRateLimiter;
import io.camelitwin.emulator.ITwinEmulator;
import io.camelitwin.emulator.RateLimitSettings;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.reliability.ApplicationProcess;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.RedisServerExtension;
import io.camelitwin.testing.SecretsLedger;
import io.camelitwin.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two replicas of the packaged application on one machine, as issue 11 asks: one OAuth client, one real Redis (the
 * shared rate budget and change-detection state), the file-lock cluster service (a shared folder), the emulator as the
 * platform, the shipped routes. Together, driven above the client's limit, they stay under it with no 429; only the
 * leader polls; killed with {@code kill -9}, it is replaced, and every change on the emulator's record is delivered by
 * the change sync exactly once.
 */
class ScaleOutIT {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutIT.class);

    /** The platform's limit for the test's OAuth client, and the budget the replicas share. */
    private static final int PER_MINUTE = 60;

    private static final int FILES_PER_REPLICA = 15;
    private static final Predicate<String> LIST_REQUEST = line -> line.contains("GET /itwins?");
    /** The change sync route's log line: iTwin id and the new small image name. */
    private static final Pattern CHANGE_LOG = Pattern.compile("on iTwin ([0-9a-f-]{36}) \\(.* -> (\\S+)\\)");

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @TempDir
    Path work;

    private ITwinEmulator emulator;
    private final String clientId = "scale-out-" + UUID.randomUUID();
    private final String clientSecret = "scale-out-secret-" + UUID.randomUUID();
    private final String editorId = "editor-" + UUID.randomUUID();
    private final String editorSecret = "editor-secret-" + UUID.randomUUID();
    private final List<ApplicationProcess> replicas = new ArrayList<>();

    @BeforeEach
    void startPlatform() throws IOException {
        assertThat(ApplicationProcess.RUNNER)
                .as("the packaged application (mvn package)")
                .exists();
        SecretsLedger.record(clientSecret);
        SecretsLedger.record(editorSecret);
        emulator = ITwinEmulator.builder()
                .demoData(false)
                .rateLimits(new RateLimitSettings("Test", PER_MINUTE, 100_000))
                .start();
        emulator.onTokenIssued(SecretsLedger::record);
        emulator.onBlobUrlSigned(SecretsLedger::recordSignature);
        emulator.addClient(clientId, clientSecret);
        emulator.addClient(editorId, editorSecret);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (ApplicationProcess replica : replicas) {
            replica.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void twoReplicasShareOneBudgetPollOnceAndFailOverWithoutMissingOrRepeatingAChange() throws Exception {
        List<String> uploadTargets = iTwins(2 * FILES_PER_REPLICA);
        List<String> editedTargets = iTwins(3);
        Path routes = ApplicationProcess.shippedRoutesIn(work);
        ApplicationProcess first = replica("a", routes);
        first.awaitLine(LIST_REQUEST, Duration.ofSeconds(90), "poll as the first leader");
        ApplicationProcess second = replica("b", routes);
        second.awaitLine(line -> line.contains("started in"), Duration.ofSeconds(90), "start");

        // driven above the limit together: 30 uploads, 30 change look-ups and the polls, against 60 a minute
        Instant driveStart = Instant.now();
        for (int i = 0; i < uploadTargets.size(); i++) {
            ApplicationProcess replica = i % 2 == 0 ? first : second;
            drop(replica, uploadTargets.get(i), i);
        }
        awaitUploaded(uploadTargets.size(), Duration.ofMinutes(3));
        awaitEvents(uploadTargets.size(), Duration.ofMinutes(2));
        Duration drive = Duration.between(driveStart, Instant.now());

        List<RecordedRequest> requests = emulator.requests(clientId);
        assertThat(requests).filteredOn(r -> r.status() == 429).as("429s").isEmpty();
        assertThat(emulator.earlyRequestCount(clientId)).isZero();
        assertThat(requests.size()).as("requests sent in %s", drive).isGreaterThan(PER_MINUTE);
        // a token bucket allows its capacity at once plus its refill: the most one budget can send in a minute
        assertThat(maxInAnyMinute(requests)).isLessThan(2L * PER_MINUTE);
        assertThat(second.lines(LIST_REQUEST)).as("the follower never polled").isEmpty();
        LOG.info(
                "Two replicas sent {} requests in {} at a shared limit of {}/minute: {} in the busiest minute, no 429",
                requests.size(),
                drive,
                PER_MINUTE,
                maxInAnyMinute(requests));

        // kill -9 of the leader, changes made while nobody leads, and after
        ITwinPlatformClient editor = editor();
        first.kill();
        Instant killed = Instant.now();
        Map<String, String> edits = new TreeMap<>();
        edits.put(editedTargets.get(0), upload(editor, editedTargets.get(0), 100));
        second.awaitLine(LIST_REQUEST, Duration.ofSeconds(60), "poll after taking over");
        Duration takeover = Duration.between(killed, Instant.now());
        edits.put(editedTargets.get(1), upload(editor, editedTargets.get(1), 101));
        edits.put(editedTargets.get(2), upload(editor, editedTargets.get(2), 102));
        awaitEvents(uploadTargets.size() + edits.size(), Duration.ofSeconds(60));
        LOG.info("The follower took over {} after the leader was killed", takeover);
        assertThat(takeover).isLessThan(Duration.ofSeconds(30));

        Map<String, Long> emitted = emittedChanges();
        assertThat(emitted.values()).as("every change emitted once").containsOnly(1L);
        assertThat(emitted.keySet()).isEqualTo(changesOnRecord());
        assertThat(emitted.keySet())
                .containsAll(edits.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList());
    }

    private ApplicationProcess replica(String name, Path routes) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("ITWIN_PLATFORM", "bentley");
        env.put("ITWIN_CLIENT_ID", clientId);
        env.put("ITWIN_CLIENT_SECRET", clientSecret);
        env.put("ITWIN_BASE_URL", emulator.baseUrl());
        env.put("ITWIN_TOKEN_URL", emulator.tokenUrl());
        env.put("CAMEL_COMPONENT_ITWIN_REQUESTS_PER_MINUTE", String.valueOf(PER_MINUTE));
        env.put("CAMEL_COMPONENT_ITWIN_REQUESTS_PER_HOUR", "0");
        env.put("ITWIN_REDIS_URL", REDIS.url());
        env.put("ITWIN_RATE_LIMIT_REPLICAS", "2");
        env.put("ITWIN_CLUSTER_SERVICE", "file");
        env.put("ITWIN_CLUSTER_FILE_ROOT", work.resolve("cluster").toString());
        env.put("ITWIN_ROUTES_DIR", routes.toString());
        env.put("ITWIN_SYNC_POLL_DELAY", "2000");
        ApplicationProcess replica = new ApplicationProcess("ScaleOutIT-" + name)
                .directory(work.resolve("replica-" + name))
                // every request the replica sends, so that the test sees which replica polls
                .jvmOption("-Dquarkus.log.category.\"io.camelitwin.client.internal.PlatformHttp\".level=DEBUG");
        env.forEach(replica::env);
        replicas.add(replica);
        return replica.start();
    }

    private List<String> iTwins(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            emulator.addITwin(id, "Scale-out " + i, clientId, editorId);
            ids.add(id);
        }
        return ids;
    }

    private void drop(ApplicationProcess replica, String iTwinId, int variant) throws IOException {
        Path target = Files.createDirectories(replica.directory().resolve("data/inbox/itwins/" + iTwinId));
        Path written = Files.write(replica.directory().resolve(iTwinId + ".tmp"), TestImages.distinctPng(variant));
        Files.move(written, target.resolve("image.png"));
    }

    private ITwinPlatformClient editor() {
        return ITwinPlatformClient.builder()
                .baseUrl(emulator.baseUrl())
                .tokenProvider(ClientCredentialsTokenProvider.builder()
                        .tokenUrl(emulator.tokenUrl())
                        .clientId(editorId)
                        .clientSecret(editorSecret)
                        .build())
                .rateLimiter(PlatformRateLimiter.unlimited())
                .build();
    }

    private static String upload(ITwinPlatformClient editor, String iTwinId, int variant) {
        return editor.uploadITwinImage(iTwinId, ImageContent.of(TestImages.distinctPng(variant), "image/png"))
                .smallImageName();
    }

    private void awaitUploaded(int count, Duration timeout) {
        awaitCount(() -> uploadsAccepted().size(), count, timeout, "uploads accepted");
    }

    private void awaitEvents(int count, Duration timeout) {
        awaitCount(
                () -> emittedChanges().values().stream()
                        .mapToLong(Long::longValue)
                        .sum(),
                count,
                timeout,
                "change events");
    }

    private static void awaitCount(LongSupplier actual, long expected, Duration timeout, String what) {
        Await.until(
                expected + " " + what,
                timeout,
                () -> actual.getAsLong() >= expected,
                () -> actual.getAsLong() + " so far");
    }

    private List<RecordedRequest> uploadsAccepted() {
        return emulator.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("/image") && r.status() == 201)
                .toList();
    }

    /** "iTwinId smallImageName" for every image the emulator accepted (each iTwin here gets one upload, so its current one). */
    private Set<String> changesOnRecord() {
        ITwinPlatformClient editor = editor();
        return uploadsAccepted().stream()
                .map(r -> r.path().split("/")[2])
                .map(iTwinId -> iTwinId + " " + editor.getITwinImage(iTwinId).smallImageName())
                .collect(Collectors.toSet());
    }

    /** "iTwinId smallImageName" of every change either replica's change sync delivered, with how many times. */
    private Map<String, Long> emittedChanges() {
        return replicas.stream()
                .flatMap(replica -> replica.lines(line -> line.contains("Change detected: image")).stream())
                .map(CHANGE_LOG::matcher)
                .filter(Matcher::find)
                .collect(Collectors.groupingBy(m -> m.group(1) + " " + m.group(2), Collectors.counting()));
    }

    private static long maxInAnyMinute(List<RecordedRequest> requests) {
        List<Long> times =
                requests.stream().map(RecordedRequest::nanoTime).sorted().toList();
        long max = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(end) - times.get(start) >= Duration.ofMinutes(1).toNanos()) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }
}
