package io.camelitwin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.testing.Repository;
import io.camelitwin.testing.Repository.CodeBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every command in a {@code shell runnable} block of the README and docs/ either runs in the suite or names only Maven
 * phases, plugin goals, executions, profiles, properties and test classes that exist. The README's quickstart is run
 * by {@code QuickstartIT}; any other command this test cannot check fails it, so that no promise goes unchecked.
 */
class RunnableCommandsDocTest {

    /** The quickstart's section of the README, which QuickstartIT runs as written. */
    static final String QUICKSTART = "Five-minute quickstart";

    /** The packaged application started as the README starts it, and as QuickstartIT runs it. */
    private static final Pattern RUN_APPLICATION = Pattern.compile("java -jar (\\S+/)?quarkus-app/quarkus-run\\.jar");

    private static final Set<String> PHASES = Set.of(
            "clean",
            "validate",
            "generate-sources",
            "compile",
            "test-compile",
            "test",
            "package",
            "integration-test",
            "verify",
            "install");
    private static final Set<String> FLAGS = Set.of("-B", "-q", "-o", "-e", "-U", "-am");
    /** Properties Maven or its plugins read that no pom names. */
    private static final Set<String> PLUGIN_PROPERTIES = Set.of(
            "skipTests", "skipITs", "surefire.failIfNoSpecifiedTests", "failsafe.failIfNoSpecifiedTests", "exec.args");

    private static final Map<String, Set<String>> EXECUTIONS_BY_PLUGIN = new HashMap<>();
    private static final Set<String> PROFILES = new HashSet<>();
    private static final Set<String> PROFILE_PROPERTIES = new HashSet<>();
    private static final Set<String> MODULES = new HashSet<>();
    private static final List<String> TEST_CLASSES = new ArrayList<>();
    private static final StringBuilder POMS_AND_TESTS = new StringBuilder();

    @BeforeAll
    static void readTheBuild() throws Exception {
        for (Path pom : Repository.files(path -> path.endsWith("pom.xml"))) {
            POMS_AND_TESTS.append(Repository.read(pom));
            Document document =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            for (Element plugin : elements(document.getElementsByTagName("plugin"))) {
                Set<String> ids =
                        EXECUTIONS_BY_PLUGIN.computeIfAbsent(child(plugin, "artifactId"), a -> new HashSet<>());
                for (Element execution : elements(plugin.getElementsByTagName("execution"))) {
                    ids.add(child(execution, "id"));
                }
            }
            for (Element profile : elements(document.getElementsByTagName("profile"))) {
                PROFILES.add(child(profile, "id"));
                for (Element property : elements(profile.getElementsByTagName("property"))) {
                    PROFILE_PROPERTIES.add(child(property, "name"));
                }
            }
            for (Element module : elements(document.getElementsByTagName("module"))) {
                MODULES.add(module.getTextContent().strip());
            }
        }
        for (Path test : Repository.files(path -> path.contains("test/java/") && path.endsWith(".java"))) {
            String relative = Repository.relative(test);
            TEST_CLASSES.add(relative.substring(relative.indexOf("test/java/") + "test/java/".length())
                    .replace(".java", "")
                    .replace('/', '.'));
            POMS_AND_TESTS.append(Repository.read(test));
        }
    }

    @Test
    void everyRunnableCommandIsRunOrChecked() {
        List<String> problems = new ArrayList<>();
        int commands = 0;
        for (Path page : Repository.documentation()) {
            for (CodeBlock block : Repository.codeBlocks(page)) {
                if (!block.runnable()) {
                    continue;
                }
                for (String line : block.commands()) {
                    for (String command : line.split("&&")) {
                        commands++;
                        String where = Repository.relative(page) + " (" + block.heading() + "): " + command.strip();
                        check(command.strip(), block).forEach(problem -> problems.add(where + ": " + problem));
                    }
                }
            }
        }
        assertThat(commands).as("runnable commands found").isGreaterThan(5);
        assertThat(problems).as("commands in `shell runnable` blocks").isEmpty();
    }

    @Test
    void ciRunsTheReadmesTestCommand() {
        List<CodeBlock> twoCommands = Repository.codeBlocks(Repository.root().resolve("README.md")).stream()
                .filter(block -> block.runnable() && block.heading().equals("Two commands"))
                .toList();
        assertThat(twoCommands)
                .as("the README's two commands: run the application, run the tests")
                .hasSize(2);
        String testCommand = twoCommands.get(1).commands().get(0);
        assertThat(Repository.read(Repository.root().resolve(".ci/run")).lines())
                .as(".ci/run runs the README's test command as it is written there")
                .contains(testCommand);
    }

    private static List<String> quickstartCommands() {
        return Repository.codeBlocks(Repository.root().resolve("README.md")).stream()
                .filter(block -> block.runnable() && inQuickstart(block))
                .flatMap(block -> block.commands().stream())
                .flatMap(line -> Stream.of(line.split("&&")))
                .map(String::strip)
                .toList();
    }

    static boolean startsTheApplication(String command) {
        return RUN_APPLICATION.matcher(command).matches();
    }

    static boolean inQuickstart(CodeBlock block) {
        return Repository.relative(block.page()).equals("README.md")
                && block.heading().equals(QUICKSTART);
    }

    private static List<String> check(String command, CodeBlock block) {
        if (command.startsWith("./mvnw ")) {
            return checkMaven(tokens(command.substring("./mvnw ".length())));
        }
        if (inQuickstart(block)) {
            return List.of(); // QuickstartIT runs these
        }
        if (startsTheApplication(command)) {
            return quickstartCommands().contains(command)
                    ? List.of()
                    : List.of("starts the application otherwise than the README's quickstart, which QuickstartIT runs");
        }
        return List.of("not a command the suite runs or checks: run it in a test (QuickstartIT runs the README's"
                + " quickstart), teach RunnableCommandsDocTest to check it, or mark the block `shell` instead of"
                + " `shell runnable`");
    }

    private static List<String> checkMaven(List<String> arguments) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (FLAGS.contains(argument)) {
                continue;
            }
            if (argument.equals("-pl")) {
                for (String module : arguments.get(++i).split(",")) {
                    if (!MODULES.contains(module)) {
                        problems.add("no module " + module + " in the poms");
                    }
                }
            } else if (argument.startsWith("-P")) {
                for (String profile : argument.substring(2).split(",")) {
                    if (!PROFILES.contains(profile.replace("!", ""))) {
                        problems.add("no profile " + profile + " in the poms");
                    }
                }
            } else if (argument.startsWith("-D")) {
                problems.addAll(checkProperty(argument.substring(2)));
            } else if (argument.startsWith("-")) {
                problems.add("unknown option " + argument);
            } else if (argument.contains(":")) {
                problems.addAll(checkGoal(argument));
            } else if (!PHASES.contains(argument)) {
                problems.add("no lifecycle phase " + argument);
            }
        }
        return problems;
    }

    private static List<String> checkProperty(String definition) {
        int equals = definition.indexOf('=');
        String name = equals < 0 ? definition : definition.substring(0, equals);
        String value = equals < 0 ? null : definition.substring(equals + 1);
        if (name.equals("test") || name.equals("it.test")) {
            return checkTestPatterns(value);
        }
        if (value == null && !PROFILE_PROPERTIES.contains(name) && !PLUGIN_PROPERTIES.contains(name)) {
            return List.of("-D" + name + " activates no profile");
        }
        if (!PLUGIN_PROPERTIES.contains(name) && !POMS_AND_TESTS.toString().contains(name)) {
            return List.of("no pom and no test reads the property " + name);
        }
        return List.of();
    }

    private static List<String> checkTestPatterns(String patterns) {
        List<String> problems = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            String clazz = pattern.replace("!", "").replaceAll("#.*", "");
            if (clazz.equals("none")) {
                continue;
            }
            Pattern regex = Pattern.compile(clazz.replace(".", "\\.").replace("*", ".*"));
            boolean qualified = clazz.contains(".");
            boolean found = TEST_CLASSES.stream()
                    .map(name -> qualified ? name : name.substring(name.lastIndexOf('.') + 1))
                    .anyMatch(name -> regex.matcher(name).matches());
            if (!found) {
                problems.add("no test class matches " + pattern);
            }
        }
        return problems;
    }

    /** {@code prefix:goal} or {@code prefix:goal@execution}: the plugin is in a pom, and so is the execution. */
    private static List<String> checkGoal(String goal) {
        String prefix = goal.substring(0, goal.indexOf(':'));
        String execution = goal.contains("@") ? goal.substring(goal.indexOf('@') + 1) : null;
        Set<String> executions = EXECUTIONS_BY_PLUGIN.get("maven-" + prefix + "-plugin");
        if (executions == null) {
            executions = EXECUTIONS_BY_PLUGIN.get(prefix + "-maven-plugin");
        }
        if (executions == null) {
            return List.of("no plugin with the prefix " + prefix + " in the poms");
        }
        if (execution != null && !executions.contains(execution)) {
            return List.of("the " + prefix + " plugin has no execution " + execution + " (it has " + executions + ")");
        }
        return List.of();
    }

    /** Splits arguments as a shell would, quotes removed. */
    private static List<String> tokens(String command) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    token.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
            } else {
                token.append(c);
            }
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    /** The text of an element's direct child, or "" when it has none. */
    private static String child(Element element, String name) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().strip();
            }
        }
        return "";
    }
}
