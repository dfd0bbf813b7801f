package io.camelitwin.benchmark;

import io.camelitwin.emulator.DemoData;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the figures of docs/benchmarks.md. The {@code itwin:} component against what users would write instead,
 * (a) a plain JDK HttpClient loop and (b) a camel-http route, interleaved round by round (the order rotates) so that
 * each round's ratios share the machine's load of that moment. It runs on the library's own test class path (plain
 * Camel, camel-http, the library, the emulator in a JVM of its own): what a Camel user who adds the library gets, and
 * it refuses to run if a jar of the application's stack is on that path.
 *
 * <p>Run with {@code ./mvnw -B test -Dbenchmarks -Dtest=ComparisonBenchmark -Dbenchmark.label=<name> -pl
 * src/camel-itwin -am}; writes {@code docs/benchmarks/results-<name>.md} and {@code comparison-<name>.png}. System
 * properties: {@code benchmark.rounds} (5), {@code benchmark.uploads} (300), {@code benchmark.calls} (2000), {@code
 * benchmark.body} ({@link UploadBody}), {@code benchmark.callers} (4).
 */
@Tag("benchmark")
class ComparisonBenchmark {

    private static final Path OUTPUT = Path.of("docs", "benchmarks");
    private static final Path IMAGES = Path.of("target", "benchmarks", "images");
    /**
     * Each round's work is cut into slices and the variants take turns slice by slice, so that a burst of load from
     * other processes on the machine falls on all of them alike.
     */
    private static final int UPLOAD_SLICES = 6;

    private static final int CALL_SLICES = 20;
    private static final int UPLOAD_ITWINS = 40;
    /** Jars of the application's stack, which a Camel user who adds the library must not get (group paths or names). */
    private static final Pattern APPLICATION_STACK =
            Pattern.compile("quarkus|/software/amazon/|awssdk|fabric8|artemis", Pattern.CASE_INSENSITIVE);

    private final String label = System.getProperty("benchmark.label", "latest");
    private final int rounds = Integer.getInteger("benchmark.rounds", 5);
    private final int uploads = Integer.getInteger("benchmark.uploads", 300);
    private final int calls = Integer.getInteger("benchmark.calls", 2000);
    private final int callers = Integer.getInteger("benchmark.callers", 4);
    private final UploadBody body = UploadBody.chosen();

    @Test
    void compare() throws Exception {
        String classPath = libraryClassPath();
        try (EmulatorProcess emulator = EmulatorProcess.start(UPLOAD_ITWINS)) {
            PlatformSession session = PlatformSession.open(emulator);
            List<String> iTwins = session.seededITwins();
            List<String> variantNames = List.of("a: JDK HttpClient loop", "b: camel-http route", "c: itwin:");
            Report report = new Report(label, command(), variantNames);
            report.classPath(classPath);
            compareVariants(session, iTwins.subList(0, UPLOAD_ITWINS), report);
            report.write(OUTPUT);
            System.out.println(report.markdown());
        }
    }

    /**
     * The jars the variants run on, described for the report; fails when one of them belongs to the application's
     * stack (Quarkus, the AWS SDK, fabric8, Artemis), which would make the figures the application's, not the library's.
     */
    private static String libraryClassPath() {
        List<String> jars = Arrays.stream(ChildJvm.testClassPath().split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .toList();
        List<String> foreign = jars.stream()
                .filter(jar -> APPLICATION_STACK.matcher(jar).find())
                .toList();
        if (!foreign.isEmpty()) {
            throw new IllegalStateException("the benchmark must run on the library's class path, which has " + foreign);
        }
        String names = jars.stream()
                .map(jar -> Path.of(jar).getFileName().toString())
                .sorted()
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "%d jars, none of Quarkus, the AWS SDK, fabric8 or Artemis (checked by the benchmark), beside the"
                        + " library's and the emulator's classes: %s.",
                jars.size(),
                names);
    }

    private String command() {
        return String.format(
                Locale.ROOT,
                "./mvnw -B test -Dbenchmarks -Dtest=ComparisonBenchmark -Dbenchmark.label=%s -Dbenchmark.rounds=%d"
                        + " -Dbenchmark.uploads=%d -Dbenchmark.calls=%d%s%s -pl src/camel-itwin -am",
                label,
                rounds,
                uploads,
                calls,
                callers == 4 ? "" : " -Dbenchmark.callers=" + callers,
                body == UploadBody.FILE
                        ? ""
                        : " -Dbenchmark.body="
                                + body.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private void compareVariants(PlatformSession session, List<String> iTwins, Report report) throws Exception {
        List<Path> files = BenchmarkImages.spread(IMAGES, uploads, 100_000, 4_000_000, 12);
        long bytes = BenchmarkImages.totalBytes(files);
        report.uploadWorkload(String.format(
                Locale.ROOT,
                "%d distinct PNGs, 100 KB to 4 MB (%.0f MB in all), %d concurrent callers, each file handed over %s,"
                        + " %d rounds after one warm-up round; within a round the variants take turns every %d files. Then, in each round, the same files once more with the"
                        + " variants mixed: upload i by the next variant in turn, so that all three share each moment"
                        + " of load.",
                files.size(),
                bytes / 1e6,
                callers,
                switch (body) {
                    case FILE -> "as a file (streamed from disk by every variant)";
                    case GENERIC_FILE ->
                        "as Camel's file consumer hands it over (a `GenericFile`; the JDK loop: the" + " file)";
                    case STREAM -> "as an open stream of unknown length (the JDK loop: a publisher of the stream)";
                },
                rounds,
                files.size() / UPLOAD_SLICES));
        report.callWorkload(String.format(
                Locale.ROOT,
                "%d `GET /itwins/{id}/image` one after the other on one thread, JSON answer parsed; the same %d"
                        + " rounds, the variants taking turns every %d calls. CPU and allocation are this JVM's, summed over all threads (HTTP clients work"
                        + " on their own threads too), divided by the calls.",
                calls,
                rounds,
                calls / CALL_SLICES));
        List<Variant> variants =
                List.of(new JdkLoopVariant(session), new CamelHttpVariant(session), new ITwinVariant(session));
        try {
            report.loadAverage(LoadAverage.oneMinute());
            for (Variant variant : variants) {
                Workloads.upload(variant, files.subList(0, Math.min(60, files.size())), iTwins, callers);
                Workloads.getImage(variant, DemoData.ITWIN_WITH_IMAGE, Math.min(500, calls));
            }
            for (int round = 0; round < rounds; round++) {
                List<Variant> order = new ArrayList<>(variants);
                Collections.rotate(order, -round);
                Map<Variant, Workloads.UploadFigures> uploaded = new HashMap<>();
                for (List<Path> slice : slices(files, UPLOAD_SLICES)) {
                    for (Variant variant : order) {
                        settle();
                        uploaded.merge(variant, Workloads.upload(variant, slice, iTwins, callers), (x, y) -> x.plus(y));
                    }
                }
                settle();
                Map<Variant, Double> mixed = Workloads.uploadMixed(variants, files, iTwins, callers, round);
                Map<Variant, Workloads.CallFigures> called = new HashMap<>();
                for (int slice = 0; slice < CALL_SLICES; slice++) {
                    for (Variant variant : order) {
                        called.merge(
                                variant,
                                Workloads.getImage(variant, DemoData.ITWIN_WITH_IMAGE, calls / CALL_SLICES),
                                (x, y) -> x.plus(y));
                    }
                }
                for (Variant variant : variants) {
                    Workloads.UploadFigures up = uploaded.get(variant);
                    Workloads.CallFigures get = called.get(variant);
                    report.upload(variant.name(), up);
                    report.mixedUpload(variant.name(), mixed.get(variant));
                    report.calls(variant.name(), get);
                    log(
                            "round %d %s: upload %.1f images/s, %.2f ms CPU/image, mixed %.0f ms/upload; getImage mean %.0f µs, p99 %.0f µs,"
                                    + " CPU %.0f µs; allocated %.2f × the body bytes per upload",
                            round + 1,
                            variant.name(),
                            up.imagesPerSecond(),
                            up.cpuMillisPerImage(),
                            mixed.get(variant),
                            get.meanMicros(),
                            get.p99Micros(),
                            get.cpuMicrosPerCall(),
                            up.allocatedPerBodyByte());
                }
                report.loadAverage(LoadAverage.oneMinute());
            }
        } finally {
            for (Variant variant : variants) {
                variant.close();
            }
        }
    }

    private static List<List<Path>> slices(List<Path> files, int count) {
        List<List<Path>> slices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slices.add(files.subList(files.size() * i / count, files.size() * (i + 1) / count));
        }
        return slices;
    }

    /** Lets the previous variant's garbage and connections settle, so that it is not billed to the next one. */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
