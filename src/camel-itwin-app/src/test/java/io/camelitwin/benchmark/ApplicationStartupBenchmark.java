package io.camelitwin.benchmark;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.SecretsLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the application's startup time and resident memory for docs/benchmarks.md. The packaged application
 * ({@code target/quarkus-app/quarkus-run.jar}, built beforehand) is started again and again against an emulator in its
 * own JVM, as it would run against the platform, alternating with two baselines in the same run: the same jar with no
 * routes (Quarkus, Camel, the component's client and the health checks: what the shipped routes add is the
 * difference), and a JVM that loads one class (the floor no Java application goes below). Time is from the process's
 * start to its readiness ({@code /q/health/ready} UP; for the idle JVM, its first line). Memory is the kernel's VmRSS
 * at that moment and, for the application, after a batch of folder uploads, with VmHWM (the peak).
 *
 * <p>Run with {@code ./mvnw -B -q package -DskipTests && ./mvnw -B test -Dbenchmarks
 * -Dtest=ApplicationStartupBenchmark -Dbenchmark.label=<name>}; writes {@code
 * docs/benchmarks/startup-<name>.md}. System properties: {@code benchmark.rounds} (5), {@code benchmark.startup.uploads} (50
 * PNGs of 100 KB to 4 MB).
 */
@Tag("benchmark")
class ApplicationStartupBenchmark {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path WORK = Path.of("target", "benchmarks", "startup");
    private static final Path OUTPUT = Path.of("docs", "benchmarks");
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:\\s]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String label = System.getProperty("benchmark.label", "latest");
    private final int rounds = Integer.getInteger("benchmark.rounds", 5);
    private final int uploads = Integer.getInteger("benchmark.startup.uploads", 50);

    enum Variant {
        IDLE_JVM("idle JVM (one class)"),
        NO_ROUTES("application, no routes"),
        APPLICATION("application, shipped routes");

        final String title;

        Variant(String title) {
            this.title = title;
        }
    }

    /** One start: figures in milliseconds and kilobytes; the upload figures only for the application with routes. */
    record Launch(
            Variant variant,
            int round,
            double readyMillis,
            long rssKb,
            double uploadSeconds,
            long rssAfterUploadsKb,
            long peakRssKb,
            double loadAverage) {}

    @Test
    void measure() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw -B -q package -DskipTests first");
        }
        SecretsLedger.record(DemoData.DEMO_CLIENT_SECRET);
        List<Path> images = BenchmarkImages.spread(WORK.resolve("images"), uploads, 100_000, 4_000_000, 7);
        List<Launch> launches = new ArrayList<>();
        try (EmulatorProcess emulator = EmulatorProcess.start(0)) {
            Variant[] variants = Variant.values();
            for (int round = 0; round < rounds; round++) {
                // the order rotates, so that no variant always follows the same one
                for (int i = 0; i < variants.length; i++) {
                    Variant variant = variants[(i + round) % variants.length];
                    Launch launch = launch(variant, round, emulator, images);
                    System.out.println(launch);
                    launches.add(launch);
                }
            }
        }
        String markdown = report(launches, BenchmarkImages.totalBytes(images));
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve("startup-" + label + ".md"), markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
    }

    private Launch launch(Variant variant, int round, EmulatorProcess emulator, List<Path> images) throws Exception {
        Path directory = WORK.resolve(variant.name().toLowerCase(Locale.ROOT) + "-" + round);
        BenchmarkImages.deleteAll(directory);
        Files.createDirectories(directory);
        Path log = directory.resolve("console.log");
        ProcessBuilder builder = command(variant, directory, emulator)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        double load = LoadAverage.oneMinute();
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            awaitReady(variant, process, log);
            double readyMillis = (System.nanoTime() - started) / 1e6;
            long rss = status(process, "VmRSS");
            if (variant != Variant.APPLICATION) {
                return new Launch(variant, round, readyMillis, rss, Double.NaN, -1, status(process, "VmHWM"), load);
            }
            long uploadStarted = System.nanoTime();
            dropAndAwait(directory, images, process);
            double uploadSeconds = (System.nanoTime() - uploadStarted) / 1e9;
            return new Launch(
                    variant,
                    round,
                    readyMillis,
                    rss,
                    uploadSeconds,
                    status(process, "VmRSS"),
                    status(process, "VmHWM"),
                    load);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static ProcessBuilder command(Variant variant, Path directory, EmulatorProcess emulator)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (variant == Variant.IDLE_JVM) {
            // the folder this benchmark's own classes were loaded from: the module's target/test-classes
            String classes;
            try {
                classes = Path.of(IdleJvm.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            return new ProcessBuilder(java, "-cp", classes, IdleJvm.class.getName());
        }
        Path routes = Path.of("routes").toAbsolutePath();
        if (variant == Variant.NO_ROUTES) {
            routes = Files.createDirectories(directory.resolve("no-routes")).toAbsolutePath();
        }
        ProcessBuilder builder =
                new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString());
        Map<String, String> environment = builder.environment();
        // the benchmark's own environment must not configure the child (e.g. a developer's real credentials)
        environment.keySet().removeIf(key -> key.startsWith("ITWIN_") || key.startsWith("QUARKUS_"));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", "0");
        environment.put("ITWIN_ROUTES_DIR", routes.toString());
        environment.put("ITWIN_PLATFORM", "bentley");
        environment.put("ITWIN_CLIENT_ID", DemoData.DEMO_CLIENT_ID);
        environment.put("ITWIN_CLIENT_SECRET", DemoData.DEMO_CLIENT_SECRET);
        environment.put("ITWIN_BASE_URL", emulator.baseUrl());
        environment.put("ITWIN_TOKEN_URL", emulator.tokenUrl());
        return builder;
    }

    private static void awaitReady(Variant variant, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        int port = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(variant.title + " exited with " + process.exitValue() + "; see " + log);
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (variant == Variant.IDLE_JVM) {
                if (text.contains(IdleJvm.READY)) {
                    return;
                }
            } else if (port < 0) {
                Matcher listening = LISTENING.matcher(text);
                port = listening.find() ? Integer.parseInt(listening.group(1)) : -1;
            } else if (ready(port)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(variant.title + " not ready within " + START_TIMEOUT + "; see " + log);
    }

    private static boolean ready(int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves the images into the inbox (whole, never half-written) and waits until the folder route has taken all. */
    private static void dropAndAwait(Path directory, List<Path> images, Process process) throws Exception {
        Path inbox = directory.resolve("data/inbox/itwins/" + DemoData.ITWIN_PLAIN);
        Path staging = Files.createDirectories(directory.resolve("staging"));
        Files.createDirectories(inbox);
        for (Path image : images) {
            Path staged = Files.copy(image, staging.resolve(image.getFileName()));
            Files.move(staged, inbox.resolve(image.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!empty(directory.resolve("data/inbox"))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("the inbox of " + directory + " was not emptied");
            }
            Thread.sleep(50);
        }
        long failed = filesUnder(directory.resolve("data/failed"));
        if (failed > 0) {
            throw new IllegalStateException(failed + " files failed in " + directory + "; see its console.log");
        }
    }

    private static boolean empty(Path inbox) throws IOException {
        try {
            return filesUnder(inbox) == 0;
        } catch (UncheckedIOException e) {
            // a file the route took away while the walk was passing: it is still at work
            return false;
        }
    }

    private static long filesUnder(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** A line of /proc/[pid]/status in kilobytes, e.g. VmRSS (resident now) or VmHWM (its peak). */
    private static long status(Process process, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + process.pid() + "/status");
    }

    private String report(List<Launch> launches, long imageBytes) {
        List<String> lines = new ArrayList<>(List.of(
                "### Run `" + label + "`",
                "",
                "```",
                "./mvnw -B -q package -DskipTests",
                "./mvnw -B test -Dbenchmarks -Dtest=ApplicationStartupBenchmark -Dbenchmark.label=" + label
                        + " -Dbenchmark.rounds=" + rounds + " -Dbenchmark.startup.uploads=" + uploads,
                "```",
                "",
                String.format(
                        Locale.ROOT,
                        "%d rounds, the three variants in turn (the order rotates), default JVM options (%s, %d"
                                + " cores). Uploads: %d PNGs of 100 KB to 4 MB (%.0f MB) moved into the inbox at once"
                                + " after readiness.",
                        rounds,
                        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors(),
                        uploads,
                        imageBytes / 1e6),
                "",
                "| variant | start to ready, median | min to max | RSS at ready, median | min to max |",
                "|---|---|---|---|---|"));
        for (Variant variant : Variant.values()) {
            List<Launch> of = of(launches, variant);
            lines.add(String.format(
                    Locale.ROOT,
                    "| %s | %.0f ms | %.0f to %.0f ms | %.0f MB | %.0f to %.0f MB |",
                    variant.title,
                    Stats.median(values(of, Launch::readyMillis)),
                    Stats.min(values(of, Launch::readyMillis)),
                    Stats.max(values(of, Launch::readyMillis)),
                    Stats.median(values(of, l -> l.rssKb() / 1024.0)),
                    Stats.min(values(of, l -> l.rssKb() / 1024.0)),
                    Stats.max(values(of, l -> l.rssKb() / 1024.0))));
        }
        List<Launch> application = of(launches, Variant.APPLICATION);
        lines.addAll(List.of(
                "",
                "| application, after the uploads | median | min to max |",
                "|---|---|---|",
                spread("upload batch, inbox to empty", application, Launch::uploadSeconds, "s"),
                spread("RSS after the uploads", application, l -> l.rssAfterUploadsKb() / 1024.0, "MB"),
                spread("peak RSS (VmHWM)", application, l -> l.peakRssKb() / 1024.0, "MB"),
                "",
                "| ratio (median of the per-round ratios) | start to ready | RSS at ready |",
                "|---|---|---|",
                ratioRow(launches, Variant.APPLICATION, Variant.NO_ROUTES),
                ratioRow(launches, Variant.APPLICATION, Variant.IDLE_JVM),
                ratioRow(launches, Variant.NO_ROUTES, Variant.IDLE_JVM),
                "",
                "| round | variant | start to ready | RSS at ready | RSS after uploads | peak RSS | load average |",
                "|---|---|---|---|---|---|---|"));
        for (Launch launch : launches) {
            lines.add(String.format(
                    Locale.ROOT,
                    "| %d | %s | %.0f ms | %s | %s | %s | %.1f |",
                    launch.round() + 1,
                    launch.variant().title,
                    launch.readyMillis(),
                    megabytes(launch.rssKb()),
                    launch.rssAfterUploadsKb() < 0 ? "-" : megabytes(launch.rssAfterUploadsKb()),
                    megabytes(launch.peakRssKb()),
                    launch.loadAverage()));
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static String megabytes(long kilobytes) {
        return String.format(Locale.ROOT, "%.0f MB", kilobytes / 1024.0);
    }

    private String ratioRow(List<Launch> launches, Variant over, Variant under) {
        List<Double> time = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Launch a = launchOf(launches, over, round);
            Launch b = launchOf(launches, under, round);
            time.add(a.readyMillis() / b.readyMillis());
            rss.add((double) a.rssKb() / b.rssKb());
        }
        return String.format(
                Locale.ROOT,
                "| %s / %s | %.2f (%.2f to %.2f) | %.2f (%.2f to %.2f) |",
                over.title,
                under.title,
                Stats.median(time),
                Stats.min(time),
                Stats.max(time),
                Stats.median(rss),
                Stats.min(rss),
                Stats.max(rss));
    }

    private static String spread(String what, List<Launch> launches, ToDoubleFunction<Launch> figure, String unit) {
        List<Double> values = values(launches, figure);
        return String.format(
                Locale.ROOT,
                "| %s | %.1f %s | %.1f to %.1f %s |",
                what,
                Stats.median(values),
                unit,
                Stats.min(values),
                Stats.max(values),
                unit);
    }

    private static List<Launch> of(List<Launch> launches, Variant variant) {
        return launches.stream().filter(l -> l.variant() == variant).toList();
    }

    private static Launch launchOf(List<Launch> launches, Variant variant, int round) {
        return launches.stream()
                .filter(l -> l.variant() == variant && l.round() == round)
                .findFirst()
                .orElseThrow();
    }

    private static List<Double> values(List<Launch> launches, ToDoubleFunction<Launch> figure) {
        return launches.stream().mapToDouble(figure).boxed().toList();
    }
}
