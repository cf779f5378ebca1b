package dev.fakecluster.internal.kubelet;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Image pulls on the simulated nodes: how long a pull takes, which images each node already has,
 * and which images cannot be pulled (so pods show {@code ErrImagePull} and {@code ImagePullBackOff}).
 * Safe to change from the test's thread while the cluster runs.
 */
public final class ImagePulls {

    private final Duration pullTime;
    private final Set<String> unpullable = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> present = new ConcurrentHashMap<>();

    public ImagePulls(Duration pullTime, Set<String> unpullable) {
        this.pullTime = pullTime;
        this.unpullable.addAll(unpullable);
    }

    /** Makes {@code image} fail to pull (or pull again when {@code pullable}). */
    public void setPullable(String image, boolean pullable) {
        if (pullable) {
            unpullable.remove(image);
        } else {
            unpullable.add(image);
        }
    }

    Duration pullTime() {
        return pullTime;
    }

    boolean pullable(String image) {
        return !unpullable.contains(image);
    }

    boolean present(String node, String image) {
        return present.getOrDefault(node, Set.of()).contains(image);
    }

    void pulled(String node, String image) {
        present.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(image);
    }
}
