package example;

import io.camelitwin.component.ITwinComponent;
import io.camelitwin.component.ITwinComponentConfigurer;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Camel Spring Boot binds camel.component.NAME.* only for components that ship a starter; this binds the iTwin
 * component's options from application.properties the way Camel Main does, through the component's generated
 * configurer, and fails on a key the component does not know.
 */
@Configuration
public class ITwinComponentProperties {

    @Bean("itwin")
    ITwinComponent itwin(CamelContext camelContext, Environment environment) {
        Map<String, Object> properties = new HashMap<>();
        Binder.get(environment)
                .bind("camel.component.itwin", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .forEach((key, value) -> properties.put(StringHelper.dashToCamelCase(key), value));
        ITwinComponent component = new ITwinComponent();
        component.setCamelContext(camelContext);
        PropertyBindingSupport.build()
                .withCamelContext(camelContext)
                .withTarget(component)
                .withConfigurer(new ITwinComponentConfigurer())
                .withProperties(properties)
                .withMandatory(true)
                .bind();
        return component;
    }
}
