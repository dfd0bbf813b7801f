package io.camelitwin.testing;

import java.util.Arrays;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** Loads the project's YAML routes from {@code routes/}, as shipped, so that tests exercise the real files. */
public final class RouteFiles {

    private RouteFiles() {}

    /** Loads the files in one go, so that a route finds the route configuration it names whatever the order. */
    public static void load(CamelContext context, String... fileNames) throws Exception {
        Resource[] resources = Arrays.stream(fileNames)
                .map(name -> ResourceHelper.resolveResource(context, "file:routes/" + name))
                .toArray(Resource[]::new);
        PluginHelper.getRoutesLoader(context).loadRoutes(resources);
    }
}
