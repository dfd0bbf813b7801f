package io.camelitwin.app.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What Camel's OpenTelemetry tracer looks up in the registry: the propagators of Quarkus's SDK (and its {@code Tracer},
 * kept by {@code quarkus.arc.unremovable-types}). Found there, the tracer never asks {@code GlobalOpenTelemetry}. Asked
 * before Quarkus has built its SDK, that would install a no-op as the global, and Quarkus's own install would then fail
 * the start ("GlobalOpenTelemetry.set has already been called"): whether it came first was a race, lost now and then.
 * {@link Unremovable} because nothing injects the propagators, so ArC would drop the bean as unused and the look-up
 * would find nothing.
 */
public class TracingProducers {

    @Produces
    @Singleton
    @Unremovable
    ContextPropagators propagators(OpenTelemetry openTelemetry) {
        return openTelemetry.getPropagators();
    }
}
