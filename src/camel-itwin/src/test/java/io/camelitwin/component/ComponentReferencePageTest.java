package io.camelitwin.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference page's option and header tables are the component's own metadata (itwin.json, which
 * camel-package-maven-plugin generates from the annotated classes), rendered between the page's START/END markers. A
 * changed option fails this test until the page is refreshed:
 * {@code ./mvnw -B test -pl src/camel-itwin -am -Dtest=ComponentReferencePageTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Ditwin.docs.write=true}.
 */
class ComponentReferencePageTest {

    /** Set by the build (an absolute path); the default is the page seen from the repository's root. */
    static final Path PAGE = Path.of(System.getProperty(
            "itwin.reference.page",
            Path.of("src", "camel-itwin", "src", "main", "docs", "itwin-component.adoc")
                    .toString()));

    @Test
    void theOptionAndHeaderTablesAreTheComponentsMetadata() throws IOException {
        JsonNode metadata = metadata();
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String expected = page;
        for (Map.Entry<String, String> section : Map.of(
                        "component options",
                        table(
                                "The component supports these options, set as `camel.component.itwin.*`:",
                                metadata.get("componentProperties")),
                        "endpoint options",
                        table(
                                "The endpoint is configured with the URI syntax `"
                                        + metadata.get("component")
                                                .get("syntax")
                                                .asText() + "` and these options:",
                                metadata.get("properties")),
                        "component headers",
                        table("The component reads and sets these message headers:", metadata.get("headers")))
                .entrySet()) {
            expected = fill(expected, section.getKey(), section.getValue());
        }
        if (!expected.equals(page) && Boolean.getBoolean("itwin.docs.write")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
            page = expected;
        }
        assertThat(page)
                .as("%s is stale; refresh it with -Ditwin.docs.write=true (see this test's comment)", PAGE)
                .isEqualTo(expected);
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream json =
                ITwinComponent.class.getResourceAsStream("/META-INF/io/camelitwin/component/itwin.json")) {
            assertThat(json).as("itwin.json on the class path").isNotNull();
            return new ObjectMapper().readTree(json);
        }
    }

    private static String fill(String page, String section, String content) {
        String start = "// " + section + ": START\n";
        String end = "// " + section + ": END";
        int from = page.indexOf(start);
        int to = page.indexOf(end);
        assertThat(from).as("marker %s", start.strip()).isNotNegative();
        assertThat(to).as("marker %s", end).isGreaterThan(from);
        return page.substring(0, from + start.length()) + content + page.substring(to);
    }

    private static String table(String introduction, JsonNode entries) {
        StringBuilder table = new StringBuilder(introduction)
                .append("\n\n[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        entries.fields().forEachRemaining(entry -> {
            JsonNode option = entry.getValue();
            String name = entry.getKey() + ("path".equals(option.path("kind").asText()) ? " (path)" : "");
            table.append("| *")
                    .append(name)
                    .append("* (")
                    .append(option.path("group").asText())
                    .append(") | ")
                    .append(cell(option.path("description").asText()))
                    .append(option.path("required").asBoolean() ? " Required." : "")
                    .append(" | ")
                    .append(cell(option.path("defaultValue").asText("")))
                    .append(" | ")
                    .append(cell(shortType(option.path("javaType").asText())))
                    .append('\n');
        });
        return table.append("|===\n").toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String shortType(String javaType) {
        return javaType.replaceAll("[a-z][a-z0-9_]*\\.", "");
    }
}
