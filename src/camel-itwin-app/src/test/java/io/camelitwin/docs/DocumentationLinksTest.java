package io.camelitwin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.testing.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and the docs/ pages leads to a file or folder of the repository: files move (the
 * modules under src/ did), and a link that leads nowhere is a claim that is no longer true.
 */
class DocumentationLinksTest {

    /** A Markdown link or image target that is not a URL, a mail address or an anchor of the same page. */
    private static final Pattern RELATIVE_LINK = Pattern.compile("\\]\\((?![a-z]+:|#)([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkLeadsToAFileOfTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path page : Repository.documentation()) {
            Matcher link = RELATIVE_LINK.matcher(Repository.read(page));
            while (link.find()) {
                String target = link.group(1).replaceFirst("#.*$", "");
                if (!Files.exists(page.getParent().resolve(target).normalize())) {
                    broken.add(Repository.relative(page) + ": " + link.group(1));
                }
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }
}
