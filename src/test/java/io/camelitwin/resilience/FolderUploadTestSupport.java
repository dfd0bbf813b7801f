package io.camelitwin.resilience;

import io.camelitwin.app.DeadLetterNames;
import io.camelitwin.app.FailedFolder;
import io.camelitwin.app.FolderUploads;
import io.camelitwin.app.ImageTargets;
import io.camelitwin.app.InboxFilter;
import io.camelitwin.app.SlowWriters;
import io.camelitwin.app.UploadJournal;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.RouteFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
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
        return work.resolve("done");
    }

    /** Where a file for the iTwin's image lies in the inbox layout, and later in done or the dead letter. */
    static String fileOf(String iTwinId) {
        return "itwins/" + iTwinId + "/" + iTwinId + ".png";
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
        properties.put("itwin.folder.done", done().toString());
        properties.put("itwin.folder.enabled", "false");
        properties.put("itwin.dead-letter.uri", "file:" + deadLetter());
        properties.putAll(routeProperties());
        context.getPropertiesComponent().setInitialProperties(properties);
        // the beans the folder route calls, as the application provides them, without Quarkus
        MemoryStateRepository lastUploads = new MemoryStateRepository();
        context.getRegistry().bind("folderUploads", new FolderUploads(lastUploads, inbox(), done()));
        context.getRegistry().bind("folderUploadJournal", new UploadJournal(new MemoryStateRepository()));
        SlowWriters slowWriters = new SlowWriters(120_000);
        FailedFolder failed =
                new FailedFolder(inbox(), deadLetter(), new DeadLetterNames(), slowWriters, new ImageTargets());
        context.getRegistry().bind("folderFailed", failed);
        context.getRegistry()
                .bind("inboxFilter", new InboxFilter(inbox(), failed, slowWriters, new SimpleMeterRegistry()));
        RouteFiles.load(context, "itwin-resilience.camel.yaml", "folder-to-itwin.camel.yaml");
        return context;
    }

    void drop(String iTwinId, byte[] image) throws IOException {
        Path file = inbox().resolve(fileOf(iTwinId));
        Files.createDirectories(file.getParent());
        Files.write(file, image);
    }

    void startFolderRoute() throws Exception {
        context.getRouteController().startRoute(FOLDER_ROUTE);
    }

    /** Regular files in {@code folder} and its subfolders; none when it does not exist. */
    static List<Path> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
