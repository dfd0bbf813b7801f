package io.camelitwin.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the figures of docs/benchmarks.md. The shipped routes of the application on plain Camel Main: startup of
 * the folder route against a camel-http route doing the same, and the smallest heap with which the shipped folder, S3
 * and queue routes upload large images. The component against what users would write instead, call by call, is the
 * library's {@code ComparisonBenchmark}, on the library's own class path.
 *
 * <p>Run with {@code ./mvnw -B test -Dbenchmarks -Dtest=ShippedRoutesBenchmark -Dbenchmark.label=<name>}; writes
 * {@code docs/benchmarks/results-<name>.md}. System properties: {@code benchmark.parts} ({@code startup,memory}, the
 * default, or one of them), {@code benchmark.rounds} (5: twice as many launches of each), {@code
 * benchmark.memory.uploads} (200), {@code benchmark.memory.source-uploads} (20).
 */
@Tag("benchmark")
class ShippedRoutesBenchmark {

    private static final Path OUTPUT = Path.of("docs", "benchmarks");
    private static final Path IMAGES = Path.of("target", "benchmarks", "images");
    private static final int MEMORY_BATCH = 50;
    /** Uploads of the run that finds which jars a memory probe needs: enough to load every class of the path. */
    private static final int CLASS_PATH_UPLOADS = 5;

    private static final long LARGEST_UPLOAD = 5_200_000;
    private static final int[] HEAP_SIZES_MB = {8, 10, 12, 14, 16, 20, 24, 32, 48, 64, 96, 128, 192, 256};

    private final String label = System.getProperty("benchmark.label", "latest");
    private final int rounds = Integer.getInteger("benchmark.rounds", 5);
    private final int memoryUploads = Integer.getInteger("benchmark.memory.uploads", 200);
    /**
     * Uploads of the S3 and queue routes' memory trials: S3Proxy takes seconds to answer each delete of a 5 MB object on
     * this machine, which would make 200 uploads a 20-minute trial.
     */
    private final int sourceUploads = Integer.getInteger("benchmark.memory.source-uploads", 20);

    private final Set<String> parts =
            Set.of(System.getProperty("benchmark.parts", "startup,memory").split(","));

    @Test
    void measure() throws Exception {
        try (EmulatorProcess emulator = EmulatorProcess.start(MEMORY_BATCH)) {
            PlatformSession session = PlatformSession.open(emulator);
            List<String> iTwins = session.seededITwins();
            Report report = new Report(label, command(), List.of("itwin: (shipped YAML)", "camel-http route"));
            if (parts.contains("startup")) {
                compareStartup(emulator, session, report);
            }
            if (parts.contains("memory")) {
                findSmallestHeaps(emulator, iTwins.subList(0, MEMORY_BATCH), report);
            }
            report.write(OUTPUT);
            System.out.println(report.markdown());
        }
    }

    private String command() {
        return "./mvnw -B test -Dbenchmarks -Dtest=ShippedRoutesBenchmark -Dbenchmark.label=" + label
                + " -Dbenchmark.parts=" + String.join(",", parts);
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

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
