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
 * <p>Each cluster lives, in a {@link ClusterHandle} with the HTTP server and clients made for it,
 * in the {@link Store} of the context that owns it, the test's (per method) or the annotated
 * class's (per class), under a key naming that context, so an inner context never picks up an
 * outer one's cluster by the store's parent lookup. The handle is {@link AutoCloseable}, so JUnit
 * closes it when that context ends, whatever the outcome. The extension itself holds no state: it
 * is safe under parallel execution.
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

    @Override
    public void beforeEach(ExtensionContext context) {
        ClusterSettings settings = ClusterSettings.nearest(context);
        if (settings.resets() && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
            throw settings.misconfigured("reset = true", "the tests sharing the cluster run concurrently, so one"
                    + " would close the cluster under another; add @Execution(SAME_THREAD) to the class");
        }
        handle(context, settings);
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
            Snapshot.of(handle.cluster(), context.getDisplayName(), settings.annotation().seed(), settings.logLines()).ifPresent(snapshot -> {
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
        return parameter.getParameter().getType() == Cluster.class || ServerParameters.supports(parameter.getParameter());
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
        return parameter.getParameter().getType() == Cluster.class ? handle.cluster()
                : ServerParameters.resolve(parameter.getParameter(), handle);
    }

    /** Lets a constructor receive the test's own cluster: without this it would get the class's context. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /**
     * The cluster of a context, with what was made for it, created on first use. Get-then-put cannot
     * race: JUnit runs the callbacks and parameter resolution of one context on one thread, a
     * per-class cluster is created in its class's {@code beforeAll} (or constructor) before any of
     * its tests start, and one that resets is rebuilt in {@code beforeEach} of tests that may not run
     * concurrently. Unlike {@code getOrComputeIfAbsent} it remembers no failed creation, and reads
     * the same on JUnit 5 and 6.
     */
    private static ClusterHandle handle(ExtensionContext context, ClusterSettings settings) {
        ExtensionContext owner = owner(context, settings);
        Store store = owner.getStore(NAMESPACE);
        Key key = new Key(owner.getUniqueId());
        ClusterHandle handle = store.get(key, ClusterHandle.class);
        if (handle == null) {
            handle = new ClusterHandle(settings.create(context.getRequiredTestClass().getClassLoader()));
            store.put(key, handle);
        }
        return handle;
    }

    /** The context a cluster belongs to: the annotated class's when shared, else the test's. */
    private static ExtensionContext owner(ExtensionContext context, ClusterSettings settings) {
        return settings.scope() == Scope.PER_CLASS ? settings.declaredOn() : context;
    }
}
