package io.camelitwin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.camelitwin.testing.Repository;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against what the application reads: every {@code itwin.*} key of the Java code
 * ({@code @ConfigProperty}, {@code @ConfigMapping}), of the routes and Kamelets ({@code {{key}}},
 * {@code {{key:default}}}, {@code ${properties:key}}) and of application.properties is in the page with the default
 * it has; no key of the page is read nowhere.
 */
class ConfigurationDocTest {

    static final String PAGE = "docs/configuration.md";
    private static final String NONE = "(none)";
    private static final Pattern PLACEHOLDER =
            Pattern.compile("(?:\\{\\{|\\$\\{properties:|\\$\\{)(itwin\\.[A-Za-z0-9.-]*[A-Za-z0-9])(?::([^}]*))?\\}");

    /** Where each key is read, and the default each reader gives it (null: none). */
    private static final Map<String, List<Reader>> READ = new TreeMap<>();

    private static Properties applicationProperties;

    record Reader(String where, String fallback) {}

    @BeforeAll
    static void collect() throws IOException {
        fromJavaCode();
        for (Path file : Repository.files(path -> path.startsWith("routes/") && path.endsWith(".yaml"))) {
            fromText(Repository.relative(file), Repository.read(file));
        }
        Path properties = Repository.root().resolve("application.properties");
        applicationProperties = new Properties();
        applicationProperties.load(new StringReader(Repository.read(properties)));
        for (String key : applicationProperties.stringPropertyNames()) {
            if (key.startsWith("itwin.")) {
                read(key, "application.properties", null);
            }
            fromText("application.properties", applicationProperties.getProperty(key));
        }
    }

    @Test
    void everyKeyTheApplicationReadsIsDocumentedWithItsDefault() {
        Map<String, String> documented = documented();
        List<String> problems = new ArrayList<>();
        READ.forEach((key, readers) -> {
            String expected = effectiveDefault(key, readers);
            String where =
                    readers.stream().map(Reader::where).distinct().toList().toString();
            if (!documented.containsKey(key)) {
                problems.add(key + " (read in " + where + ", default " + expected + ") is missing from " + PAGE
                        + ": add the row | `" + key + "` | " + cell(expected) + " | what it does | to the table of"
                        + " its section");
            } else if (!documented.get(key).equals(expected)) {
                problems.add(key + " has the default " + cell(expected) + " (" + where + ") but " + PAGE + " says "
                        + cell(documented.get(key)) + ": correct its row");
            }
        });
        assertThat(problems).as("keys read by the application vs " + PAGE).isEmpty();
    }

    @Test
    void everyDocumentedKeyIsReadByTheApplication() {
        List<String> problems = new ArrayList<>();
        documented().forEach((key, documentedDefault) -> {
            if (key.startsWith("itwin.")) {
                if (!READ.containsKey(key)) {
                    problems.add(key + " is in " + PAGE + " but neither the code, the routes nor"
                            + " application.properties read it: remove its row or correct its name");
                }
            } else {
                String value = applicationProperties.getProperty(key);
                if (value == null) {
                    problems.add(key + " is in " + PAGE + " but not in application.properties: remove its row");
                } else if (!value.equals(documentedDefault)) {
                    problems.add(key + " is " + cell(value) + " in application.properties but " + PAGE + " says "
                            + cell(documentedDefault));
                }
            }
        });
        assertThat(problems).as("keys of " + PAGE + " vs the application").isEmpty();
    }

    @Test
    void readersOfOneKeyAgreeOnItsDefault() {
        List<String> problems = new ArrayList<>();
        READ.forEach((key, readers) -> {
            List<String> fallbacks = readers.stream()
                    .map(Reader::fallback)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            if (fallbacks.size() > 1) {
                problems.add(key + " has different defaults where it is read: " + readers);
            }
        });
        assertThat(problems).isEmpty();
    }

    /**
     * application.properties holds the values; a Java default is there for a key the file may lack (an older copy of
     * it, the k8s/ ConfigMap's), and must then be the file's value.
     */
    @Test
    void aJavaDefaultOfAKeyInApplicationPropertiesIsItsValueThere() {
        List<String> problems = new ArrayList<>();
        READ.forEach((key, readers) -> {
            String value = applicationProperties.getProperty(key);
            readers.stream()
                    .filter(reader -> reader.where().endsWith(".java") && reader.fallback() != null)
                    .filter(reader -> value != null && !value.equals(reader.fallback()))
                    .forEach(reader -> problems.add(key + " is " + cell(value) + " in application.properties but "
                            + reader.where() + " defaults it to " + cell(reader.fallback())));
        });
        assertThat(problems).isEmpty();
    }

    /** What a key is when nothing overrides it: application.properties, else the readers' own default. */
    private static String effectiveDefault(String key, List<Reader> readers) {
        String value = applicationProperties.getProperty(key);
        if (value != null) {
            return value.isEmpty() ? NONE : value;
        }
        return readers.stream()
                .map(Reader::fallback)
                .filter(fallback -> fallback != null && !fallback.isEmpty())
                .findFirst()
                .orElse(NONE);
    }

    /** The page's rows: key and default, the first two cells of every table headed "key". */
    static Map<String, String> documented() {
        Map<String, String> keys = new TreeMap<>();
        for (List<String> row : Repository.tableRows(Repository.root().resolve(PAGE), "key")) {
            String key = Repository.unquoted(row.get(0));
            String previous = keys.put(key, Repository.unquoted(row.get(1)));
            assertThat(previous).as(key + " is listed twice in " + PAGE).isNull();
        }
        return keys;
    }

    private static String cell(String value) {
        return value.equals(NONE) ? NONE : "`" + value + "`";
    }

    private static void fromText(String where, String text) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            read(placeholder.group(1), where, placeholder.group(2));
        }
    }

    private static void fromJavaCode() {
        for (JavaClass javaClass : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.camelitwin")) {
            Class<?> type = javaClass.reflect();
            String where = type.getSimpleName() + ".java";
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping != null) {
                fromMapping(mapping.prefix(), type, where);
            }
            Stream.of(type.getDeclaredFields()).forEach(field -> fromAnnotation(field, where));
            Stream.concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
                    .map(Executable::getParameters)
                    .flatMap(Stream::of)
                    .forEach(parameter -> fromAnnotation(parameter, where));
        }
    }

    private static void fromAnnotation(AnnotatedElement element, String where) {
        ConfigProperty property = element.getAnnotation(ConfigProperty.class);
        if (property == null) {
            return;
        }
        String name = property.name();
        if (name.isEmpty() && element instanceof Parameter parameter) {
            name = parameter.getName();
        }
        if (name.startsWith("itwin.")) {
            String fallback =
                    ConfigProperty.UNCONFIGURED_VALUE.equals(property.defaultValue()) ? null : property.defaultValue();
            read(name, where, fallback);
        }
    }

    /** A {@code @ConfigMapping} interface: one key per method, nested groups by their own prefix. */
    private static void fromMapping(String prefix, Class<?> type, String where) {
        for (Method method : type.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String key = method.isAnnotationPresent(WithParentName.class)
                    ? prefix
                    : prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> valueType = valueType(method.getGenericReturnType());
            if (valueType.isInterface() && valueType.getPackageName().startsWith("io.camelitwin")) {
                fromMapping(key, valueType, where);
            } else if (key.startsWith("itwin.")) {
                WithDefault fallback = method.getAnnotation(WithDefault.class);
                read(key, where, fallback == null ? null : fallback.value());
            }
        }
    }

    private static Class<?> valueType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
            return valueType(parameterized.getActualTypeArguments()[0]);
        }
        return type instanceof Class<?> plain ? plain : Object.class;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static void read(String key, String where, String fallback) {
        READ.computeIfAbsent(key, k -> new ArrayList<>()).add(new Reader(where, fallback));
    }
}
