package dev.fakecluster.internal.controlplane;

import java.time.Duration;

/**
 * How the simulated parts of a cluster behave.
 *
 * @param podStartDelay from a pod's admission on its node to its containers starting
 * @param podStopDelay from a graceful deletion to the containers having stopped (capped by the grace period)
 * @param kubelets false to run no kubelets at all: pods stay as the scheduler leaves them, for tests
 *     that play the kubelet themselves
 */
public record Settings(Duration podStartDelay, Duration podStopDelay, boolean kubelets) {

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), true);
    }

    public Settings withoutKubelets() {
        return new Settings(podStartDelay, podStopDelay, false);
    }
}
