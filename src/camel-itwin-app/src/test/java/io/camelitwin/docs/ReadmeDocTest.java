package io.camelitwin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.testing.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README stays a front door: one screen and a map, every page of docs/ on the map. */
class ReadmeDocTest {

    private static final Path README = Repository.root().resolve("README.md");
    private static final long MAX_BYTES = 15 * 1024;

    @Test
    void theReadmeStaysShort() throws IOException {
        assertThat(Files.size(README))
                .as("README.md in bytes: move details to a page of docs/ and link it from 'Where next'")
                .isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void everyPageOfDocsIsOnTheMap() {
        List<String> map = Repository.tableRows(README, "page").stream()
                .map(row -> row.get(0))
                .toList();
        for (Path page : Repository.files(path -> path.matches("docs/[^/]+\\.md"))) {
            String link = "(" + Repository.relative(page) + ")";
            assertThat(map)
                    .as(Repository.relative(page) + " is missing from the README's 'Where next' table: add a row"
                            + " | [" + Repository.relative(page) + "]" + link + " | what it holds |")
                    .anyMatch(cell -> cell.contains(link));
        }
    }
}
