package io.camelitwin.resilience;

import io.camelitwin.benchmark.LoadAverage;
import io.camelitwin.benchmark.RateChart;
import io.camelitwin.client.ratelimit.Bucket4jRateLimiter;
import io.camelitwin.client.ratelimit.RequestLimits;
import io.camelitwin.component.ITwinComponent;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.emulator.RateLimitSettings;
import io.camelitwin.emulator.RecordedRequest;
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

/**
 * Not a test: the rate-limit figures of docs/benchmarks.md. Each scenario sends the same number of getImage calls,
 * four at a time, starting from full buckets on both sides; the ideal time is what perfect pacing needs once the
 * platform's initial burst is spent. The client's limiter learns from 429s, so a client configured above the
 * platform's limit, or shaped otherwise, should settle at the platform's rate after a few. The emulator's request log
 * gives, second by second, what the platform accepted and what it refused, drawn against its limit.
 *
 * <p>Run with {@code ./mvnw -B test -Dbenchmarks -Dtest=ResilienceBenchmark -Dbenchmark.label=<name>}; writes
 * {@code docs/benchmarks/rate-limit-<name>.md} and {@code rate-limit-<name>.png}.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceBenchmark extends RateLimitedPlatformTestSupport {

    private static final int MESSAGES = 2 * SERVER_PER_MINUTE;
    private static final Path OUTPUT = Path.of("docs", "benchmarks");
    private static final String LABEL = System.getProperty("benchmark.label", "latest");
    private static final List<String> ROWS = new ArrayList<>();
    private static final List<RateChart.Panel> PANELS = new ArrayList<>();

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
