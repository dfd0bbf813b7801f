package io.camelitwin.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.function.Consumer;

/**
 * Starts an emulator on a free port once per test class and resets its counters, buckets and faults before each test.
 * Register it as a static field:
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

    public ITwinEmulatorExtension() {
        this(builder -> {
        });
    }

    /** The customizer sees a builder already set to a free port on 127.0.0.1. */
    public ITwinEmulatorExtension(Consumer<ITwinEmulator.Builder> customizer) {
        this.customizer = customizer;
    }

    /** The running emulator; only between the start and the end of the test class. */
    public ITwinEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs only while the test class runs");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ITwinEmulator.Builder builder = ITwinEmulator.builder().port(0);
        customizer.accept(builder);
        emulator = builder.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
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
