package io.camelitwin.benchmark;

import io.camelitwin.component.ITwinComponent;
import io.camelitwin.component.ITwinConfiguration;
import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.RouteFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The shipped folder route in a JVM with a small heap: uploads two large PNGs by turns, {@code uploads} times in all,
 * in batches of one file per iTwin (hard links, so the disk holds each once), and prints the peak heap and RSS. Exits
 * non-zero when an upload fails or the heap runs out. Arguments: base URL, token URL, work folder, PNG, second PNG,
 * uploads, iTwin ids (comma separated).
 */
public final class MemoryProbe {

    static final String MARK = "MEMORY RESULT ";
    private static final long BATCH_TIMEOUT_NANOS = 300_000_000_000L;

    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[2]);
        Path png = Path.of(args[3]);
        Path alternate = Path.of(args[4]);
        int uploads = Integer.parseInt(args[5]);
        List<String> iTwins = List.of(args[6].split(","));
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path deadLetter = Files.createDirectories(work.resolve("dead-letter"));

        DefaultCamelContext context = new DefaultCamelContext();
        ITwinComponent component = new ITwinComponent();
        ITwinConfiguration configuration = component.getConfiguration();
        configuration.setBaseUrl(args[0]);
        configuration.setTokenUrl(args[1]);
        configuration.setClientId(DemoData.DEMO_CLIENT_ID);
        configuration.setClientSecret(DemoData.DEMO_CLIENT_SECRET);
        component.setRequestsPerMinute(100_000);
        component.setRequestsPerHour(0);
        context.addComponent("itwin", component);
        Properties properties = new Properties();
        properties.put("itwin.folder.inbox", inbox.toString());
        properties.put("itwin.dead-letter.uri", "file:" + deadLetter);
        properties.put("itwin.folder.done", work.resolve("done").toString());
        context.getPropertiesComponent().setInitialProperties(properties);
        FolderRouteBeans.bind(context, work.resolve("state"), deadLetter);
        RouteFiles.load(context, "itwin-resilience.camel.yaml", "folder-to-itwin.camel.yaml");
        context.start();

        long start = System.nanoTime();
        int sent = 0;
        for (int batch = 0; sent < uploads; batch++) {
            int size = Math.min(iTwins.size(), uploads - sent);
            // two contents taking turns: the route skips a file whose content is the one last uploaded to its iTwin
            Path content = batch % 2 == 0 ? png : alternate;
            for (int i = 0; i < size; i++) {
                Path folder = Files.createDirectories(inbox.resolve("itwins").resolve(iTwins.get(i)));
                Files.createLink(folder.resolve("image.png"), content);
            }
            awaitEmpty(inbox);
            if (count(deadLetter) > 0) {
                System.out.println("dead letters after " + sent + " uploads");
                System.exit(4);
            }
            sent += size;
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.println(MARK + peakHeapBytes() + " " + peakRssKilobytes() + " " + seconds);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Waits until the route has taken every file out of the inbox (uploaded and copied to done, or dead-lettered). */
    private static void awaitEmpty(Path inbox) throws Exception {
        long deadline = System.nanoTime() + BATCH_TIMEOUT_NANOS;
        while (true) {
            try (Stream<Path> files = Files.walk(inbox)) {
                if (files.noneMatch(Files::isRegularFile)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                System.out.println("timed out waiting for the inbox to empty");
                System.exit(5);
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
