package io.camelitwin.app.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What Camel's OpenTelemetry tracer looks up in the registry: the propagators of Quarkus's SDK (and its {@code Tracer},
 * kept by {@code quarkus.arc.unremovable-types}). Found there, the tracer never asks {@code GlobalOpenTelemetry}, which
 * would install a no-op before Quarkus installs its SDK and make that fail at the next start in the same JVM.
 */
public class TracingProducers {

    @Produces
    @Singleton
    ContextPropagators propagators(OpenTelemetry openTelemetry) {
        return openTelemetry.getPropagators();
    }
}
