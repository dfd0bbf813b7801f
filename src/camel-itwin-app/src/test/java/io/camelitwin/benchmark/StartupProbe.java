package io.camelitwin.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * A Camel Main application in a fresh JVM that prints how long after JVM start its routes had started (wall and CPU
 * milliseconds) and how many classes it had loaded by then, then halts.
 * Arguments: {@code itwin|http}, base URL, token URL (or bearer token for {@code http}), work folder.
 */
public final class StartupProbe {

    static final String MARK = "ROUTES STARTED AFTER MS ";

    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        Path work = Path.of(args[3]);
        Main main = new Main();
        // no application.properties: only the routes and properties named here
        main.setDefaultPropertyPlaceholderLocation("false");
        main.addInitialProperty("itwin.folder.inbox", work.resolve("inbox").toString());
        if (variant.equals("itwin")) {
            // the shipped files, and only those, as an application would load them
            main.configure()
                    .withRoutesIncludePattern(
                            "file:routes/itwin-resilience.camel.yaml,file:routes/folder-to-itwin.camel.yaml");
            main.addInitialProperty("camel.component.itwin.baseUrl", args[1]);
            main.addInitialProperty("camel.component.itwin.tokenUrl", args[2]);
            main.addInitialProperty("camel.component.itwin.clientId", "itwin-emulator-demo");
            main.addInitialProperty("camel.component.itwin.clientSecret", "itwin-emulator-demo-secret");
            main.addInitialProperty("itwin.folder.done", work.resolve("done").toString());
            main.addInitialProperty("itwin.dead-letter.uri", "file:" + work.resolve("failed"));
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void beforeConfigure(BaseMainSupport starting) {
                    bindFolderBeans(starting.getCamelContext(), work);
                }
            });
        } else {
            main.configure().withRoutesIncludePattern("classpath:benchmark/folder-to-camel-http.camel.yaml");
            main.addInitialProperty("platform.base-url", args[1]);
            main.addInitialProperty("platform.token", args[2]);
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                // wall time, the CPU time of all threads (less swayed by the machine's load) and the classes loaded
                System.out.println(MARK + ManagementFactory.getRuntimeMXBean().getUptime() + " "
                        + ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                                / 1_000_000
                        + " " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
                System.out.flush();
                // what stopping costs is not startup
                Runtime.getRuntime().halt(0);
            }
        });
        main.run();
    }

    private static void bindFolderBeans(CamelContext camel, Path work) {
        try {
            FolderRouteBeans.bind(
                    camel, work.resolve("inbox"), work.resolve("done"), work.resolve("state"), work.resolve("failed"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
