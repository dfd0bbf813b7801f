package io.camelitwin.benchmark;

import io.camelitwin.benchmark.Workloads.CallFigures;
import io.camelitwin.benchmark.Workloads.UploadFigures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The figures of one run, written as Markdown ready for docs/benchmarks.md and as a chart. */
final class Report {

    /** One launch: wall and CPU milliseconds from JVM start to all routes started, and the classes loaded by then. */
    record StartupRun(long wallMillis, long cpuMillis, long classes) {}

    record MemoryTrial(
            String route,
            int uploads,
            int maxHeapMegabytes,
            boolean passed,
            String failure,
            long peakHeapBytes,
            long peakRssKilobytes,
            long seconds) {}

    private final String label;
    private final String command;
    private final List<String> variants;
    private final Map<String, List<UploadFigures>> uploads = new LinkedHashMap<>();
    private final Map<String, List<CallFigures>> calls = new LinkedHashMap<>();
    private final Map<String, List<Double>> mixedUploadMillis = new LinkedHashMap<>();
    private final Map<String, List<StartupRun>> startups = new LinkedHashMap<>();
    private final List<MemoryTrial> memory = new ArrayList<>();
    private String uploadWorkload = "";
    private String callWorkload = "";
    private String memoryWorkload = "";
    private String classPath = "";
    private final List<Double> loadAverages = new ArrayList<>();

    Report(String label, String command, List<String> variants) {
        this.label = label;
        this.command = command;
        this.variants = variants;
        variants.forEach(v -> {
            uploads.put(v, new ArrayList<>());
            calls.put(v, new ArrayList<>());
            mixedUploadMillis.put(v, new ArrayList<>());
        });
    }

    void uploadWorkload(String description) {
        uploadWorkload = description;
    }

    void callWorkload(String description) {
        callWorkload = description;
    }

    void classPath(String description) {
        classPath = description;
    }

    /** The machine's one-minute load average at one moment of the run (before the first round, after each). */
    void loadAverage(double oneMinute) {
        loadAverages.add(oneMinute);
    }

    void memoryWorkload(String description) {
        memoryWorkload = description;
    }

    void upload(String variant, UploadFigures figures) {
        uploads.get(variant).add(figures);
    }

    /** One round's mean upload time of a variant, the variants mixed upload by upload. */
    void mixedUpload(String variant, double meanMillis) {
        mixedUploadMillis.get(variant).add(meanMillis);
    }

    void calls(String variant, CallFigures figures) {
        calls.get(variant).add(figures);
    }

    void startup(String variant, StartupRun run) {
        startups.computeIfAbsent(variant, v -> new ArrayList<>()).add(run);
    }

    void memory(MemoryTrial trial) {
        memory.add(trial);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Run `")
                .append(label)
                .append("`, ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d cores (shared with other builds), Java %s, emulator in its own JVM with its rate limit off,"
                        + " client in the benchmark's JVM. Command:%n%n```%n%s%n```%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                command));
        if (!classPath.isEmpty()) {
            md.append("Class path: ").append(classPath).append("\n\n");
        }
        if (!loadAverages.isEmpty()) {
            md.append("Load average (one minute) before the first round, then after each: ")
                    .append(loadAverages.stream()
                            .map(load -> String.format(Locale.ROOT, "%.1f", load))
                            .collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
        if (!uploads.get(variants.get(0)).isEmpty()) {
            appendUploads(md);
            appendMixedUploads(md);
            appendCalls(md);
        }
        if (!startups.isEmpty()) {
            appendStartup(md);
        }
        if (!memory.isEmpty()) {
            appendMemory(md);
        }
        return md.toString();
    }

    private void appendUploads(StringBuilder md) {
        md.append("#### Upload\n\n").append(uploadWorkload).append("\n\n");
        md.append("| variant | images/s, median (range) | MB/s | client CPU ms/image | allocated MB/image"
                + " | allocated / body bytes |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (String v : variants) {
            List<UploadFigures> runs = uploads.get(v);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f | %.2f | %.2f | %.2f |%n",
                    v,
                    medianRange(runs, UploadFigures::imagesPerSecond, "%.1f"),
                    median(runs, UploadFigures::megabytesPerSecond),
                    median(runs, UploadFigures::cpuMillisPerImage),
                    median(runs, UploadFigures::allocatedMegabytesPerImage),
                    median(runs, UploadFigures::allocatedPerBodyByte)));
        }
        md.append("\nBy round (same round = same minute of machine load):\n\n");
        md.append("| round | a images/s | b images/s | c images/s | c/a | c/b | CPU ms/image a, b, c |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        List<Double> ca = new ArrayList<>();
        List<Double> cb = new ArrayList<>();
        for (int r = 0; r < rounds(uploads); r++) {
            UploadFigures a = uploads.get(variants.get(0)).get(r);
            UploadFigures b = uploads.get(variants.get(1)).get(r);
            UploadFigures c = uploads.get(variants.get(2)).get(r);
            ca.add(c.imagesPerSecond() / a.imagesPerSecond());
            cb.add(c.imagesPerSecond() / b.imagesPerSecond());
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f, %.2f, %.2f |%n",
                    r + 1,
                    a.imagesPerSecond(),
                    b.imagesPerSecond(),
                    c.imagesPerSecond(),
                    ca.get(r),
                    cb.get(r),
                    a.cpuMillisPerImage(),
                    b.cpuMillisPerImage(),
                    c.cpuMillisPerImage()));
        }
        md.append(String.format(
                Locale.ROOT,
                "%n**Upload throughput: c/a = %.2f (%.2f to %.2f), c/b = %.2f (%.2f to %.2f)** (median over rounds,"
                        + " range).%n%n",
                Stats.median(ca),
                Stats.min(ca),
                Stats.max(ca),
                Stats.median(cb),
                Stats.min(cb),
                Stats.max(cb)));
    }

    private void appendMixedUploads(StringBuilder md) {
        md.append("#### Upload, the variants mixed upload by upload\n\n");
        md.append("| round | mean ms per upload a, b, c | c/a | c/b |\n|---|---|---|---|\n");
        List<Double> ca = new ArrayList<>();
        List<Double> cb = new ArrayList<>();
        for (int r = 0; r < rounds(mixedUploadMillis); r++) {
            double a = mixedUploadMillis.get(variants.get(0)).get(r);
            double b = mixedUploadMillis.get(variants.get(1)).get(r);
            double c = mixedUploadMillis.get(variants.get(2)).get(r);
            // with callers that wait for each answer, throughput is the inverse of the time per upload
            ca.add(a / c);
            cb.add(b / c);
            md.append(String.format(
                    Locale.ROOT, "| %d | %.0f, %.0f, %.0f | %.2f | %.2f |%n", r + 1, a, b, c, ca.get(r), cb.get(r)));
        }
        md.append(String.format(
                Locale.ROOT,
                "%n**Upload throughput, mixed: c/a = %.2f (%.2f to %.2f), c/b = %.2f (%.2f to %.2f)** (the inverse"
                        + " ratio of the mean upload times; median over rounds, range).%n%n",
                Stats.median(ca),
                Stats.min(ca),
                Stats.max(ca),
                Stats.median(cb),
                Stats.min(cb),
                Stats.max(cb)));
    }

    private void appendCalls(StringBuilder md) {
        md.append("#### Small calls: getImage\n\n").append(callWorkload).append("\n\n");
        md.append("| variant | mean µs | p99 µs | client CPU µs/call (all threads) | caller thread CPU µs/call"
                + " | allocated KB/call (all threads) |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (String v : variants) {
            List<CallFigures> runs = calls.get(v);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.0f | %.1f |%n",
                    v,
                    medianRange(runs, CallFigures::meanMicros, "%.0f"),
                    medianRange(runs, CallFigures::p99Micros, "%.0f"),
                    medianRange(runs, CallFigures::cpuMicrosPerCall, "%.0f"),
                    median(runs, CallFigures::callerThreadCpuMicrosPerCall),
                    median(runs, CallFigures::allocatedKilobytesPerCall)));
        }
        md.append("\n| round | c/b mean | c/b p99 | c/b CPU | c/a mean | c/a p99 | c/a CPU |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        List<Double> meanCb = new ArrayList<>();
        List<Double> p99Cb = new ArrayList<>();
        List<Double> cpuCb = new ArrayList<>();
        for (int r = 0; r < rounds(calls); r++) {
            CallFigures a = calls.get(variants.get(0)).get(r);
            CallFigures b = calls.get(variants.get(1)).get(r);
            CallFigures c = calls.get(variants.get(2)).get(r);
            meanCb.add(c.meanMicros() / b.meanMicros());
            p99Cb.add(c.p99Micros() / b.p99Micros());
            cpuCb.add(c.cpuMicrosPerCall() / b.cpuMicrosPerCall());
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    r + 1,
                    meanCb.get(r),
                    p99Cb.get(r),
                    cpuCb.get(r),
                    c.meanMicros() / a.meanMicros(),
                    c.p99Micros() / a.p99Micros(),
                    c.cpuMicrosPerCall() / a.cpuMicrosPerCall()));
        }
        md.append(String.format(
                Locale.ROOT,
                "%n**getImage c/b: mean %.2f, p99 %.2f, client CPU %.2f** (medians of the per-round ratios).%n%n",
                Stats.median(meanCb),
                Stats.median(p99Cb),
                Stats.median(cpuCb)));
    }

    private void appendStartup(StringBuilder md) {
        md.append("#### Startup\n\n")
                .append("A Camel Main application in a fresh JVM, from JVM start to all routes started (the folder")
                .append(" route and, for itwin, the shipped resilience configuration), launches alternated. CPU: the")
                .append(" process's CPU time over all threads until then.\n\n");
        md.append(
                "| variant | wall ms, median (range) | CPU ms, median (range) | classes loaded |\n|---|---|---|---|\n");
        List<List<StartupRun>> runs = new ArrayList<>(startups.values());
        startups.forEach((variant, launches) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s |%n",
                variant,
                medianRange(launches, StartupRun::wallMillis, "%.0f"),
                medianRange(launches, StartupRun::cpuMillis, "%.0f"),
                medianRange(launches, StartupRun::classes, "%.0f"))));
        if (runs.size() == 2) {
            List<StartupRun> itwin = runs.get(0);
            List<StartupRun> http = runs.get(1);
            md.append(String.format(
                    Locale.ROOT,
                    "%n**Startup itwin / camel-http: wall %.2f (median of the per-launch-pair ratios; %.2f as ratio of"
                            + " medians), CPU %.2f**%n%n",
                    pairRatio(itwin, http, StartupRun::wallMillis),
                    median(itwin, StartupRun::wallMillis) / median(http, StartupRun::wallMillis),
                    pairRatio(itwin, http, StartupRun::cpuMillis)));
        }
    }

    /** The median over launch pairs (one of each, back to back) of their ratio: each pair shares the load of its minute. */
    private static double pairRatio(List<StartupRun> a, List<StartupRun> b, ToDoubleFunction<StartupRun> figure) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(figure.applyAsDouble(a.get(i)) / figure.applyAsDouble(b.get(i)));
        }
        return Stats.median(ratios);
    }

    private void appendMemory(StringBuilder md) {
        md.append("#### Memory\n\n").append(memoryWorkload).append("\n\n");
        md.append("| route | uploads | -Xmx | result | peak heap (sum of pool peaks) | peak RSS | time |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (MemoryTrial trial : memory) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %dm | %s | %s | %s | %s |%n",
                    trial.route(),
                    trial.uploads(),
                    trial.maxHeapMegabytes(),
                    trial.passed() ? "all uploaded" : "failed: " + trial.failure(),
                    trial.passed() ? String.format(Locale.ROOT, "%.1f MB", trial.peakHeapBytes() / 1e6) : "",
                    trial.passed() ? String.format(Locale.ROOT, "%.0f MB", trial.peakRssKilobytes() / 1e3) : "",
                    trial.passed() ? trial.seconds() + " s" : ""));
        }
        md.append('\n');
    }

    void write(Path directory) throws Exception {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("results-" + label + ".md"), markdown(), StandardCharsets.UTF_8);
        if (!uploads.get(variants.get(0)).isEmpty()) {
            Chart.write(
                    directory.resolve("comparison-" + label + ".png"),
                    "a: JDK HttpClient loop   b: camel-http route   c: itwin:   (run " + label
                            + "; bars: median of rounds, whiskers: range)",
                    List.of(
                            new Chart.Panel("Upload, 4 callers", "images per second (higher is better)", uploadBars()),
                            new Chart.Panel("getImage latency", "µs per call (lower is better)", latencyBars()),
                            new Chart.Panel("getImage client CPU", "µs per call, all threads", cpuBars())));
        }
    }

    private List<Chart.Bar> uploadBars() {
        return variants.stream()
                .map(v -> bar(v.substring(0, 2), uploads.get(v), UploadFigures::imagesPerSecond))
                .toList();
    }

    private List<Chart.Bar> latencyBars() {
        List<Chart.Bar> bars = new ArrayList<>();
        for (String v : variants) {
            bars.add(bar(v.substring(0, 2) + " mean", calls.get(v), CallFigures::meanMicros));
        }
        for (String v : variants) {
            bars.add(bar(v.substring(0, 2) + " p99", calls.get(v), CallFigures::p99Micros));
        }
        return bars;
    }

    private List<Chart.Bar> cpuBars() {
        return variants.stream()
                .map(v -> bar(v.substring(0, 2), calls.get(v), CallFigures::cpuMicrosPerCall))
                .toList();
    }

    private static <T> Chart.Bar bar(String label, List<T> runs, ToDoubleFunction<T> figure) {
        List<Double> values = runs.stream().map(figure::applyAsDouble).toList();
        return new Chart.Bar(label, Stats.median(values), Stats.min(values), Stats.max(values));
    }

    private static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        return Stats.median(runs.stream().map(figure::applyAsDouble).toList());
    }

    private static <T> String medianRange(List<T> runs, ToDoubleFunction<T> figure, String format) {
        List<Double> values = runs.stream().map(figure::applyAsDouble).toList();
        return String.format(
                Locale.ROOT,
                format + " (" + format + " to " + format + ")",
                Stats.median(values),
                Stats.min(values),
                Stats.max(values));
    }

    private int rounds(Map<String, ? extends List<?>> figures) {
        return figures.get(variants.get(0)).size();
    }
}
