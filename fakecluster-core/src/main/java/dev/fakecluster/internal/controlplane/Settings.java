package dev.fakecluster.internal.controlplane;

import dev.fakecluster.LoadBalancing;
import dev.fakecluster.internal.kubelet.ImageBehaviour;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the simulated parts of a cluster behave.
 *
 * @param podStartDelay from a pod's admission on its node to its containers starting
 * @param podStopDelay from a graceful deletion to the containers having stopped (capped by the grace period)
 * @param kubelets false to run no kubelets at all: pods stay as the scheduler leaves them, for tests
 *     that play the kubelet themselves
 * @param images behaviours registered per image reference
 * @param imagePullTime how long pulling an image takes on a node
 * @param unpullable images that cannot be pulled
 * @param loadBalancing how routed traffic picks a Service's endpoint
 * @param loadBalancerPool the addresses LoadBalancer Services get (a range or CIDR), or null for none
 * @param loadBalancerDelay how long a LoadBalancer Service waits for its address
 */
public record Settings(Duration podStartDelay, Duration podStopDelay, boolean kubelets, Map<String, ImageBehaviour> images,
        Duration imagePullTime, Set<String> unpullable, LoadBalancing loadBalancing, String loadBalancerPool,
        Duration loadBalancerDelay) {

    /** MetalLB-style addresses on the nodes' network, past the nodes themselves. */
    public static final String DEFAULT_LOAD_BALANCER_POOL = "192.168.1.240-192.168.1.250";

    public Settings {
        images = Map.copyOf(images);
        unpullable = Set.copyOf(unpullable);
    }

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), true, Map.of(), Duration.ZERO, Set.of(),
                LoadBalancing.RANDOM, DEFAULT_LOAD_BALANCER_POOL, Duration.ofSeconds(1));
    }

    public Settings withoutKubelets() {
        return new Settings(podStartDelay, podStopDelay, false, images, imagePullTime, unpullable, loadBalancing,
                loadBalancerPool, loadBalancerDelay);
    }
}
