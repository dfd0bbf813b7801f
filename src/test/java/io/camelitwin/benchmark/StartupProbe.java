package io.camelitwin.benchmark;

import io.camelitwin.app.FolderUploads;
import io.camelitwin.app.InboxFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.processor.state.MemoryStateRepository;

/**
 * A Camel Main application in a fresh JVM that prints how long after JVM start its routes had started, then halts.
 * Arguments: {@code itwin|http}, base URL, token URL (or bearer token for {@code http}), inbox, dead-letter folder.
 */
public final class StartupProbe {

    static final String MARK = "ROUTES STARTED AFTER MS ";

    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        Main main = new Main();
        // not the application's application.properties: only the routes and properties named here
        main.setDefaultPropertyPlaceholderLocation("false");
        main.addInitialProperty("itwin.folder.inbox", args[3]);
        main.addInitialProperty("itwin.dead-letter.uri", "file:" + args[4]);
        if (variant.equals("itwin")) {
            // the shipped files, as an application would load them
            main.configure()
                    .withRoutesIncludePattern(
                            "file:routes/itwin-resilience.camel.yaml,file:routes/folder-to-itwin.camel.yaml");
            main.addInitialProperty("camel.component.itwin.baseUrl", args[1]);
            main.addInitialProperty("camel.component.itwin.tokenUrl", args[2]);
            main.addInitialProperty("camel.component.itwin.clientId", "itwin-emulator-demo");
            main.addInitialProperty("camel.component.itwin.clientSecret", "itwin-emulator-demo-secret");
            main.addInitialProperty("itwin.folder.done", args[4] + "-done");
            // the beans the shipped folder route calls, as the application provides them, without Quarkus
            main.bind("folderUploads", new FolderUploads(new MemoryStateRepository()));
            main.bind("inboxFilter", new InboxFilter(Path.of(args[4]), new SimpleMeterRegistry()));
        } else {
            main.configure().withRoutesIncludePattern("classpath:benchmark/folder-to-camel-http.camel.yaml");
            main.addInitialProperty("platform.base-url", args[1]);
            main.addInitialProperty("platform.token", args[2]);
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                System.out.println(MARK + ManagementFactory.getRuntimeMXBean().getUptime());
                System.out.flush();
                // what stopping costs is not startup
                Runtime.getRuntime().halt(0);
            }
        });
        main.run();
    }
}
