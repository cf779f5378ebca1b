package dev.fakecluster.internal.controlplane;

import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.gc.GarbageCollector;
import dev.fakecluster.internal.namespace.NamespaceController;
import dev.fakecluster.internal.random.SeededRandom;
import dev.fakecluster.internal.runtime.RunLoop;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.Store;
import dev.fakecluster.internal.store.WatchHub;
import java.util.List;

/**
 * The wired-up control plane: the store, its watch hub, the API server over them and the run loop
 * with every controller. The one place that decides what a cluster runs, so the {@code Cluster},
 * tests and benchmarks cannot drift apart.
 *
 * @param store the state store
 * @param watches watch subscriptions over the store
 * @param api the API server
 * @param loop the controllers' run loop
 */
public record ControlPlane(Store store, WatchHub watches, ApiServer api, RunLoop loop) {

    /** A control plane over {@code initial}, on {@code clock}, drawing randomness from {@code seed}. */
    public static ControlPlane over(ClusterState initial, VirtualClock clock, long seed) {
        Store store = new Store(initial);
        WatchHub watches = new WatchHub(store);
        ApiServer api = new ApiServer(store, watches, clock, new SeededRandom(seed));
        RunLoop loop = new RunLoop(store, watches, List.of(new GarbageCollector(api), new NamespaceController(api)));
        return new ControlPlane(store, watches, api, loop);
    }
}
