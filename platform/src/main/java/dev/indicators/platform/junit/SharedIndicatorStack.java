package dev.indicators.platform.junit;

import dev.indicators.contract.Settings;
import dev.indicators.platform.IndicatorStack;
import dev.indicators.platform.StackOptions;
import dev.indicators.platform.access.AccessRoles;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link IndicatorStack} for every test of a test JVM: started lazily by the first test that asks for it, closed
 * when the whole run ends (it lives in the root context's store, which closes {@link AutoCloseable} values).
 * Tests must therefore not assume empty topics: use unique keys, consumer groups and application ids.
 *
 * <pre>{@code
 * @ExtendWith(SharedIndicatorStack.class)
 * class PipelineIT {
 *     @Test
 *     void countsACase(IndicatorStack stack) { ... stack.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * The stack is always throw-away (temporary directory, free ports, in-memory registry), whatever
 * {@code INDICATORS_DATA_DIR} says; {@code INDICATORS_REGISTRY_VERSION} and the topic name settings apply.
 */
public final class SharedIndicatorStack implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedIndicatorStack.class);

    /** The shared stack, started on first use. Also usable from other extensions. */
    public static IndicatorStack get(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(IndicatorStack.class,
                key -> IndicatorStack.start(options(Settings.system())), IndicatorStack.class);
    }

    private static StackOptions options(Settings settings) {
        return StackOptions.defaults().withRegistryVersion(settings.find(dev.indicators.contract.config.SettingCatalogue.REGISTRY_VERSION));
    }

    /**
     * The same for the secure stack ({@code @ExtendWith(SharedIndicatorStack.Secure.class)}): SASL/SCRAM, ACLs for
     * {@link AccessRoles#forTests()}, a write-protected registry. One per test JVM too, separate from the open one.
     */
    public static final class Secure implements ParameterResolver {

        public static IndicatorStack get(ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("secure-stack",
                    key -> IndicatorStack.start(options(Settings.system()).withSecurity(AccessRoles.forTests())), IndicatorStack.class);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == IndicatorStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return get(extensionContext);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == IndicatorStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return get(extensionContext);
    }
}
