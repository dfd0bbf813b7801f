package io.camelitwin.deploy;

import static io.camelitwin.deploy.RenderedManifests.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.camelitwin.testing.MachineTools;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The monitoring shipped with the manifests (k8s/monitoring): the alert rules pass {@code promtool test rules} against
 * the recorded series of their incidents, and every expression of the rules and of the Grafana dashboard names a
 * metric the application exports, as Micrometer names it on /q/metrics, so that none silently watches nothing.
 */
class MonitoringTest {

    private static final Path MONITORING = Path.of("k8s", "monitoring");
    private static final Pattern METER = Pattern.compile(
            "(Counter|Timer|Gauge)\\.builder\\(\\s*\"(itwin\\.[a-z.]+)\"(.*?)\\.register\\(", Pattern.DOTALL);
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)");
    private static final Pattern METRIC = Pattern.compile("\\bitwin_[a-z0-9_]+");

    @Test
    void alertRulesFireOnTheirIncidentsAndOnlyThere() throws Exception {
        MachineTools.assumeInstalled(
                List.of("promtool"), "the alert rules were not tested", "apt-get install prometheus");
        Path promtool = MachineTools.find("promtool").orElseThrow();

        assertThat(run(promtool, "check", "rules", "alerts.yaml")).contains("SUCCESS");
        assertThat(run(promtool, "test", "rules", "alerts-test.yaml")).contains("SUCCESS");
    }

    @Test
    void everyExpressionNamesAMetricTheApplicationExports() throws IOException {
        Set<String> exported = exportedMetrics();
        assertThat(exported).contains("itwin_client_rate_limited_total", "itwin_client_limiter_wait_seconds_sum");

        Set<String> inAlerts = new TreeSet<>();
        JsonNode rules =
                new YAMLMapper().readTree(MONITORING.resolve("alerts.yaml").toFile());
        for (JsonNode group : elements(rules.path("groups"))) {
            for (JsonNode rule : elements(group.path("rules"))) {
                inAlerts.addAll(metricsIn(rule.path("expr").asText()));
            }
        }
        Set<String> inDashboard = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper()
                .readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        for (JsonNode target : dashboard.findValues("targets")) {
            for (JsonNode query : elements(target)) {
                inDashboard.addAll(metricsIn(query.path("expr").asText()));
            }
        }

        assertThat(inAlerts).as("metrics the alert rules read").isNotEmpty().isSubsetOf(exported);
        assertThat(inDashboard).as("metrics the dashboard reads").isSubsetOf(exported);
        assertThat(inDashboard)
                .as("the dashboard shows every signal an alert watches")
                .containsAll(inAlerts);
    }

    /** The meters the application's code builds, named as Micrometer's Prometheus registry exports them. */
    private static Set<String> exportedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            sources = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> file.toString().contains(File.separator + "main" + File.separator))
                    .toList();
        }
        for (Path source : sources) {
            Matcher meter = METER.matcher(Files.readString(source));
            while (meter.find()) {
                String name = meter.group(2).replace('.', '_');
                Matcher unit = BASE_UNIT.matcher(meter.group(3));
                // Micrometer appends the base unit unless the name already ends with it
                String suffix = unit.find() && !name.endsWith("_" + unit.group(1)) ? "_" + unit.group(1) : "";
                switch (meter.group(1)) {
                    case "Counter" -> names.add(name + suffix + "_total");
                    case "Timer" -> List.of("_count", "_sum", "_max").forEach(s -> names.add(name + "_seconds" + s));
                    default -> names.add(name + suffix);
                }
            }
        }
        return names;
    }

    private static Set<String> metricsIn(String expression) {
        Set<String> metrics = new TreeSet<>();
        Matcher metric = METRIC.matcher(expression);
        while (metric.find()) {
            metrics.add(metric.group());
        }
        return metrics;
    }

    private static String run(Path promtool, String... arguments) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of(promtool.toString()), Stream.of(arguments))
                .toList();
        Process process = new ProcessBuilder(command)
                .directory(MONITORING.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
