package dev.fakecluster;

import dev.fakecluster.internal.controlplane.Settings;
import dev.fakecluster.internal.kubelet.ImageBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * Configures and builds a {@link Cluster}. The defaults give the tutorial's three-node kubeadm
 * cluster ({@code node1} control plane, {@code node2} and {@code node3} workers), seed 0, a
 * virtual clock standing at 2025-01-01T00:00:00Z.
 *
 * @since 0.1
 */
public final class ClusterBuilder {

    long seed;
    List<String> nodes = List.of("node1", "node2", "node3");
    Instant startTime = Instant.parse("2025-01-01T00:00:00Z");
    boolean realTime;
    double timeScale = 1.0;
    int watchHistory = 10_000;
    Duration podStartDelay = Settings.defaults().podStartDelay();
    Duration podStopDelay = Settings.defaults().podStopDelay();
    final Map<String, ImageBehaviour> images = new LinkedHashMap<>();
    Duration imagePullTime = Duration.ZERO;
    final Set<String> unpullable = new LinkedHashSet<>();
    LoadBalancing loadBalancing = LoadBalancing.RANDOM;
    String loadBalancerPool = Settings.DEFAULT_LOAD_BALANCER_POOL;
    Duration loadBalancerDelay = Settings.defaults().loadBalancerDelay();
    boolean systemWorkloads;

    ClusterBuilder() {
    }

    /** The seed of every random choice (names, uids, IPs, tie-breaks). */
    public ClusterBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * The nodes, in order: the first is the control plane (tainted {@code NoSchedule}), the rest are
     * workers. A single node is control plane and schedulable, like minikube.
     */
    public ClusterBuilder nodes(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        this.nodes = List.of(names);
        return this;
    }

    /** Where the virtual clock starts. */
    public ClusterBuilder startTime(Instant start) {
        this.startTime = Objects.requireNonNull(start, "start");
        return this;
    }

    /**
     * Lets the clock follow the wall clock, {@code scale} times faster (1 = real speed), for use with
     * external clients; {@link Cluster#advance} still jumps ahead on top of that.
     */
    public ClusterBuilder realTime(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("time scale must be positive, was " + scale);
        }
        this.realTime = true;
        this.timeScale = scale;
        return this;
    }

    /** How many recent changes watches can resume from (older start points get 410 Gone). */
    public ClusterBuilder watchHistory(int changes) {
        if (changes < 1) {
            throw new IllegalArgumentException("watch history must keep at least 1 change, was " + changes);
        }
        this.watchHistory = changes;
        return this;
    }

    /**
     * How long a pod takes from landing on its node to its containers running (default 2 s), and
     * from a graceful delete to its containers having stopped (default 1 s, never more than the
     * pod's grace period).
     */
    public ClusterBuilder podTimings(Duration startDelay, Duration stopDelay) {
        if (startDelay.isNegative() || stopDelay.isNegative()) {
            throw new IllegalArgumentException("pod timings cannot be negative");
        }
        this.podStartDelay = startDelay;
        this.podStopDelay = stopDelay;
        return this;
    }

    /**
     * Makes containers of {@code imageRef} behave as {@code behaviour}: {@code myapp:1.0} for one
     * tag, {@code myapp} for every tag without a behaviour of its own.
     */
    public ClusterBuilder image(String imageRef, ContainerBehaviour behaviour) {
        Objects.requireNonNull(imageRef, "imageRef");
        images.put(imageRef, new ImageBehaviour(behaviour.handler, behaviour.script, behaviour.runtime, behaviour.exitCode));
        return this;
    }

    /**
     * How long pulling an image takes on a node (default zero: images arrive at once). A node keeps
     * what it pulled; {@code imagePullPolicy: Always} pulls again at every container start.
     */
    public ClusterBuilder imagePullTime(Duration pullTime) {
        if (pullTime.isNegative()) {
            throw new IllegalArgumentException("image pull time cannot be negative: " + pullTime);
        }
        this.imagePullTime = pullTime;
        return this;
    }

    /**
     * Makes {@code image} (as written in pod specs, e.g. {@code myapp:2.0}) fail to pull: its pods
     * show {@code ErrImagePull}, then {@code ImagePullBackOff}, retried with back-off as a kubelet does.
     */
    public ClusterBuilder unpullableImage(String image) {
        unpullable.add(Objects.requireNonNull(image, "image"));
        return this;
    }

    /**
     * How {@link Cluster#http()} traffic to a Service picks among its ready endpoints: at random per
     * request like kube-proxy's iptables mode (the default; drawn from the seeded source, so
     * repeatable), or round-robin for exactly even spreads.
     */
    public ClusterBuilder loadBalancing(LoadBalancing mode) {
        this.loadBalancing = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * Where LoadBalancer Services get their external address, and how long it takes: {@code pool}
     * is a range ({@code 192.168.1.240-192.168.1.250}, the default) or a CIDR, handed out lowest
     * free first; null leaves them {@code <pending>}, as on a cluster without a load-balancer
     * implementation. The default delay is 1 s.
     */
    public ClusterBuilder loadBalancers(String pool, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("load-balancer delay cannot be negative: " + delay);
        }
        this.loadBalancerPool = pool;
        this.loadBalancerDelay = delay;
        return this;
    }

    /**
     * Runs kube-system's workloads as the tutorial's kubeadm cluster with Calico does: the
     * {@code coredns} Deployment (2 replicas, the kube-dns Service's endpoints) and
     * {@code calico-kube-controllers}, and the {@code kube-proxy} and {@code calico-node}
     * DaemonSets with a pod on every node, the control plane included. Off by default: most tests
     * want only their own pods in the cluster.
     */
    public ClusterBuilder systemWorkloads() {
        this.systemWorkloads = true;
        return this;
    }

    Settings settings() {
        return new Settings(podStartDelay, podStopDelay, true, images, imagePullTime, unpullable, loadBalancing,
                loadBalancerPool, loadBalancerDelay);
    }

    /** Builds and starts the cluster. */
    public Cluster build() {
        return new Cluster(this);
    }
}
