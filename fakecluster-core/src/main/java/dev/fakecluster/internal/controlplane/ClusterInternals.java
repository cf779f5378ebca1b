package dev.fakecluster.internal.controlplane;

import dev.fakecluster.Cluster;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.kubelet.Kubelet;
import java.util.Objects;
import java.util.function.Function;

/**
 * Internal bridge from a {@link Cluster} to its API server and run loop, for the HTTP module; not
 * part of the API. {@code Cluster} installs the accessor once, when its class initialises.
 */
public final class ClusterInternals {

    private static volatile Function<Cluster, Handle> access;

    private ClusterInternals() {
    }

    /**
     * What the HTTP layer needs of a running cluster.
     *
     * @param api the cluster's API server: every read and write goes through it
     * @param settle runs the controllers to quiescence and delivers watch events, as every
     *        {@code Cluster} call does after a write
     * @param kubelet the simulated kubelets (container output for {@code kubectl logs -f})
     */
    public record Handle(ApiServer api, Runnable settle, Kubelet kubelet) {
    }

    /** Called by {@code Cluster} only; a second call is refused. */
    public static void install(Function<Cluster, Handle> accessor) {
        if (access != null) {
            throw new IllegalStateException("cluster internals are already installed");
        }
        access = Objects.requireNonNull(accessor, "accessor");
    }

    /** The API server and run loop of {@code cluster}. */
    public static Handle of(Cluster cluster) {
        return access.apply(Objects.requireNonNull(cluster, "cluster"));
    }
}
