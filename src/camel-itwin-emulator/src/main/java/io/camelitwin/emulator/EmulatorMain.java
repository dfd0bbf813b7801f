package io.camelitwin.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs the emulator in the foreground until Ctrl-C. {@code --help} lists the options. */
public final class EmulatorMain {

    private static final String USAGE = """
            Usage: EmulatorMain [options]
              --host <address>          interface to bind (default 127.0.0.1)
              --port <n>                port, 0 for a free one (default 8080)
              --seed <n>                seed of generated ids and of fault injection (default 42)
              --per-minute <n>          requests per minute per client, 0 for no limit (default 500)
              --per-hour <n>            requests per hour per client, 0 for no limit (default 5000)
              --tier <name>             tier named in 429 headers (default Trial)
              --itwins <n>              extra iTwins to create for the demo client (default 0)
              --token-lifetime <s>      access token lifetime in seconds (default 3600)
              --blob-url-lifetime <s>   blob link lifetime in seconds (default 3600)
              --threads <n>             request threads (default 4 per core, at least 8)
              --data-dir <path>         keep the world in this directory across restarts
              --no-demo-data            start without the demo clients and data
              --help                    print this and exit
            """;

    private EmulatorMain() {}

    public static void main(String[] args) throws Exception {
        ITwinEmulator.Builder builder = ITwinEmulator.builder().port(8080);
        long perMinute = RateLimitSettings.TRIAL.perMinute();
        long perHour = RateLimitSettings.TRIAL.perHour();
        String tier = RateLimitSettings.TRIAL.tier();
        int extraITwins = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    case "--no-demo-data" -> builder.demoData(false);
                    default -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value for " + option);
                        }
                        String value = args[++i];
                        switch (option) {
                            case "--host" -> builder.host(value);
                            case "--port" -> builder.port(Integer.parseInt(value));
                            case "--seed" -> builder.seed(Long.parseLong(value));
                            case "--per-minute" -> perMinute = Long.parseLong(value);
                            case "--per-hour" -> perHour = Long.parseLong(value);
                            case "--tier" -> tier = value;
                            case "--itwins" -> extraITwins = Integer.parseInt(value);
                            case "--token-lifetime" -> builder.tokenLifetime(Duration.ofSeconds(Long.parseLong(value)));
                            case "--blob-url-lifetime" ->
                                builder.blobUrlLifetime(Duration.ofSeconds(Long.parseLong(value)));
                            case "--threads" -> builder.threads(Integer.parseInt(value));
                            case "--data-dir" -> builder.dataDirectory(Path.of(value));
                            default -> throw new IllegalArgumentException("unknown option " + option);
                        }
                    }
                }
            }
            builder.rateLimits(new RateLimitSettings(tier, perMinute, perHour));
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }

        ITwinEmulator emulator = builder.start();
        List<String> seeded = extraITwins > 0 ? emulator.seedITwins(DemoData.DEMO_CLIENT_ID, extraITwins) : List.of();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            stopped.countDown();
                        },
                        "itwin-emulator-shutdown"));
        printBanner(System.out, emulator, seeded);
        stopped.await();
    }

    private static void printBanner(PrintStream out, ITwinEmulator emulator, List<String> seeded) {
        out.println("iTwin Platform emulator on " + emulator.baseUrl());
        out.println("  token endpoint   " + emulator.tokenUrl());
        out.println("  demo client      " + DemoData.DEMO_CLIENT_ID + " / " + DemoData.DEMO_CLIENT_SECRET);
        out.println("  other client     " + DemoData.OTHER_CLIENT_ID + " / " + DemoData.OTHER_CLIENT_SECRET);
        out.println("  iTwin with image " + DemoData.ITWIN_WITH_IMAGE);
        out.println("  iTwins           " + DemoData.ITWIN_PLAIN + ", " + DemoData.ITWIN_SPARE + ", "
                + DemoData.ITWIN_SHARED);
        out.println("  iModels          " + DemoData.IMODEL_INITIALIZED + " (initialized), "
                + DemoData.IMODEL_UNINITIALIZED + " (uninitialized), " + DemoData.IMODEL_VIEW_ONLY + " (view only)");
        out.println("  graphics         repository " + DemoData.REPOSITORY_ID + ", resources "
                + String.join(
                        ", ",
                        DemoData.RESOURCE_HEADER_AUTH,
                        DemoData.RESOURCE_QUERY_AUTH,
                        DemoData.RESOURCE_BASIC_AUTH,
                        DemoData.RESOURCE_NO_AUTH,
                        DemoData.RESOURCE_URL_TEMPLATE));
        if (!seeded.isEmpty()) {
            out.println("  seeded iTwins    " + seeded.size() + ", first " + seeded.get(0));
        }
        out.println("  rate limit       " + emulator.rateLimits());
        out.println("Ctrl-C stops it.");
        out.flush();
    }
}
