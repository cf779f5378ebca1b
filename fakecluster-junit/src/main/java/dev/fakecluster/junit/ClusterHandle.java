package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cluster, built the first time a test asks for it, with its customizer and what the extension
 * made for it on demand (its HTTP server, clients), closed together: the newest first, the cluster
 * last. Lives in a JUnit store, which closes it. Its methods are synchronized: tests sharing a
 * per-class cluster may run in parallel and ask at once; the lock guards this handle only.
 */
final class ClusterHandle implements AutoCloseable {

    private final ClusterSettings settings;
    private final ClassLoader loader;
    private final Map<String, AutoCloseable> extras = new LinkedHashMap<>();
    private Cluster cluster;
    private ClusterCustomizer customizer;

    ClusterHandle(ClusterSettings settings, ClassLoader loader) {
        this.settings = settings;
        this.loader = loader;
    }

    /** The cluster, built now if no one asked for it before. */
    synchronized Cluster cluster() {
        if (cluster == null) {
            Optional<ClusterCustomizer> made = settings.newCustomizer();
            cluster = settings.create(loader, made);
            customizer = made.orElse(null);
        }
        return cluster;
    }

    /** The cluster if a test asked for it, else empty: nothing was built. */
    synchronized Optional<Cluster> built() {
        return Optional.ofNullable(cluster);
    }

    /** The customizer the cluster was built with, building the cluster if no one asked for it before. */
    synchronized Optional<ClusterCustomizer> customizer() {
        cluster();
        return Optional.ofNullable(customizer);
    }

    /** The extra under {@code key}, created on first use. */
    synchronized <T extends AutoCloseable> T extra(String key, Class<T> type, Supplier<T> create) {
        AutoCloseable extra = extras.get(key);
        if (extra == null) {
            extra = create.get();
            extras.put(key, extra);
        }
        return type.cast(extra);
    }

    /** Closes every extra, newest first, then the cluster, also when one of them fails; rethrows the first failure. */
    @Override
    public synchronized void close() throws Exception {
        List<AutoCloseable> order = new ArrayList<>(extras.values());
        extras.clear();
        if (cluster != null) {
            order.add(0, cluster);
        }
        Exception first = null;
        for (int i = order.size() - 1; i >= 0; i--) {
            try {
                order.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
