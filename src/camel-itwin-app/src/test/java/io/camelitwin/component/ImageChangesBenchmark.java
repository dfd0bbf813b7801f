package io.camelitwin.component;

import io.camelitwin.benchmark.LoadAverage;
import io.camelitwin.benchmark.Stats;
import io.camelitwin.component.ImageChangesAtScaleTest.Gets;
import io.camelitwin.component.ImageChangesAtScaleTest.PollTimes;
import io.camelitwin.emulator.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the change-detection figures of docs/benchmarks.md. The emulator (in this JVM) holds 10,000 iTwins of
 * one client, watched without {@code iTwinIds}; each round uploads a new image to an iTwin picked at random. First,
 * polls run by hand on this thread: what a poll costs with no change and with one. Then polls scheduled as the shipped
 * change-sync route schedules them: how long after the upload's answer the event reaches the route, at a random moment
 * of the poll cycle.
 *
 * <p>Run with {@code ./mvnw -B test -Dbenchmarks -Dtest=ImageChangesBenchmark -Dbenchmark.label=<name>}; writes
 * {@code docs/benchmarks/change-detection-<name>.md}. System properties: {@code benchmark.rounds} (10), {@code
 * benchmark.poll.delay} (5000 ms, the application's {@code itwin.sync.poll-delay}).
 */
@Tag("benchmark")
class ImageChangesBenchmark extends ImageChangesTestSupport {

    private static final int ITWINS = 10_000;
    private static final Path OUTPUT = Path.of("docs", "benchmarks");
    private static final String ARRIVED_NANOS = "arrivedNanos";

    private final String label = System.getProperty("benchmark.label", "latest");
    private final int rounds = Integer.getInteger("benchmark.rounds", 10);
    private final long pollDelayMillis = Long.getLong("benchmark.poll.delay", 5000);
    private final Random random = new Random(42);

    @Test
    void measure() throws Exception {
        double loadBefore = LoadAverage.oneMinute();
        List<String> iTwins = emulator().seedITwins(clientId, ITWINS);
        List<String> lines = new ArrayList<>(header());
        lines.addAll(pollCost(iTwins));
        lines.addAll(detectionLatency(iTwins));
        lines.add("");
        lines.add(String.format(
                Locale.ROOT,
                "Load average (one minute) %.1f at the start, %.1f at the end.",
                loadBefore,
                LoadAverage.oneMinute()));
        String markdown = String.join(System.lineSeparator(), lines) + System.lineSeparator();
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("change-detection-" + label + ".md"), markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
    }

    private List<String> header() {
        return List.of(
                "### Run `" + label + "`",
                "",
                "```",
                "./mvnw -B test -Dbenchmarks -Dtest=ImageChangesBenchmark -Dbenchmark.label=" + label
                        + " -Dbenchmark.rounds=" + rounds + " -Dbenchmark.poll.delay=" + pollDelayMillis,
                "```",
                "",
                ITWINS + " iTwins of one client in the emulator (same JVM, localhost), watched without iTwinIds; "
                        + rounds + " rounds, each with one new image on an iTwin picked at random; "
                        + Runtime.getRuntime().availableProcessors() + " cores.",
                "");
    }

    /** Polls run by hand: one with nothing changed, then one after an upload, each round. */
    private List<String> pollCost(List<String> iTwins) throws Exception {
        watch("startFrom=now");
        pollEvents();
        List<Double> idleMillis = new ArrayList<>();
        List<Double> changedMillis = new ArrayList<>();
        Set<Gets> idleGets = new LinkedHashSet<>();
        Set<Gets> changedGets = new LinkedHashSet<>();
        for (int round = 0; round < rounds; round++) {
            idleMillis.add(timePoll(idleGets, 0));
            upload(iTwins.get(random.nextInt(ITWINS)));
            changedMillis.add(timePoll(changedGets, 1));
        }
        stopWatching();
        return List.of(
                "| poll (run by hand) | requests per poll, every round | poll duration median | min to max |",
                "|---|---|---|---|",
                row("nothing changed", idleGets, idleMillis),
                row("one iTwin changed", changedGets, changedMillis),
                "");
    }

    private double timePoll(Set<Gets> costs, int expectedEvents) {
        int before = gets().size();
        long started = System.nanoTime();
        List<Exchange> events = pollEvents();
        double millis = (System.nanoTime() - started) / 1e6;
        if (events.size() != expectedEvents) {
            throw new AssertionError("expected " + expectedEvents + " events from the poll, got " + events.size());
        }
        List<RecordedRequest> all = gets();
        costs.add(Gets.of(all.subList(before, all.size())));
        return millis;
    }

    private static String row(String what, Set<Gets> costs, List<Double> millis) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %.0f ms | %.0f to %.0f ms |",
                what,
                costs.stream()
                        .map(g -> "list pages: " + g.listPages() + ", image look-ups: " + g.imageLookups())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("-"),
                Stats.median(millis),
                Stats.min(millis),
                Stats.max(millis));
    }

    /** Scheduled polls: each upload at a random moment of the cycle, timed to the event's arrival in the route. */
    private List<String> detectionLatency(List<String> iTwins) throws Exception {
        PollTimes polls = new PollTimes();
        context.getRegistry().bind("pollTimes", polls);
        downstream = exchange -> exchange.setProperty(ARRIVED_NANOS, System.nanoTime());
        MockEndpoint events = getMockEndpoint("mock:changes");
        int before = events.getReceivedCounter();
        watch("startFrom=now&pollStrategy=#pollTimes", "initialDelay=0&greedy=false&delay=" + pollDelayMillis);
        if (!polls.firstDone.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the first scheduled poll did not end within 60 s");
        }
        List<Double> uploadToEvent = new ArrayList<>();
        List<Double> pollStartToEvent = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Thread.sleep(random.nextInt((int) pollDelayMillis));
            upload(iTwins.get(random.nextInt(ITWINS)));
            long answered = System.nanoTime();
            int expected = before + round + 1;
            await(() -> events.getReceivedCounter() >= expected, pollDelayMillis + 30_000);
            Exchange event = events.getReceivedExchanges().get(expected - 1);
            long arrived = event.getProperty(ARRIVED_NANOS, Long.class);
            long pollStart = polls.starts.stream()
                    .filter(start -> start < arrived)
                    .reduce((earlier, later) -> later)
                    .orElseThrow();
            uploadToEvent.add((arrived - answered) / 1e6);
            pollStartToEvent.add((arrived - pollStart) / 1e6);
        }
        stopWatching();
        return List.of(
                "| scheduled polls, delay " + pollDelayMillis + " ms | median | min to max |",
                "|---|---|---|",
                latencyRow("upload answered to event in the route (detection latency)", uploadToEvent),
                latencyRow("start of the poll that found it to event", pollStartToEvent),
                "",
                "Detection latency per round (ms): "
                        + uploadToEvent.stream()
                                .map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("-")
                        + ". Scheduled poll durations (ms): " + polls.durationsMillis + ".");
    }

    private static String latencyRow(String what, List<Double> millis) {
        return String.format(
                Locale.ROOT,
                "| %s | %.0f ms | %.0f to %.0f ms |",
                what,
                Stats.median(millis),
                Stats.min(millis),
                Stats.max(millis));
    }

    private static void await(Supplier<Boolean> condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no event within " + timeoutMillis + " ms of the upload");
            }
            Thread.sleep(5);
        }
    }
}
