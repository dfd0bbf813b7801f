package io.camelitwin.resilience;

import io.camelitwin.client.CountingClientListener;
import io.camelitwin.component.ITwinComponent;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.RouteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped YAML folder route with the shared {@code itwin-resilience} configuration, against the emulator. The
 * folder route does not start with the context: a test fills the inbox first, so that every file is there from the
 * first poll.
 */
abstract class FolderUploadTestSupport extends EmulatorCamelTestSupport {

    static final String FOLDER_ROUTE = ShippedRoutes.FOLDER;

    @TempDir
    Path work;

    /** What the component's clients saw: requests, 429s, transient faults, the limiter's waits. */
    final CountingClientListener metrics = new CountingClientListener();

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

    /**
     * The client's own budget never holds a request here (the platform's limit, or the faults a test injects, are what
     * the route must ride out), and its metrics are counted.
     */
    @Override
    protected void configureClients(ITwinComponent component) {
        withFaultsOnlyBudget(component);
        component.setClientListener(metrics);
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
        properties.put("itwin.dead-letter.uri", "file:" + deadLetter());
        properties.putAll(routeProperties());
        context.getPropertiesComponent().setInitialProperties(properties);
        // created, and started by the test once its platform is set up
        context.setAutoStartupExcludePattern(FOLDER_ROUTE);
        ShippedRoutes.bindFolderRouteBeans(context, inbox(), done(), deadLetter());
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

    static List<Path> filesIn(Path folder) {
        return ShippedRoutes.filesIn(folder);
    }
}
