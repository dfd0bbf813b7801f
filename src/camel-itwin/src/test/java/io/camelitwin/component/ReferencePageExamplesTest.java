package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camelitwin.emulator.DemoData;
import io.camelitwin.testing.Await;
import io.camelitwin.testing.EmulatorCamelTestSupport;
import io.camelitwin.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * Every YAML example of the reference page, loaded as written into a Camel context and run against the emulator: a
 * {@code direct:} example is sent a message, a {@code file:} example gets a file named as the route expects, a timer
 * fires by itself; each must complete without a failure, and a consumer example must start. Its own Surefire
 * execution runs it in {@code target/examples}, where the examples' relative folders land.
 */
class ReferencePageExamplesTest extends EmulatorCamelTestSupport {

    private static final Pattern YAML_BLOCK = Pattern.compile("\\[source,yaml]\\n----\\n(.*?)\\n----", Pattern.DOTALL);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Test
    void everyExampleRunsAsWrittenAgainstTheEmulator() throws Exception {
        assumeTrue(
                Path.of("").toAbsolutePath().endsWith("examples"),
                "runs in target/examples only (its own Surefire execution), never where its folders would litter");
        List<String> examples = examples();
        assertThat(examples).as("the page's YAML examples").hasSizeGreaterThanOrEqualTo(9);
        context.getPropertiesComponent().setOverrideProperties(demoIds());
        ExchangeOutcomes outcomes = new ExchangeOutcomes();
        outcomes.start();
        context.getManagementStrategy().addEventNotifier(outcomes);

        for (int i = 0; i < examples.size(); i++) {
            String example = examples.get(i);
            int before = context.getRoutes().size();
            PluginHelper.getRoutesLoader(context)
                    .loadRoutes(ResourceHelper.fromString("example-" + (i + 1) + ".camel.yaml", example));
            List<Route> loaded =
                    context.getRoutes().subList(before, context.getRoutes().size());
            assertThat(loaded)
                    .as("example %d loads a route:%n%s", i + 1, example)
                    .hasSize(1);
            run(loaded.get(0), example);
            assertThat(failures).as("example %d:%n%s", i + 1, example).isEmpty();
        }
    }

    private void run(Route route, String example) throws Exception {
        String from = route.getEndpoint().getEndpointUri();
        if (from.startsWith("itwin:")) {
            Await.until(
                    "the consumer example started",
                    TIMEOUT,
                    () -> context.getRouteController().getRouteStatus(route.getRouteId()) == ServiceStatus.Started);
            return;
        }
        if (from.startsWith("direct:")) {
            boolean idFromHeader =
                    !example.contains("iTwinId") && example.matches("(?s).*itwin:(get|delete|download)Image.*");
            Exchange result = template.request(from, exchange -> {
                if (idFromHeader) {
                    exchange.getMessage().setHeader(ITwinConstants.ITWIN_ID, DemoData.ITWIN_PLAIN);
                }
            });
            assertThat(result.getException()).as("%s", from).isNull();
        } else if (from.startsWith("file:")) {
            Path folder = Path.of(from.substring("file://".length()).replaceAll("\\?.*", ""));
            Files.createDirectories(folder);
            if (example.contains(ITwinConstants.IMODEL_ID)) {
                Files.write(folder.resolve(DemoData.IMODEL_INITIALIZED + ".jpg"), TestImages.jpeg(800, 600));
            } else {
                Files.write(folder.resolve(DemoData.ITWIN_PLAIN + ".png"), TestImages.png(800, 600));
            }
        }
        Await.until(
                "an exchange of " + from + " completed",
                TIMEOUT,
                () -> completed.getOrDefault(from, new AtomicInteger()).get() > 0 || !failures.isEmpty(),
                () -> "failures: " + failures);
    }

    private static List<String> examples() throws Exception {
        Matcher blocks = YAML_BLOCK.matcher(Files.readString(ComponentReferencePageTest.PAGE));
        List<String> examples = new ArrayList<>();
        while (blocks.find()) {
            examples.add(blocks.group(1));
        }
        return examples;
    }

    private static Properties demoIds() {
        Properties ids = new Properties();
        ids.setProperty("itwin.demo-itwin", DemoData.ITWIN_WITH_IMAGE);
        ids.setProperty("itwin.demo-imodel", DemoData.IMODEL_INITIALIZED);
        ids.setProperty("itwin.demo-repository", DemoData.REPOSITORY_ID);
        ids.setProperty("itwin.demo-resource", DemoData.RESOURCE_HEADER_AUTH);
        return ids;
    }

    /** Which route's exchanges completed, and every failure with its cause. */
    private final class ExchangeOutcomes extends EventNotifierSupport {

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeFailedEvent failed) {
                failures.add(failed.getExchange().getFromEndpoint() + ": "
                        + failed.getExchange().getException());
            } else if (event instanceof CamelEvent.ExchangeCompletedEvent done
                    && done.getExchange().getFromEndpoint() != null) {
                completed
                        .computeIfAbsent(
                                done.getExchange().getFromEndpoint().getEndpointUri(), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        }
    }
}
