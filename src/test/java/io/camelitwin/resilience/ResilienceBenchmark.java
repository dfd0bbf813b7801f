package io.camelitwin.resilience;

import io.camelitwin.component.ITwinComponent;
import io.camelitwin.emulator.DemoData;
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
 * number of getImage calls, four at a time, to a platform allowing {@value #SERVER_PER_MINUTE} a minute, starting
 * from full buckets; the ideal time is what perfect pacing needs once the initial burst is spent.
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
        measure("client limit = server limit", SERVER_PER_MINUTE);
    }

    @Test
    @Order(2)
    void clientLimitTwiceServerLimit() throws Exception {
        measure("client limit = 2 x server limit", 2 * SERVER_PER_MINUTE);
    }

    private void measure(String scenario, int clientPerMinute) throws Exception {
        GetImageLoad.limitClient(context.getComponent("itwin", ITwinComponent.class), clientPerMinute);
        context.addRoutes(GetImageLoad.route());
        Duration took = GetImageLoad.run(context, MESSAGES, Duration.ofMinutes(3));
        List<RecordedRequest> requests = emulator().requests(DemoData.DEMO_CLIENT_ID);
        double sustained = GetImageLoad.sustainedPerMinute(requests, SERVER_PER_MINUTE);
        double idealSeconds = (MESSAGES - SERVER_PER_MINUTE) * 60.0 / SERVER_PER_MINUTE;
        ROWS.add(String.format(
                Locale.ROOT,
                "| %s | %d/min | %d | %.2f | %.1f s | %.1f s | %.2f | %d | %d | %d |",
                scenario,
                clientPerMinute,
                MESSAGES,
                sustained / SERVER_PER_MINUTE,
                took.toMillis() / 1000.0,
                idealSeconds,
                took.toMillis() / 1000.0 / idealSeconds,
                requests.stream().filter(r -> r.status() == 429).count(),
                emulator().earlyRequestCount(DemoData.DEMO_CLIENT_ID),
                getMockEndpoint("mock:dead-letter").getReceivedCounter()));
    }

    @AfterAll
    static void writeReport() throws Exception {
        String table = String.join(
                        System.lineSeparator(),
                        List.of(
                                "Server limit " + SERVER_PER_MINUTE + "/min (no hourly limit), " + MESSAGES
                                        + " getImage calls, 4 concurrent producers, "
                                        + Runtime.getRuntime().availableProcessors()
                                        + " cores. Ideal time = (calls - initial burst of " + SERVER_PER_MINUTE
                                        + ") / server limit.",
                                "",
                                "| scenario | client limit | calls | sustained rate / server limit | time | ideal | time / ideal | 429s | early requests | dead letters |",
                                "|---|---|---|---|---|---|---|---|---|---|"))
                + System.lineSeparator()
                + String.join(System.lineSeparator(), ROWS)
                + System.lineSeparator();
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, table, StandardCharsets.UTF_8);
        System.out.println(table);
    }
}
