package io.camelitwin.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** Loads the project's YAML routes from {@code routes/}, as shipped, so that tests exercise the real files. */
public final class RouteFiles {

    private RouteFiles() {}

    /**
     * Loads the shipped {@code itwin-resilience} configuration with its dead letter at {@code mock:dead-letter} and the
     * given properties besides (e.g. shorter back-off).
     */
    public static void loadResilience(CamelContext context, Map<String, String> properties) throws Exception {
        Properties initial = new Properties();
        initial.put("itwin.dead-letter.uri", "mock:dead-letter");
        initial.putAll(properties);
        context.getPropertiesComponent().setInitialProperties(initial);
        load(context, "itwin-resilience.camel.yaml");
    }

    /**
     * Loads the files in one go, so that a route finds the route configuration it names whatever the order. The test's
     * initial properties become override properties: the application's configuration (its application.properties,
     * the environment) is on the test class path too, reaches Camel through camel-microprofile-config, and would
     * otherwise win over them.
     */
    public static void load(CamelContext context, String... fileNames) throws Exception {
        PropertiesComponent properties = (PropertiesComponent) context.getPropertiesComponent();
        properties.setOverrideProperties(properties.getInitialProperties());
        Resource[] resources = Arrays.stream(fileNames)
                .map(name -> ResourceHelper.resolveResource(context, "file:routes/" + name))
                .toArray(Resource[]::new);
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
    }
}
