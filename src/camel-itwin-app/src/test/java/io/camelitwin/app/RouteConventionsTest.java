package io.camelitwin.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelitwin.app.folder.FolderUploads;
import io.camelitwin.app.routes.AssetSync;
import io.camelitwin.app.routes.RouteProperties;
import io.camelitwin.component.ITwinConstants;
import io.camelitwin.testing.Repository;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The conventions every shipped route and Kamelet ({@code routes/}) keeps, so that a reader finds one way of doing
 * each thing: only declared {@code CamelITwin*} names, an upload whose operation shows in the route, one switch
 * ({@code precondition}) and redeliveries an operator sees.
 */
class RouteConventionsTest {

    private static final Pattern ITWIN_NAME = Pattern.compile("CamelITwin[A-Za-z0-9]+");
    /** An {@code itwin:} upload with its operation written in the route, not taken from a header. */
    private static final Pattern FIXED_UPLOAD = Pattern.compile("\"?itwin:upload(Image|Thumbnail)\\b");

    private static final Pattern OPERATION_REMOVED =
            Pattern.compile("- removeHeader:\\s*\\n\\s*name: " + ITwinConstants.OPERATION + "\\b");

    private static final List<Class<?>> DECLARING =
            List.of(ITwinConstants.class, RouteProperties.class, AssetSync.class, FolderUploads.class);

    @Test
    void routesUseOnlyDeclaredCamelITwinNames() throws IllegalAccessException {
        Set<String> declared = declaredNames();
        List<String> undeclared = new ArrayList<>();
        for (Path file : routeFiles()) {
            Matcher name = ITWIN_NAME.matcher(Repository.read(file));
            while (name.find()) {
                if (!declared.contains(name.group())) {
                    undeclared.add(Repository.relative(file) + ": " + name.group());
                }
            }
        }
        assertThat(undeclared)
                .as(
                        "CamelITwin* names of the routes that no constant of %s declares (a typo, or a name to declare)",
                        DECLARING.stream().map(Class::getSimpleName).toList())
                .isEmpty();
    }

    @Test
    void anUploadWhoseOperationAHeaderCouldChangeSaysSoInTheRoute() {
        List<String> hidden = new ArrayList<>();
        for (Path file : routeFiles()) {
            String text = Repository.read(file);
            // a fixed operation is what happens only when no CamelITwinOperation header is left to override it
            if (FIXED_UPLOAD.matcher(text).find()
                    && !OPERATION_REMOVED.matcher(text).find()) {
                hidden.add(Repository.relative(file));
            }
        }
        assertThat(hidden)
                .as(
                        "routes that send to a fixed itwin:upload* while the header %s may choose another operation:"
                                + " send with toD: \"itwin:${header.%s}\", or remove the header first",
                        ITwinConstants.OPERATION, ITwinConstants.OPERATION)
                .isEmpty();
    }

    @Test
    void shippedRoutesAreSwitchedByPreconditionOnly() {
        List<String> autoStartup = new ArrayList<>();
        for (Path file : routeFiles()) {
            if (Repository.read(file).lines().anyMatch(line -> line.trim().startsWith("autoStartup:"))) {
                autoStartup.add(Repository.relative(file));
            }
        }
        assertThat(autoStartup)
                .as("shipped routes switched with autoStartup: a switched-off route is not created at all"
                        + " (precondition), docs/routes.md")
                .isEmpty();
    }

    @Test
    void redeliveriesAreLoggedWhereAnOperatorSeesThem() {
        Pattern quiet = Pattern.compile("retryAttemptedLogLevel: (TRACE|DEBUG|OFF)\\b");
        Pattern unlogged = Pattern.compile("logRetryAttempted: false\\b");
        List<String> silent = new ArrayList<>();
        for (Path file : routeFiles()) {
            String text = Repository.read(file);
            if (quiet.matcher(text).find() || unlogged.matcher(text).find()) {
                silent.add(Repository.relative(file));
            }
        }
        assertThat(silent)
                .as("routes whose redeliveries (a 429 storm, a flaky network) are silent at INFO")
                .isEmpty();
    }

    private static List<Path> routeFiles() {
        List<Path> files = Repository.files(path -> path.startsWith("routes/") && path.endsWith(".yaml"));
        assertThat(files).as("the shipped routes").isNotEmpty();
        return files;
    }

    private static Set<String> declaredNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : DECLARING) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                    field.setAccessible(true);
                    names.add((String) field.get(null));
                }
            }
        }
        return names;
    }
}
