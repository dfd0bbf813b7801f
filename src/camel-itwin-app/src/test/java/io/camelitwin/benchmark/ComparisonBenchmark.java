package io.camelitwin.benchmark;

import io.camelitwin.emulator.DemoData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the figures of docs/benchmarks.md. The {@code itwin:} component against what users would write instead,
 * (a) a plain JDK HttpClient loop and (b) a camel-http route, interleaved round by round (the order rotates) so that
 * each round's ratios share the machine's load of that moment. Also startup against the camel-http route, and the
 * smallest heap with which the shipped folder, S3 and queue routes upload large images.
 *
 * <p>Run with {@code ./mvnw -B verify -Dbenchmarks -Dtest=ComparisonBenchmark -Dbenchmark.label=<name>}; writes
 * {@code docs/benchmarks/results-<name>.md} and {@code comparison-<name>.png}. System properties: {@code
 * benchmark.rounds} (5), {@code benchmark.uploads} (300), {@code benchmark.calls} (2000), {@code benchmark.parts}
 * (upload by default, which alone takes 20 to 25 minutes; {@code startup,memory} for the other two), {@code
 * benchmark.memory.uploads} (200).
 */
@Tag("benchmark")
class ComparisonBenchmark {

    private static final Path OUTPUT = Path.of("docs", "benchmarks");
    private static final Path IMAGES = Path.of("target", "benchmarks", "images");
    private static final int CALLERS = 4;
    /**
     * Each round's work is cut into slices and the variants take turns slice by slice, so that a burst of load from
     * other processes on the machine falls on all of them alike.
     */
    private static final int UPLOAD_SLICES = 6;

    private static final int CALL_SLICES = 20;
    private static final int UPLOAD_ITWINS = 40;
    private static final int MEMORY_BATCH = 50;
    /** Uploads of the run that finds which jars a memory probe needs: enough to load every class of the path. */
    private static final int CLASS_PATH_UPLOADS = 5;

    private static final long LARGEST_UPLOAD = 5_200_000;
    private static final int[] HEAP_SIZES_MB = {8, 10, 12, 14, 16, 20, 24, 32, 48, 64, 96, 128, 192, 256};

    private final String label = System.getProperty("benchmark.label", "latest");
    private final int rounds = Integer.getInteger("benchmark.rounds", 5);
    private final int uploads = Integer.getInteger("benchmark.uploads", 300);
    private final int calls = Integer.getInteger("benchmark.calls", 2000);
    private final int memoryUploads = Integer.getInteger("benchmark.memory.uploads", 200);
    /**
     * Uploads of the S3 and queue routes' memory trials: S3Proxy takes seconds to answer each delete of a 5 MB object on
     * this machine, which would make 200 uploads a 20-minute trial.
     */
    private final int sourceUploads = Integer.getInteger("benchmark.memory.source-uploads", 20);

    private final Set<String> parts =
            Set.of(System.getProperty("benchmark.parts", "upload").split(","));

    @Test
    void compare() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(UPLOAD_ITWINS + MEMORY_BATCH)) {
            PlatformSession session = PlatformSession.open(emulator);
            List<String> iTwins = session.seededITwins();
            List<String> variantNames = List.of("a: JDK HttpClient loop", "b: camel-http route", "c: itwin:");
            Report report = new Report(label, command(), variantNames);
            if (parts.contains("upload")) {
                compareVariants(session, iTwins.subList(0, UPLOAD_ITWINS), report);
            }
            if (parts.contains("startup")) {
                compareStartup(emulator, session, report);
            }
            if (parts.contains("memory")) {
                findSmallestHeaps(emulator, iTwins.subList(UPLOAD_ITWINS, UPLOAD_ITWINS + MEMORY_BATCH), report);
            }
            report.write(OUTPUT);
            System.out.println(report.markdown());
        }
    }

    private String command() {
        return "./mvnw -B verify -Dbenchmarks -Dtest=ComparisonBenchmark -Dbenchmark.label=" + label
                + (parts.equals(Set.of("upload")) ? "" : " -Dbenchmark.parts=" + String.join(",", parts));
    }

    private void compareVariants(PlatformSession session, List<String> iTwins, Report report) throws Exception {
        List<Path> files = BenchmarkImages.spread(IMAGES, uploads, 100_000, 4_000_000, 12);
        long bytes = BenchmarkImages.totalBytes(files);
        report.uploadWorkload(String.format(
                Locale.ROOT,
                "%d distinct PNGs, 100 KB to 4 MB (%.0f MB in all), %d concurrent callers, each file streamed from"
                        + " disk, %d rounds after one warm-up round; within a round the variants take turns every"
                        + " %d files.",
                files.size(),
                bytes / 1e6,
                CALLERS,
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
            for (Variant variant : variants) {
                Workloads.upload(variant, files.subList(0, Math.min(60, files.size())), iTwins, CALLERS);
                Workloads.getImage(variant, DemoData.ITWIN_WITH_IMAGE, Math.min(500, calls));
            }
            for (int round = 0; round < rounds; round++) {
                List<Variant> order = new ArrayList<>(variants);
                Collections.rotate(order, -round);
                Map<Variant, Workloads.UploadFigures> uploaded = new HashMap<>();
                for (List<Path> slice : slices(files, UPLOAD_SLICES)) {
                    for (Variant variant : order) {
                        settle();
                        uploaded.merge(variant, Workloads.upload(variant, slice, iTwins, CALLERS), (x, y) -> x.plus(y));
                    }
                }
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
                    report.calls(variant.name(), get);
                    log(
                            "round %d %s: upload %.1f images/s, %.2f ms CPU/image; getImage mean %.0f µs, p99 %.0f µs,"
                                    + " CPU %.0f µs",
                            round + 1,
                            variant.name(),
                            up.imagesPerSecond(),
                            up.cpuMillisPerImage(),
                            get.meanMicros(),
                            get.p99Micros(),
                            get.cpuMicrosPerCall());
                }
            }
        } finally {
            for (Variant variant : variants) {
                variant.close();
            }
        }
    }

    private void compareStartup(EmulatorProcess emulator, PlatformSession session, Report report) throws Exception {
        Path work = Files.createTempDirectory("startup-probe");
        try {
            for (int run = 0; run < 2 * rounds; run++) {
                // alternate which one goes first
                for (String variant : run % 2 == 0 ? List.of("itwin", "http") : List.of("http", "itwin")) {
                    String credentials = variant.equals("itwin") ? emulator.tokenUrl() : session.token();
                    List<String> output = runChild(
                            ChildJvm.command(
                                    List.of(),
                                    StartupProbe.class,
                                    List.of(
                                            variant,
                                            emulator.baseUrl(),
                                            credentials,
                                            work.resolve(variant + "-" + run).toString())),
                            120);
                    String marked = marked(output, StartupProbe.MARK);
                    if (marked == null) {
                        throw new IllegalStateException("the " + variant + " startup probe failed: " + output);
                    }
                    String[] figures = marked.split(" ");
                    report.startup(
                            variant.equals("itwin") ? "itwin: (shipped YAML)" : "camel-http route",
                            new Report.StartupRun(
                                    Long.parseLong(figures[0]),
                                    Long.parseLong(figures[1]),
                                    Long.parseLong(figures[2])));
                }
            }
        } finally {
            BenchmarkImages.deleteAll(work);
        }
    }

    /**
     * Bisects the heap sizes for the smallest with which every upload of each shipped route succeeds: the folder route
     * (files dropped by the probe itself), the S3 route and the queue route (their source filled before each trial).
     */
    private void findSmallestHeaps(EmulatorProcess emulator, List<String> iTwins, Report report) throws Exception {
        Path png = BenchmarkImages.ensure(IMAGES.resolve("largest.png"), LARGEST_UPLOAD, 5);
        Path alternate = BenchmarkImages.ensure(IMAGES.resolve("largest-2.png"), LARGEST_UPLOAD, 6);
        report.memoryWorkload(String.format(
                Locale.ROOT,
                "Each shipped route with the resilience configuration in a child JVM (default GC) with the given"
                        + " `-Xmx`, uploading a %.2f MB PNG over and over; heap sizes bisected for the smallest that"
                        + " passes. Each child is given only the jars it loads classes from (found by a first run on"
                        + " the whole test class path). **folder**: `routes/folder-to-itwin.camel.yaml`, %d files"
                        + " dropped in batches of %d (one per iTwin) by the probe. **s3**:"
                        + " `routes/s3-to-itwin.camel.yaml` against S3Proxy (jclouds file-system store) in the"
                        + " benchmark's JVM, %d objects there before the route starts. **queue**:"
                        + " `routes/queue-to-itwin.camel.yaml` against an embedded Artemis broker (AMQP, persistent, in"
                        + " the benchmark's JVM), %d messages there before the route starts.",
                Files.size(png) / 1e6,
                memoryUploads,
                iTwins.size(),
                sourceUploads,
                sourceUploads));
        String folderArgs = String.join(",", iTwins);
        bisect(
                emulator,
                "folder",
                memoryUploads,
                report,
                (work, uploads) -> MemoryTarget.none(List.of(
                        png.toAbsolutePath().toString(),
                        alternate.toAbsolutePath().toString(),
                        folderArgs)));
        bisect(emulator, "s3", sourceUploads, report, (work, uploads) -> MemoryTarget.s3(work, png, uploads, iTwins));
        bisect(
                emulator,
                "queue",
                sourceUploads,
                report,
                (work, uploads) -> MemoryTarget.queue(work, png, uploads, iTwins));
    }

    private interface TargetFactory {
        MemoryTarget fill(Path work, int uploads) throws Exception;
    }

    private void bisect(EmulatorProcess emulator, String route, int uploads, Report report, TargetFactory targets)
            throws Exception {
        String classPath = usedClassPath(emulator, route, targets);
        int low = 0;
        int high = HEAP_SIZES_MB.length - 1;
        while (low <= high) {
            int middle = (low + high) / 2;
            Report.MemoryTrial trial = memoryTrial(emulator, route, targets, uploads, HEAP_SIZES_MB[middle], classPath);
            report.memory(trial);
            log("memory %s -Xmx%dm: %s", route, trial.maxHeapMegabytes(), trial.passed() ? "passed" : "failed");
            if (trial.passed()) {
                high = middle - 1;
            } else {
                low = middle + 1;
            }
        }
    }

    /**
     * The jars the route's probe loads classes from, found by a short run on the whole test class path with a large
     * heap ({@link ChildJvm#suppliers}).
     */
    private String usedClassPath(EmulatorProcess emulator, String route, TargetFactory targets) throws Exception {
        Path log = Files.createTempFile("memory-probe-classes", ".log");
        try {
            List<String> output = runProbe(
                    emulator,
                    route,
                    targets,
                    CLASS_PATH_UPLOADS,
                    List.of("-Xmx256m", ChildJvm.classLoadLog(log)),
                    ChildJvm.classPath());
            if (marked(output, MemoryProbe.MARK) == null) {
                throw new IllegalStateException("the " + route + " memory probe failed on a large heap: " + output);
            }
            return ChildJvm.suppliers(log);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private Report.MemoryTrial memoryTrial(
            EmulatorProcess emulator, String route, TargetFactory targets, int uploads, int heapMb, String classPath)
            throws Exception {
        List<String> output = runProbe(
                emulator,
                route,
                targets,
                uploads,
                List.of("-Xmx" + heapMb + "m", "-XX:+ExitOnOutOfMemoryError"),
                classPath);
        String result = marked(output, MemoryProbe.MARK);
        if (result == null) {
            String failure = output.isEmpty() ? "no output" : output.get(output.size() - 1);
            log("  %s", failure);
            return new Report.MemoryTrial(route, uploads, heapMb, false, failure, 0, 0, 0);
        }
        String[] figures = result.split(" ");
        return new Report.MemoryTrial(
                route,
                uploads,
                heapMb,
                true,
                null,
                Long.parseLong(figures[0]),
                Long.parseLong(figures[1]),
                Long.parseLong(figures[2]));
    }

    private List<String> runProbe(
            EmulatorProcess emulator,
            String route,
            TargetFactory targets,
            int uploads,
            List<String> jvmOptions,
            String classPath)
            throws Exception {
        Path work = Files.createTempDirectory("memory-probe");
        try (MemoryTarget target = targets.fill(work.resolve("source"), uploads)) {
            List<String> args = new ArrayList<>(List.of(
                    route,
                    emulator.baseUrl(),
                    emulator.tokenUrl(),
                    work.resolve("probe").toString(),
                    String.valueOf(uploads)));
            args.addAll(target.probeArgs());
            return runChild(ChildJvm.command(jvmOptions, classPath, MemoryProbe.class, args), 1200);
        } finally {
            BenchmarkImages.deleteAll(work);
        }
    }

    private static List<String> runChild(ProcessBuilder command, long timeoutSeconds) throws Exception {
        Process process = command.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return lines;
    }

    private static String marked(List<String> output, String mark) {
        return output.stream()
                .filter(line -> line.startsWith(mark))
                .map(line -> line.substring(mark.length()).trim())
                .findFirst()
                .orElse(null);
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
