package io.camelitwin.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One emulator on a free port per test class, started when the class first asks for it (so that an extension a base
 * class registers but a subclass replaces costs nothing) and stopped after the class; its counters, limits and faults
 * are reset before each test. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ITwinEmulatorExtension EMULATOR = new ITwinEmulatorExtension(b -> b.rateLimits(5, 0));
 *
 * @Test
 * void test(ITwinEmulator emulator) { ... EMULATOR.emulator().baseUrl() ... }
 * }</pre>
 */
public final class ITwinEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private final Consumer<ITwinEmulator.Builder> customizer;
    private ITwinEmulator emulator;
    private boolean classRunning;

    public ITwinEmulatorExtension() {
        this(builder -> {});
    }

    /** The customizer sees a builder already set to a free port on 127.0.0.1. */
    public ITwinEmulatorExtension(Consumer<ITwinEmulator.Builder> customizer) {
        this.customizer = customizer;
    }

    /** The class's emulator, started on the first call; only while the test class runs. */
    public synchronized ITwinEmulator emulator() {
        if (!classRunning) {
            throw new IllegalStateException("the emulator runs only while the test class runs");
        }
        if (emulator == null) {
            ITwinEmulator.Builder builder = ITwinEmulator.builder().port(0);
            customizer.accept(builder);
            try {
                emulator = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the emulator", e);
            }
        }
        return emulator;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        classRunning = true;
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (emulator != null) {
            emulator.reset();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        classRunning = false;
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ITwinEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
