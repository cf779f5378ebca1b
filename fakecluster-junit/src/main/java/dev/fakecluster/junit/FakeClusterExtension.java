package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.junit.FakeCluster.Scope;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Creates, injects, reports on and closes the clusters of {@link FakeCluster}.
 *
 * <p>Each cluster lives, in a {@link ClusterHandle} with its customizer and the HTTP server and
 * clients made for it, in the {@link Store} of the context that owns it, the test's (per method) or
 * the annotated class's (per class), under a key naming that context, so an inner context never
 * picks up an outer one's cluster by the store's parent lookup. The handle builds the cluster only
 * when a parameter asks for it. It is {@link AutoCloseable}, so JUnit closes it when that context
 * ends, whatever the outcome. The extension itself holds no state: it is safe under parallel
 * execution.
 */
final class FakeClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(FakeClusterExtension.class);

    /** A cluster's key in its owner's store. */
    private record Key(String owner) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ClusterSettings settings = ClusterSettings.nearest(context);
        if (settings.scope() == Scope.PER_CLASS && !settings.resets()) {
            handle(context, settings);
        }
    }

    /** Checks the settings before the test runs; the cluster itself waits until a parameter asks for it. */
    @Override
    public void beforeEach(ExtensionContext context) {
        ClusterSettings settings = ClusterSettings.nearest(context);
        if (settings.resets() && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
            throw settings.misconfigured("reset = true", "the tests sharing the cluster run concurrently, so one"
                    + " would close the cluster under another; add @Execution(SAME_THREAD) to the class");
        }
    }

    /**
     * Takes the snapshot here rather than in a {@code TestWatcher}: JUnit closes a test's store
     * before watchers hear of the outcome, and the snapshot needs the cluster open. Then, under
     * {@code reset = true}, closes the shared cluster, so that the next test builds a new one.
     */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        ClusterSettings settings;
        try {
            settings = ClusterSettings.nearest(context);
        } catch (ExtensionConfigurationException alreadyReported) {
            return; // beforeEach threw it: the test failed with it, and there is no cluster to show
        }
        ExtensionContext owner = owner(context, settings);
        Store store = owner.getStore(NAMESPACE);
        Key key = new Key(owner.getUniqueId());
        ClusterHandle handle = store.get(key, ClusterHandle.class);
        if (handle == null) {
            return;
        }
        if (settings.diagnostics() && context.getExecutionException().isPresent()) {
            handle.built().flatMap(cluster -> Snapshot.of(cluster, context.getDisplayName(), settings.annotation().seed(),
                    settings.logLines())).ifPresent(snapshot -> {
                        System.err.print(snapshot);
                        context.publishReportEntry("fakecluster", snapshot);
                    });
        }
        if (settings.resets()) {
            store.remove(key);
            handle.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Cluster.class || ClusterCustomizer.class.isAssignableFrom(type)
                || ServerParameters.supports(parameter.getParameter());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClusterSettings settings = ClusterSettings.nearest(context);
        if (settings.scope() == Scope.PER_METHOD && context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("@FakeCluster on " + settings.where()
                    + " gives each test its own cluster, so there is none for "
                    + ClusterSettings.describe(parameter.getDeclaringExecutable()) + ", which runs outside the tests;"
                    + " use @FakeCluster(scope = PER_CLASS) to share one cluster with @BeforeAll methods"
                    + " or a @TestInstance(PER_CLASS) constructor, or take the Cluster in the test method");
        }
        if (settings.resets() && context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("@FakeCluster(reset = true) on " + settings.where()
                    + " gives each test a new cluster, so what " + ClusterSettings.describe(parameter.getDeclaringExecutable())
                    + " did to one would not last; set the cluster up with manifests or in a @BeforeEach method");
        }
        ClusterHandle handle = handle(context, settings);
        Class<?> type = parameter.getParameter().getType();
        if (type == Cluster.class) {
            return handle.cluster();
        }
        if (ClusterCustomizer.class.isAssignableFrom(type)) {
            return customizer(type, parameter, settings, handle);
        }
        return ServerParameters.resolve(parameter.getParameter(), handle);
    }

    /** The customizer the cluster was built with, if the parameter's type fits the one the annotation names. */
    private static ClusterCustomizer customizer(Class<?> type, ParameterContext parameter, ClusterSettings settings,
            ClusterHandle handle) {
        Class<? extends ClusterCustomizer> named = settings.annotation().customizer();
        if (named == ClusterCustomizer.class || !type.isAssignableFrom(named)) {
            throw new ParameterResolutionException("the " + type.getSimpleName() + " parameter of "
                    + ClusterSettings.describe(parameter.getDeclaringExecutable()) + " asks for a customizer, but"
                    + " @FakeCluster on " + settings.where() + " names "
                    + (named == ClusterCustomizer.class ? "none" : named.getSimpleName() + ".class")
                    + "; name it there: @FakeCluster(customizer = " + type.getSimpleName() + ".class)");
        }
        return handle.customizer().orElseThrow();
    }

    /** Lets a constructor receive the test's own cluster: without this it would get the class's context. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /**
     * The handle of a context's cluster, created (without building the cluster) on first use.
     * Get-then-put cannot race: JUnit runs the callbacks and parameter resolution of one context on
     * one thread, a per-class handle is created in its class's {@code beforeAll} before any of its
     * tests start, and one that resets is replaced by tests that may not run concurrently. Unlike
     * {@code getOrComputeIfAbsent} it reads the same on JUnit 5 and 6.
     */
    private static ClusterHandle handle(ExtensionContext context, ClusterSettings settings) {
        ExtensionContext owner = owner(context, settings);
        Store store = owner.getStore(NAMESPACE);
        Key key = new Key(owner.getUniqueId());
        ClusterHandle handle = store.get(key, ClusterHandle.class);
        if (handle == null) {
            handle = new ClusterHandle(settings, context.getRequiredTestClass().getClassLoader());
            store.put(key, handle);
        }
        return handle;
    }

    /** The context a cluster belongs to: the annotated class's when shared, else the test's. */
    private static ExtensionContext owner(ExtensionContext context, ClusterSettings settings) {
        return settings.scope() == Scope.PER_CLASS ? settings.declaredOn() : context;
    }
}
