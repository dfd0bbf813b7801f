package io.camelitwin.resilience;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Not a test: figures for the README. Run with {@code ./mvnw -B verify -Dbenchmarks}. Each scenario sends the same
 * number of getImage calls, four at a time, starting from full buckets on both sides; the ideal time is what perfect
 * pacing needs once the platform's initial burst is spent. The client's limiter learns from 429s, so a client
 * configured above the platform's limit, or shaped otherwise, should settle at the platform's rate after a few.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceBenchmark extends RateLimitedPlatformTestSupport {

    private static final int MESSAGES = 2 * SERVER_PER_MINUTE;
    private static final Path REPORT = Path.of("target", "benchmarks", "resilience.md");
    private static final List<String> ROWS = new ArrayList<>();

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
        Duration took = GetImageLoad.run(context, MESSAGES, Duration.ofMinutes(4));
        List<RecordedRequest> requests = emulator().requests(DemoData.DEMO_CLIENT_ID);
        long rateLimited = requests.stream().filter(r -> r.status() == 429).count();
        long early = emulator().earlyRequestCount(DemoData.DEMO_CLIENT_ID);
        double idealSeconds = (MESSAGES - platformBurst) * 60.0 / platformPerMinute;
        ROWS.add(String.format(
                Locale.ROOT,
                "| %s | %d/min | %d/min | %d | %.1f s | %.1f s | %.2f | %d | %d | %s | %.0f/min | %d |",
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
                getMockEndpoint("mock:dead-letter").getReceivedCounter()));
    }

    @AfterAll
    static void writeReport() throws Exception {
        String table = String.join(
                        System.lineSeparator(),
                        List.of(
                                MESSAGES + " getImage calls, 4 concurrent producers, "
                                        + Runtime.getRuntime().availableProcessors()
                                        + " cores. Ideal time = (calls - the platform's initial burst) / platform"
                                        + " limit.",
                                "",
                                "| scenario | platform limit | client limit | calls | time | ideal | time / ideal | 429s"
                                        + " | requests inside a Retry-After | per 429 | client pace at the end"
                                        + " | dead letters |",
                                "|---|---|---|---|---|---|---|---|---|---|---|---|"))
                + System.lineSeparator()
                + String.join(System.lineSeparator(), ROWS)
                + System.lineSeparator();
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, table, StandardCharsets.UTF_8);
        System.out.println(table);
    }
}
