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

/**
 * Creates, injects, reports on and closes the clusters of {@link FakeCluster}.
 *
 * <p>Each cluster lives in the {@link Store} of the context that owns it, the test's (per method) or
 * the annotated class's (per class), under a key naming that context, so an inner context never
 * picks up an outer one's cluster by the store's parent lookup. {@link Cluster} is
 * {@link AutoCloseable}, so JUnit closes it when that context ends, whatever the outcome. The
 * extension itself holds no state: it is safe under parallel execution.
 */
final class FakeClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(FakeClusterExtension.class);

    /** A cluster's key in its owner's store. */
    private record Key(String owner) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ClusterSettings settings = ClusterSettings.nearest(context);
        if (settings.scope() == Scope.PER_CLASS) {
            cluster(context, settings);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        cluster(context, ClusterSettings.nearest(context));
    }

    /**
     * Takes the snapshot here rather than in a {@code TestWatcher}: JUnit closes a test's store
     * before watchers hear of the outcome, and the snapshot needs the cluster open.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        ClusterSettings settings;
        try {
            settings = ClusterSettings.nearest(context);
        } catch (ExtensionConfigurationException alreadyReported) {
            return; // beforeEach threw it: the test failed with it, and there is no cluster to show
        }
        ExtensionContext owner = owner(context, settings);
        Cluster cluster = owner.getStore(NAMESPACE).get(new Key(owner.getUniqueId()), Cluster.class);
        if (settings.diagnostics() && cluster != null) {
            String test = context.getDisplayName();
            Snapshot.of(cluster, test, settings.annotation().seed(), settings.logLines()).ifPresent(snapshot -> {
                System.err.print(snapshot);
                context.publishReportEntry("fakecluster", snapshot);
            });
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
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
        return cluster(context, settings);
    }

    /** Lets a constructor receive the test's own cluster: without this it would get the class's context. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /**
     * The cluster of a context, created on first use. Get-then-put cannot race: JUnit runs the
     * callbacks and parameter resolution of one context on one thread, and a per-class cluster is
     * created in its class's {@code beforeAll} (or constructor) before any of its tests start. Unlike
     * {@code getOrComputeIfAbsent} it remembers no failed creation, and reads the same on JUnit 5 and 6.
     */
    private static Cluster cluster(ExtensionContext context, ClusterSettings settings) {
        ExtensionContext owner = owner(context, settings);
        Store store = owner.getStore(NAMESPACE);
        Key key = new Key(owner.getUniqueId());
        Cluster cluster = store.get(key, Cluster.class);
        if (cluster == null) {
            cluster = settings.create(context.getRequiredTestClass().getClassLoader());
            store.put(key, cluster);
        }
        return cluster;
    }

    /** The context a cluster belongs to: the annotated class's when shared, else the test's. */
    private static ExtensionContext owner(ExtensionContext context, ClusterSettings settings) {
        return settings.scope() == Scope.PER_CLASS ? settings.declaredOn() : context;
    }
}
