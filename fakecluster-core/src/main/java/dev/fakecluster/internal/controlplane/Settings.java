package dev.fakecluster.internal.controlplane;

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
 */
public record Settings(Duration podStartDelay, Duration podStopDelay, boolean kubelets, Map<String, ImageBehaviour> images,
        Duration imagePullTime, Set<String> unpullable) {

    public Settings {
        images = Map.copyOf(images);
        unpullable = Set.copyOf(unpullable);
    }

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), true, Map.of(), Duration.ZERO, Set.of());
    }

    public Settings withoutKubelets() {
        return new Settings(podStartDelay, podStopDelay, false, images, imagePullTime, unpullable);
    }
}
