package io.camelitwin.resilience;

import io.camelitwin.app.folder.DeadLetterNames;
import io.camelitwin.app.folder.FailedFolder;
import io.camelitwin.app.folder.FolderUploads;
import io.camelitwin.app.folder.InboxFilter;
import io.camelitwin.app.folder.SlowWriters;
import io.camelitwin.app.routes.AssetSync;
import io.camelitwin.app.routes.ImageTargets;
import io.camelitwin.app.state.UploadJournal;
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
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.support.processor.state.MemoryStateRepository;

/**
 * The shipped folder route and change sync without Quarkus: the beans they call, as the application provides them, and
 * folders under one work directory ({@code inbox}, {@code done}, {@code failed}, {@code assets}). Neither route starts
 * with the context.
 */
final class ShippedRoutes {

    static final String FOLDER = "folder-to-itwin";
    static final String CHANGE_SYNC = "itwin-changes-to-assets";

    private ShippedRoutes() {}

    /** The beans the folder route calls, as the application provides them, without Quarkus. */
    static void bindFolderRouteBeans(CamelContext context, Path inbox, Path done, Path failed) {
        context.getRegistry().bind("folderUploads", new FolderUploads(new MemoryStateRepository(), inbox, done));
        context.getRegistry().bind("folderUploadJournal", new UploadJournal(new MemoryStateRepository()));
        SlowWriters slowWriters = new SlowWriters(120_000);
        FailedFolder failedFolder =
                new FailedFolder(inbox, failed, new DeadLetterNames(), slowWriters, new ImageTargets());
        context.getRegistry().bind("folderFailed", failedFolder);
        context.getRegistry()
                .bind(
                        "inboxFilter",
                        new InboxFilter(
                                inbox, failedFolder, slowWriters, new ImageTargets(), new SimpleMeterRegistry()));
    }

    /**
     * Loads both routes into a context that already has the {@code itwin-resilience} configuration, with the change sync
     * led through a file lock (one replica).
     */
    static void folderAndChangeSync(CamelContext context, Path work) throws Exception {
        Properties properties = ((PropertiesComponent) context.getPropertiesComponent()).getInitialProperties();
        properties.put("itwin.folder.inbox", work.resolve("inbox").toString());
        properties.put("itwin.sync.folder", work.resolve("assets").toString());
        // created, and started by the test once its platform is set up
        context.setAutoStartupExcludePattern(FOLDER + "," + CHANGE_SYNC);
        bindFolderRouteBeans(context, work.resolve("inbox"), work.resolve("done"), work.resolve("failed"));
        context.getRegistry().bind("assetSync", new AssetSync());
        context.getRegistry().bind("imageChangesState", new MemoryStateRepository());
        FileLockClusterService leadership = new FileLockClusterService();
        leadership.setRoot(Files.createDirectories(work.resolve("cluster")).toString());
        context.addService(leadership);
        RouteFiles.load(context, "folder-to-itwin.camel.yaml", "itwin-changes-to-assets.camel.yaml");
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
