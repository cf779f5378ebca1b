package dev.fakecluster.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.Store;
import dev.fakecluster.internal.store.WatchHub;
import java.time.Instant;

/**
 * The data set the benchmarks run against: 10,000 ConfigMaps spread evenly over 10 namespaces
 * ({@code ns-0} .. {@code ns-9}), each labelled {@code app=app-<0..9>} (100 per app and namespace)
 * and {@code tier=<web|api|db>}.
 *
 * <p>The filled state is built once per JVM through the real API server and then shared: states
 * are immutable, so every benchmark iteration starts from a fresh {@link Store} over the very same
 * snapshot at no cost.
 */
final class Fixture {

    static final int NAMESPACES = 10;
    static final int OBJECTS = 10_000;
    static final int APPS = 10;
    /** Same defaults as {@code ClusterBuilder}. */
    static final int WATCH_HISTORY = 10_000;
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final long SEED = 0;

    private static final String[] TIERS = {"web", "api", "db"};
    private static ClusterState filled;

    private Fixture() {
    }

    /** The control plane of {@code Cluster}, over a given state. */
    record Server(Store store, WatchHub watches, ApiServer api) {
        static Server over(ClusterState state) {
            ControlPlane plane = ControlPlane.over(state, VirtualClock.virtual(START), SEED);
            return new Server(plane.store(), plane.watches(), plane.api());
        }
    }

    /** A fresh server over the pre-filled snapshot. */
    static Server filledServer() {
        return Server.over(filledState());
    }

    static String namespace(int i) {
        return "ns-" + (i % NAMESPACES);
    }

    static String name(int i) {
        return "cm-" + i;
    }

    static synchronized ClusterState filledState() {
        if (filled == null) {
            Server s = Server.over(ClusterState.empty(WATCH_HISTORY));
            for (int n = 0; n < NAMESPACES; n++) {
                ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
                ns.putObject("metadata").put("name", "ns-" + n);
                s.api().create(ns, null, false);
            }
            for (int i = 0; i < OBJECTS; i++) {
                s.api().create(configMap(i, namespace(i), name(i)), null, false);
            }
            filled = s.store().state();
        }
        return filled;
    }

    /** ConfigMap number {@code i}: namespace cycles fastest, then app, so every (namespace, app) pair has 100. */
    static ObjectNode configMap(int i, String namespace, String name) {
        ObjectNode cm = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode meta = cm.putObject("metadata").put("name", name).put("namespace", namespace);
        meta.putObject("labels").put("app", "app-" + (i / NAMESPACES) % APPS).put("tier", TIERS[i % TIERS.length]);
        cm.putObject("data").put("index", Integer.toString(i)).put("config.properties", "greeting=hello\nsize=42\n");
        return cm;
    }
}
