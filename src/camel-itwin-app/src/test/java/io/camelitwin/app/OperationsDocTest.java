package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelitwin.testing.Repository;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md against the running application: every health check {@code /q/health} shows and every
 * {@code itwin_*} metric {@code /q/metrics} shows is in the page, and so is every one the code can register later (a
 * labelled counter appears at its first increment, a gauge only with Redis); every one the page lists exists.
 */
@QuarkusTest
@WithTestResource(AppTestResources.class)
class OperationsDocTest extends AppTestSupport {

    static final String PAGE = "docs/operations.md";
    private static final Pattern METER_IN_CODE = Pattern.compile(
            "(?:Counter|Gauge|Timer|DistributionSummary|FunctionCounter|FunctionTimer|LongTaskTimer|TimeGauge)"
                    + "\\.builder\\(\\s*\"(itwin\\.[^\"]+)\"");
    private static final Pattern CHECK_IN_CODE = Pattern.compile("HealthCheckResponse\\.named\\(\\s*\"([^\"]+)\"");
    private static final Pattern METRIC_FAMILY = Pattern.compile("^# TYPE (itwin_\\S+) ", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/q/health")
    URI health;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void everyHealthCheckIsDocumentedAndEveryDocumentedOneExists() throws Exception {
        Map<String, String> registered = new TreeMap<>();
        for (JsonNode check : new ObjectMapper().readTree(get(health)).path("checks")) {
            registered.put(check.path("name").asText(), "/q/health");
        }
        for (Map.Entry<Path, String> source : mainSources().entrySet()) {
            Matcher named = CHECK_IN_CODE.matcher(source.getValue());
            while (named.find()) {
                registered.put(named.group(1), Repository.relative(source.getKey()));
            }
        }
        Set<String> documented = firstColumn("check");

        List<String> problems = new ArrayList<>();
        registered.forEach((check, where) -> {
            if (!documented.contains(check)) {
                problems.add("health check " + check + " (" + where + ") is missing from " + PAGE + ": add a row | `"
                        + check + "` | probe | UP when | to its Health table");
            }
        });
        documented.stream()
                .filter(check -> !registered.containsKey(check))
                .forEach(check -> problems.add(PAGE + " lists the health check " + check
                        + ", which the application does not register: remove its row or correct its name"));
        assertThat(problems).as("health checks vs " + PAGE).isEmpty();
    }

    @Test
    void everyMetricIsDocumentedAndEveryDocumentedOneExists() throws Exception {
        Map<String, String> registered = new TreeMap<>();
        Matcher family = METRIC_FAMILY.matcher(get(metrics));
        while (family.find()) {
            registered.put(family.group(1), "/q/metrics");
        }
        for (Map.Entry<Path, String> source : mainSources().entrySet()) {
            Matcher meter = METER_IN_CODE.matcher(source.getValue());
            while (meter.find()) {
                // Micrometer's Prometheus names: dots to underscores, then a suffix by type (_total, _seconds, ...)
                registered.put(meter.group(1).replace('.', '_'), Repository.relative(source.getKey()));
            }
        }
        Set<String> documented = new TreeSet<>();
        firstColumn("metric").forEach(cell -> documented.add(cell.replaceAll("\\{.*", "")));

        List<String> problems = new ArrayList<>();
        registered.forEach((name, where) -> {
            if (documented.stream().noneMatch(row -> sameMetric(row, name))) {
                problems.add("metric " + name + " (" + where + ") is missing from " + PAGE
                        + ": add a row | `" + name + "...` | what | to its Metrics table, with its Prometheus suffix"
                        + " (_total for a counter) and labels");
            }
        });
        documented.stream()
                .filter(row -> registered.keySet().stream().noneMatch(name -> sameMetric(row, name)))
                .forEach(row -> problems.add(PAGE + " lists the metric " + row
                        + ", which the application does not register: remove" + " its row or correct its name"));
        assertThat(problems).as("itwin_* metrics vs " + PAGE).isEmpty();
    }

    /** A row names a meter when one is the other plus Prometheus' suffixes ({@code _total}, {@code _seconds}...). */
    private static boolean sameMetric(String row, String name) {
        return row.equals(name) || row.startsWith(name + "_") || name.startsWith(row + "_");
    }

    private static Set<String> firstColumn(String header) {
        Set<String> cells = new TreeSet<>();
        for (List<String> row : Repository.tableRows(Repository.root().resolve(PAGE), header)) {
            cells.add(Repository.unquoted(row.get(0).replaceAll("`\\s*\\(.*\\)$", "`")));
        }
        return cells;
    }

    private static Map<Path, String> mainSources() {
        Map<Path, String> sources = new TreeMap<>();
        for (Path file : Repository.files(path -> path.contains("main/java/") && path.endsWith(".java"))) {
            sources.put(file, Repository.read(file));
        }
        return sources;
    }

    private String get(URI uri) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
