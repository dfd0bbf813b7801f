package io.camelitwin.resilience;

import io.camelitwin.benchmark.LoadAverage;
import io.camelitwin.benchmark.RateChart;
import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.RequestLimits;
import io.camelitwin.component.ITwinComponent;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.FaultSettings;
import io.camelitwin.emulator.RateLimitSettings;
import io.camelitwin.emulator.RecordedRequest;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the rate-limit figures of docs/benchmarks.md. Each scenario sends the same number of getImage calls,
 * four at a time, starting from full buckets on both sides; the ideal time is what perfect pacing needs once the
 * platform's initial burst is spent. The client's limiter learns from 429s, so a client configured above the
 * platform's limit, or shaped otherwise, should settle at the platform's rate after a few. The emulator's request log
 * gives, second by second, what the platform accepted and what it refused, drawn against its limit.
 *
 * <p>A fourth scenario has no rate limit at all but a noisy platform: 30% of the answers 429 (Retry-After 1 s) and 10%
 * 503, while the shipped folder route uploads {@value #CHAOS_FILES} files and the shipped change sync follows them. Those
 * 429s are not the client's doing: its pace should not fall for them, so that the run takes no more than twice what
 * honouring every Retry-After and the client's own limit needs.
 *
 * <p>Run with {@code ./mvnw -B test -Dbenchmarks -Dtest=ResilienceBenchmark -Dbenchmark.label=<name>}; writes
 * {@code docs/benchmarks/rate-limit-<name>.md} and {@code rate-limit-<name>.png}.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceBenchmark extends RateLimitedPlatformTestSupport {

    private static final int MESSAGES = 2 * SERVER_PER_MINUTE;
    private static final int CHAOS_FILES = 100;
    private static final int CHAOS_RETRY_AFTER_SECONDS = 1;
    private static final int CHAOS_CLIENT_PER_MINUTE = 500;
    private static final Path OUTPUT = Path.of("docs", "benchmarks");
    private static final String LABEL = System.getProperty("benchmark.label", "latest");
    private static final List<String> ROWS = new ArrayList<>();
    private static final List<RateChart.Panel> PANELS = new ArrayList<>();
    private static final List<String> CHAOS_ROWS = new ArrayList<>();

    @TempDir
    Path work;

    @Test
    @Order(1)
    void clientLimitEqualsServerLimit() throws Exception {
        measure("client limit = platform limit", SERVER_PER_MINUTE, SERVER_PER_MINUTE);
    }

    @Test
    @Order(2)
    void clientLimitTwiceServerLimit() throws Exception {
        measure("client limit = 2 x platform limit", SERVER_PER_MINUTE, 2L * SERVER_PER_MINUTE);
    }

    @Test
    @Order(3)
    void platformLimitShapedOtherwise() throws Exception {
        // 60 per 10 s: the client's 360 a minute is the same rate, but the platform never takes more than 60 at once
        emulator().rateLimits(new RateLimitSettings("Custom", 360, 0, 60));
        measure("platform 60 per 10 s, client 360 per minute", 60, 360);
    }

    @Test
    @Order(4)
    void noisyPlatformUnderTheFolderRouteAndTheChangeSync() throws Exception {
        emulator().rateLimits(new RateLimitSettings("Custom", 100_000, 0));
        List<String> iTwinIds = emulator().seedITwins(DemoData.DEMO_CLIENT_ID, CHAOS_FILES);
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder()
                .limits(RequestLimits.perMinuteOnly(CHAOS_CLIENT_PER_MINUTE))
                .build();
        context.getComponent("itwin", ITwinComponent.class).setRateLimiter(limiter);
        ShippedRoutes.folderAndChangeSync(context, work);
        for (int i = 0; i < CHAOS_FILES; i++) {
            Path file = work.resolve("inbox/itwins/" + iTwinIds.get(i) + "/image.png");
            Files.createDirectories(file.getParent());
            Files.write(file, TestImages.distinctPng(i));
        }
        // the change sync takes its baseline before anything is uploaded, and before the platform turns noisy
        context.getRouteController().startRoute(ShippedRoutes.CHANGE_SYNC);
        Await.until(
                "the change sync's first poll",
                Duration.ofSeconds(30),
                () -> !requests("GET", "/itwins").isEmpty());
        emulator()
                .faults(FaultSettings.NONE
                        .withThrottle(0.30, CHAOS_RETRY_AFTER_SECONDS)
                        .withUnavailable(0.10));

        double loadBefore = LoadAverage.oneMinute();
        long started = System.nanoTime();
        context.getRouteController().startRoute(ShippedRoutes.FOLDER);
        Await.until(
                "every file uploaded and moved to done",
                Duration.ofMinutes(20),
                () -> ShippedRoutes.filesIn(work.resolve("done")).size() == CHAOS_FILES);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        double uploadPace = limiter.currentPerMinute("uploadITwinImage");
        // the change sync may lag: give it a minute more, then count what it delivered
        Await.until(
                "the change sync delivered every upload, or a minute passed",
                Duration.ofMinutes(2),
                () -> ShippedRoutes.filesIn(work.resolve("assets")).stream()
                                        .filter(f -> f.toString().endsWith(".json"))
                                        .count()
                                >= CHAOS_FILES
                        || System.nanoTime() - started - took.toNanos()
                                > Duration.ofMinutes(1).toNanos());
        long synced = ShippedRoutes.filesIn(work.resolve("assets")).stream()
                .filter(f -> f.toString().endsWith(".json"))
                .count();
        emulator().faults(FaultSettings.NONE);
        double loadAfter = LoadAverage.oneMinute();

        List<RecordedRequest> requests = emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.nanoTime() - started >= 0 && r.nanoTime() - started <= took.toNanos())
                .toList();
        long rateLimited = requests.stream().filter(r -> r.status() == 429).count();
        long unavailable = requests.stream().filter(r -> r.status() == 503).count();
        // the best a client that honours every Retry-After and keeps to its limit can do: nothing sent while a pause
        // runs, every request at the limit otherwise
        double allowedSeconds = pausedSeconds(requests, Duration.ofSeconds(CHAOS_RETRY_AFTER_SECONDS))
                + requests.size() * 60.0 / CHAOS_CLIENT_PER_MINUTE;
        PANELS.add(new RateChart.Panel(
                "noisy platform: 30% 429, 10% 503, folder route + change sync",
                perSecond(requests, started), CHAOS_CLIENT_PER_MINUTE / 60.0));
        CHAOS_ROWS.add(String.format(
                Locale.ROOT,
                "| %d files | %d/min | %.1f s | %.1f s | **%.2f** | %d | %d | %d | %d | %.0f/min | %.0f/min | %d of %d"
                        + " | %d | %.1f, %.1f |",
                CHAOS_FILES,
                CHAOS_CLIENT_PER_MINUTE,
                took.toMillis() / 1000.0,
                allowedSeconds,
                allowedSeconds / (took.toMillis() / 1000.0),
                requests.size(),
                rateLimited,
                unavailable,
                emulator().earlyRequestCount(DemoData.DEMO_CLIENT_ID),
                uploadPace,
                limiter.currentPerMinute(),
                synced,
                CHAOS_FILES,
                getMockEndpoint("mock:dead-letter").getReceivedCounter(),
                loadBefore,
                loadAfter));
    }

    /** How long at least one Retry-After was running: the 429s' pauses, overlapping ones counted once. */
    private static double pausedSeconds(List<RecordedRequest> requests, Duration retryAfter) {
        long[] refusedAt = requests.stream()
                .filter(r -> r.status() == 429)
                .mapToLong(RecordedRequest::nanoTime)
                .sorted()
                .toArray();
        long paused = 0;
        long runningUntil = refusedAt.length == 0 ? 0 : refusedAt[0];
        for (long at : refusedAt) {
            long until = at + retryAfter.toNanos();
            if (until - runningUntil > 0) {
                paused += until - Math.max(at, runningUntil);
                runningUntil = until;
            }
        }
        return paused / 1e9;
    }

    private List<RecordedRequest> requests(String method, String path) {
        return emulator().requests(DemoData.DEMO_CLIENT_ID).stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    private void measure(String scenario, int platformBurst, long clientPerMinute) throws Exception {
        long platformPerMinute = emulator().rateLimits().perMinute();
        Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder()
                .limits(RequestLimits.perMinuteOnly(clientPerMinute))
                .build();
        // the component's rateLimiter option, as a user's bean would be set, so that the learnt pace can be read
        context.getComponent("itwin", ITwinComponent.class).setRateLimiter(limiter);
        context.addRoutes(GetImageLoad.route());
        double loadBefore = LoadAverage.oneMinute();
        long started = System.nanoTime();
        Duration took = GetImageLoad.run(context, MESSAGES, Duration.ofMinutes(4));
        double loadAfter = LoadAverage.oneMinute();
        List<RecordedRequest> requests = emulator().requests(DemoData.DEMO_CLIENT_ID);
        long rateLimited = requests.stream().filter(r -> r.status() == 429).count();
        long early = emulator().earlyRequestCount(DemoData.DEMO_CLIENT_ID);
        double idealSeconds = (MESSAGES - platformBurst) * 60.0 / platformPerMinute;
        List<RateChart.Second> seconds = perSecond(requests, started);
        PANELS.add(new RateChart.Panel(scenario, seconds, platformPerMinute / 60.0));
        ROWS.add(String.format(
                Locale.ROOT,
                "| %s | %d/min | %d/min | %d | %.1f s | %.1f s | %.2f | %d | %d | %s | %.0f/min | %d | %.1f, %.1f |",
                scenario,
                platformPerMinute,
                clientPerMinute,
                MESSAGES,
                took.toMillis() / 1000.0,
                idealSeconds,
                took.toMillis() / 1000.0 / idealSeconds,
                rateLimited,
                early,
                rateLimited == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) early / rateLimited),
                limiter.currentPerMinute(),
                getMockEndpoint("mock:dead-letter").getReceivedCounter(),
                loadBefore,
                loadAfter));
    }

    /** The requests that arrived in each second from {@code startNanos}: accepted (any answer but 429) and 429s. */
    private static List<RateChart.Second> perSecond(List<RecordedRequest> requests, long startNanos) {
        int length =
                1 + requests.stream().mapToInt(r -> second(r, startNanos)).max().orElse(0);
        int[] accepted = new int[length];
        int[] refused = new int[length];
        for (RecordedRequest request : requests) {
            int second = second(request, startNanos);
            if (request.status() == 429) {
                refused[second]++;
            } else {
                accepted[second]++;
            }
        }
        List<RateChart.Second> seconds = new ArrayList<>();
        for (int s = 0; s < length; s++) {
            seconds.add(new RateChart.Second(accepted[s], refused[s]));
        }
        return seconds;
    }

    private static int second(RecordedRequest request, long startNanos) {
        return (int) Math.max(0, (request.nanoTime() - startNanos) / 1_000_000_000L);
    }

    @AfterAll
    static void writeReport() throws Exception {
        String command = "./mvnw -B test -Dbenchmarks -Dtest=ResilienceBenchmark -Dbenchmark.label=" + LABEL;
        String png = "rate-limit-" + LABEL + ".png";
        List<String> lines = new ArrayList<>(List.of(
                "### Run `" + LABEL + "`",
                "",
                "```",
                command,
                "```",
                "",
                MESSAGES + " getImage calls, 4 concurrent producers, "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores. Ideal time = (calls - the platform's initial burst) / platform limit. Load"
                        + " average = the machine's one-minute load average before and after the scenario.",
                "",
                "| scenario | platform limit | client limit | calls | time | ideal | time / ideal | 429s"
                        + " | requests inside a Retry-After | per 429 | client pace at the end"
                        + " | dead letters | load average |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|"));
        lines.addAll(ROWS);
        lines.addAll(List.of(
                "",
                "Noisy platform (no rate limit; 30% of the answers 429 with Retry-After "
                        + CHAOS_RETRY_AFTER_SECONDS
                        + " s, 10% 503) under the shipped folder route and change sync, from the folder route's start"
                        + " until the last file is in done. Allowed = the time some 429's Retry-After was running"
                        + " (overlapping ones counted once) + every request at the client's limit: the least time a"
                        + " client that honours each Retry-After needs. Throughput = allowed / time (at least 0.5"
                        + " wanted). The change sync is counted a minute after the last upload at most.",
                "",
                "| files | client limit | time | allowed | throughput | requests | 429s | 503s"
                        + " | requests inside a Retry-After | upload pace at the end | lowest pace at the end"
                        + " | synced by the change sync | dead letters | load average |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"));
        lines.addAll(CHAOS_ROWS);
        lines.addAll(List.of(
                "",
                "![requests a second against the platform's limit](" + png + ")",
                "",
                "Requests that reached the platform in each second from the start of the scenario, as the emulator's"
                        + " request log has them (accepted / 429):",
                ""));
        for (RateChart.Panel panel : PANELS) {
            lines.add("- " + panel.title() + ": "
                    + panel.seconds().stream()
                            .map(s -> s.rateLimited() == 0 ? "" + s.accepted() : s.accepted() + "/" + s.rateLimited())
                            .collect(Collectors.joining(" ")));
        }
        String markdown = String.join(System.lineSeparator(), lines) + System.lineSeparator();
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("rate-limit-" + LABEL + ".md"), markdown, StandardCharsets.UTF_8);
        RateChart.write(
                OUTPUT.resolve(png),
                "Requests a second at the platform, " + MESSAGES + " getImage calls, 4 producers (run " + LABEL + ")",
                PANELS);
        System.out.println(markdown);
    }
}
