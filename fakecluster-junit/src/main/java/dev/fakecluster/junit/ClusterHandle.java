package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A cluster and what the extension made for it on demand (its HTTP server, clients), closed
 * together: the newest first, the cluster last. Lives in a JUnit store, which closes it.
 */
final class ClusterHandle implements AutoCloseable {

    private final Cluster cluster;
    private final Map<String, AutoCloseable> extras = new LinkedHashMap<>();

    ClusterHandle(Cluster cluster) {
        this.cluster = cluster;
    }

    Cluster cluster() {
        return cluster;
    }

    /**
     * The extra under {@code key}, created on first use. Synchronized: tests sharing a per-class
     * cluster may run in parallel and ask at once; the lock guards this map only.
     */
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
        order.add(0, cluster);
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
