package io.camelitwin.benchmark;

import io.camelitwin.app.queue.QueueProducers;
import io.camelitwin.app.routes.ImageTargets;
import io.camelitwin.component.ITwinComponent;
import io.camelitwin.component.ITwinConfiguration;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.RouteFiles;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A shipped route in a JVM with a small heap, uploading large PNGs; prints the peak heap and RSS. Exits non-zero when
 * an upload fails or the heap runs out. Arguments: {@code folder|s3|queue}, base URL, token URL, work folder, uploads,
 * then the route's own: for {@code folder} the PNG, a second PNG and the iTwin ids (comma separated), which the probe
 * drops into the inbox itself; for {@code s3} the endpoint, access key, secret key and bucket, for {@code queue} the
 * broker URL and queue, which the benchmark filled before ({@link MemoryTarget}).
 */
public final class MemoryProbe {

    static final String MARK = "MEMORY RESULT ";
    private static final long BATCH_TIMEOUT_NANOS = 300_000_000_000L;

    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        String route = args[0];
        Path work = Path.of(args[3]);
        int uploads = Integer.parseInt(args[4]);
        List<String> own = Arrays.asList(args).subList(5, args.length);
        Path deadLetter = Files.createDirectories(work.resolve("dead-letter"));

        DefaultCamelContext context = new DefaultCamelContext();
        ITwinComponent component = new ITwinComponent();
        ITwinConfiguration configuration = component.getConfiguration();
        configuration.setBaseUrl(args[1]);
        configuration.setTokenUrl(args[2]);
        configuration.setClientId(DemoData.DEMO_CLIENT_ID);
        configuration.setClientSecret(DemoData.DEMO_CLIENT_SECRET);
        component.setRequestsPerMinute(100_000);
        component.setRequestsPerHour(0);
        context.addComponent("itwin", component);
        // as the application configures Camel: a stream cache above 128 KB goes to disk
        context.getStreamCachingStrategy().setSpoolEnabled(true);
        Properties properties = new Properties();
        properties.put("itwin.dead-letter.uri", "file:" + deadLetter);

        long start = System.nanoTime();
        switch (route) {
            case "folder" -> {
                properties.put("itwin.folder.inbox", work.resolve("inbox").toString());
                properties.put("itwin.folder.done", work.resolve("done").toString());
                FolderRouteBeans.bind(
                        context, work.resolve("inbox"), work.resolve("done"), work.resolve("state"), deadLetter);
                load(context, properties, "folder-to-itwin.camel.yaml");
                context.start();
                dropIntoInbox(work.resolve("inbox"), deadLetter, own, uploads);
            }
            case "s3" -> {
                properties.put("itwin.s3.enabled", "true");
                properties.put("itwin.s3.bucket", own.get(3));
                properties.put("itwin.s3.prefix", MemoryTarget.S3_PREFIX);
                properties.put("itwin.s3.done-prefix", "done/");
                properties.put("itwin.s3.failed-prefix", "failed/");
                properties.put("itwin.s3.after-upload", "move");
                properties.put("itwin.s3.poll-delay", "200");
                AWS2S3Component s3 = new AWS2S3Component();
                s3.getConfiguration().setAmazonS3Client(s3Client(own));
                context.addComponent("aws2-s3", s3);
                context.getRegistry().bind("imageTargets", new ImageTargets());
                Files.createDirectories(work.resolve("state"));
                context.getRegistry()
                        .bind(
                                "s3UploadJournal",
                                FolderRouteBeans.uploadJournal(work.resolve("state/s3-in-flight.dat")));
                load(context, properties, "s3-to-itwin.camel.yaml");
                awaitRoute(context, "s3-to-itwin", "itwin-s3-failed", uploads);
            }
            case "queue" -> {
                properties.put("itwin.queue.enabled", "true");
                properties.put("itwin.queue.name", own.get(1));
                properties.put("itwin.queue.dead-letter", own.get(1) + ".dead-letter");
                // the application's connection factory, with the shipped itwin.queue.prefetch=1
                context.addComponent("amqp", new AMQPComponent(QueueProducers.connectionFactory(own.get(0), 1)));
                context.getRegistry().bind("imageTargets", new ImageTargets());
                load(context, properties, "queue-to-itwin.camel.yaml");
                awaitRoute(context, "queue-to-itwin", "itwin-queue-dead-letter", uploads);
            }
            default -> throw new IllegalArgumentException("no memory probe for the route " + route);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println(MARK + peakHeapBytes() + " " + peakRssKilobytes() + " " + seconds);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Two contents taking turns, in batches of one file per iTwin (hard links, so the disk holds each once): the route
     * skips a file whose content is the one last uploaded to its iTwin.
     */
    private static void dropIntoInbox(Path inbox, Path deadLetter, List<String> own, int uploads) throws Exception {
        Path png = Path.of(own.get(0));
        Path alternate = Path.of(own.get(1));
        List<String> iTwins = List.of(own.get(2).split(","));
        int sent = 0;
        for (int batch = 0; sent < uploads; batch++) {
            int size = Math.min(iTwins.size(), uploads - sent);
            Path content = batch % 2 == 0 ? png : alternate;
            for (int i = 0; i < size; i++) {
                Path folder = Files.createDirectories(inbox.resolve("itwins").resolve(iTwins.get(i)));
                Files.createLink(folder.resolve("image.png"), content);
            }
            awaitEmpty(inbox);
            if (count(deadLetter) > 0) {
                fail(4, "dead letters after " + sent + " uploads");
            }
            sent += size;
        }
    }

    /** The shipped route file with the shared resilience configuration, given the probe's properties only. */
    private static void load(DefaultCamelContext context, Properties properties, String routeFile) throws Exception {
        context.getPropertiesComponent().setInitialProperties(properties);
        RouteFiles.load(context, "itwin-resilience.camel.yaml", routeFile);
    }

    /** Starts the routes and waits until they have taken every message the benchmark left for them. */
    private static void awaitRoute(DefaultCamelContext context, String route, String failedRoute, int uploads)
            throws Exception {
        NotifyBuilder done =
                new NotifyBuilder(context).fromRoute(route).whenDone(uploads).create();
        NotifyBuilder failed =
                new NotifyBuilder(context).fromRoute(failedRoute).whenDone(1).create();
        context.start();
        if (!done.matches(BATCH_TIMEOUT_NANOS * 4, TimeUnit.NANOSECONDS)) {
            fail(5, "timed out waiting for " + uploads + " uploads");
        }
        if (failed.matches()) {
            fail(4, "dead letters in " + failedRoute);
        }
    }

    /** The route's S3 client as the application's S3ClientProducers builds it for an S3-compatible store. */
    private static S3Client s3Client(List<String> own) {
        return S3Client.builder()
                .endpointOverride(URI.create(own.get(0)))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(own.get(1), own.get(2))))
                .build();
    }

    private static void fail(int status, String why) {
        System.out.println(why);
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }

    /** Waits until the route has taken every file out of the inbox (uploaded and copied to done, or dead-lettered). */
    private static void awaitEmpty(Path inbox) throws Exception {
        long deadline = System.nanoTime() + BATCH_TIMEOUT_NANOS;
        while (true) {
            try (Stream<Path> files = Files.walk(inbox)) {
                if (files.noneMatch(Files::isRegularFile)) {
                    return;
                }
            } catch (UncheckedIOException deletedWhileListed) {
                // the route deleted a file the walk had just listed: look again
            }
            if (System.nanoTime() > deadline) {
                fail(5, "timed out waiting for the inbox to empty");
            }
            Thread.sleep(100);
        }
    }

    private static long count(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    /** VmHWM: the most resident memory the process ever had. */
    private static long peakRssKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
