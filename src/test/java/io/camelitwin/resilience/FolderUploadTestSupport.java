package io.camelitwin.resilience;

import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.RouteFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped YAML folder route with the shared {@code itwin-resilience} configuration, against the emulator. The
 * folder route does not start with the context: a test fills the inbox first, so that every file is there from the
 * first poll.
 */
abstract class FolderUploadTestSupport extends EmulatorCamelTestSupport {

    static final String FOLDER_ROUTE = "folder-to-itwin";

    @TempDir
    Path work;

    Path inbox() {
        return work.resolve("inbox");
    }

    Path deadLetter() {
        return work.resolve("dead-letter");
    }

    Path done() {
        return inbox().resolve(".done");
    }

    /** Placeholders of the YAML files beyond the folders; override to tune the retries. */
    protected Properties routeProperties() {
        return new Properties();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("itwin.folder.inbox", inbox().toString());
        properties.put("itwin.folder.enabled", "false");
        properties.put("itwin.dead-letter.uri", "file:" + deadLetter());
        properties.putAll(routeProperties());
        context.getPropertiesComponent().setInitialProperties(properties);
        RouteFiles.load(context, "itwin-resilience.camel.yaml", "folder-to-itwin.camel.yaml");
        return context;
    }

    void drop(String iTwinId, byte[] image) throws IOException {
        Files.createDirectories(inbox());
        Files.write(inbox().resolve(iTwinId + ".png"), image);
    }

    void startFolderRoute() throws Exception {
        context.getRouteController().startRoute(FOLDER_ROUTE);
    }

    /** Regular files directly in {@code folder}; none when it does not exist. */
    static List<Path> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
