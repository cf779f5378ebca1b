package dev.fakecluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import dev.fakecluster.internal.manifest.ManifestReader;
import dev.fakecluster.internal.printers.TablePrinter;
import dev.fakecluster.internal.runtime.RunLoop;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.Store;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.store.WatchHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A fake Kubernetes cluster, in process: an API server over a lock-free state store, controllers,
 * and a virtual clock. Build one with {@link #builder()}, apply manifests, read objects back,
 * advance time, watch changes.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.builder().seed(42).build()) {
 *     cluster.apply(Path.of("nginx.yaml"));
 *     cluster.advance(Duration.ofSeconds(30));
 *     List<Resource> pods = cluster.list("pods", "default", "app=nginx");
 * }
 * }</pre>
 *
 * <p>When a call returns, every consequence that takes no virtual time has happened (controllers
 * have settled, watch listeners have been called); anything that takes time happens only as the
 * clock advances. The same seed and the same calls give byte-identical objects and events.
 *
 * @since 0.1
 */
public final class Cluster implements AutoCloseable {

    private final Store store;
    private final WatchHub watches;
    private final VirtualClock clock;
    private final ApiServer api;
    private final RunLoop loop;
    private final int nodeCount;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService ticker;

    Cluster(ClusterBuilder b) {
        this.clock = b.realTime ? VirtualClock.realTime(b.startTime, b.timeScale) : VirtualClock.virtual(b.startTime);
        ControlPlane plane = ControlPlane.over(ClusterState.empty(b.watchHistory), clock, b.seed);
        this.store = plane.store();
        this.watches = plane.watches();
        this.api = plane.api();
        this.loop = plane.loop();
        this.nodeCount = b.nodes.size();
        Topology.create(api, b.nodes);
        loop.run();
        if (b.realTime) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fakecluster-clock");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(() -> fireDue(clock.now()), 10, 10, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** Starts configuring a cluster. */
    public static ClusterBuilder builder() {
        return new ClusterBuilder();
    }

    /**
     * Creates or updates every object in {@code manifests} (multi-document YAML or JSON), like
     * {@code kubectl apply -f}. Objects without a namespace go to {@code default}. The manifests are
     * checked as a whole first: if any object is rejected, nothing changes.
     *
     * @return the objects as stored, in manifest order
     * @throws ApiException for malformed input, unknown kinds, invalid objects
     */
    public List<Resource> apply(String manifests) {
        return write(manifests, (server, obj) -> server.apply(obj, "default", false));
    }

    /** Applies the manifests in a file; see {@link #apply(String)}. */
    public List<Resource> apply(Path file) {
        try {
            return apply(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file, e);
        }
    }

    /** Creates every object in {@code manifests}, like {@code kubectl create -f}: AlreadyExists if one exists. */
    public List<Resource> create(String manifests) {
        return write(manifests, (server, obj) -> server.create(obj, "default", false));
    }

    private List<Resource> write(String manifests, Write write) {
        checkOpen();
        List<ObjectNode> objects = ManifestReader.read(manifests);
        // Rehearse on a throw-away copy of the state (free: it is persistent) so that a bad
        // document anywhere changes nothing; later documents may depend on earlier ones.
        ApiServer sandbox = ControlPlane.over(store.state(), clock, 0).api();
        objects.forEach(o -> write.apply(sandbox, o));
        List<Resource> out = new ArrayList<>();
        for (ObjectNode o : objects) {
            out.add(resource(write.apply(api, o)));
        }
        loop.run();
        return out.stream().map(r -> get(r.kind(), r.namespace(), r.name()).orElse(r)).toList();
    }

    private interface Write {
        StoredObject apply(ApiServer server, ObjectNode obj);
    }

    /**
     * One object. {@code kind} is a Kind, plural or short name ({@code Deployment},
     * {@code deployments}, {@code deploy}), case-insensitive; a null namespace means {@code default}
     * (ignored for cluster-scoped kinds).
     */
    public Optional<Resource> get(String kind, String namespace, String name) {
        checkOpen();
        KindInfo k = api.resolveKind(kind);
        return api.get(k, namespace == null ? "default" : namespace, name).map(Cluster::resource);
    }

    /** Objects of a kind in a namespace (null: all namespaces) matching a label selector (null or "": all). */
    public List<Resource> list(String kind, String namespace, String labelSelector) {
        return list(kind, namespace, labelSelector, null);
    }

    /** Like {@link #list(String, String, String)}, also filtered by a field selector ({@code status.phase=Running}). */
    public List<Resource> list(String kind, String namespace, String labelSelector, String fieldSelector) {
        checkOpen();
        KindInfo k = api.resolveKind(kind);
        return api.list(k, namespace, labelSelector, fieldSelector).items().stream().map(Cluster::resource).toList();
    }

    /**
     * The table {@code kubectl get <kind>} prints for a namespace (null: all namespaces, with a
     * {@code NAMESPACE} column, like {@code -A}), or {@code No resources found ...} when empty.
     */
    public String table(String kind, String namespace) {
        checkOpen();
        KindInfo k = api.resolveKind(kind);
        List<StoredObject> items = api.list(k, namespace, null, null).items();
        if (items.isEmpty()) {
            return k.namespaced() && namespace != null ? "No resources found in " + namespace + " namespace.\n"
                    : "No resources found\n";
        }
        List<JsonNode> objects = items.stream().map(o -> (JsonNode) o.json()).toList();
        return TablePrinter.render(TablePrinter.columns(k, clock.now()), objects, k.namespaced() && namespace == null);
    }

    /**
     * Deletes an object as {@code kubectl delete} does (background propagation: dependents are
     * garbage-collected). Pods on a node terminate gracefully and stay until their kubelet confirms.
     */
    public void delete(String kind, String namespace, String name) {
        checkOpen();
        KindInfo k = api.resolveKind(kind);
        api.delete(k, namespace == null ? "default" : namespace, name, DeleteOptions.propagation(Propagation.BACKGROUND));
        loop.run();
    }

    /**
     * Watches a kind in a namespace (null: all) filtered by a label selector, from a resourceVersion
     * ({@code null}: from now). The listener runs on the thread whose call caused the change, after
     * the change is committed, one event at a time, in resourceVersion order.
     *
     * @throws ApiException Expired (410) when {@code fromResourceVersion} is older than the kept history
     */
    public Watch watch(String kind, String namespace, String labelSelector, String fromResourceVersion,
            Consumer<WatchEvent> listener) {
        checkOpen();
        KindInfo k = api.resolveKind(kind);
        WatchHub.Subscription sub = api.watch(k, namespace, labelSelector, null, fromResourceVersion,
                (type, obj) -> listener.accept(new WatchEvent(eventType(type), resource(obj))));
        watches.deliverPending();
        return sub::close;
    }

    /** Moves the virtual clock forward, firing every timer that falls due on the way, in time order. */
    public void advance(Duration duration) {
        checkOpen();
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; got " + duration);
        }
        if (clock.isRealTime()) {
            clock.shift(duration);
            fireDue(clock.now());
            return;
        }
        Instant target = clock.now().plus(duration);
        fireDue(target);
        clock.advanceTo(target);
        loop.run();
    }

    private void fireDue(Instant limit) {
        Runnable timer;
        while ((timer = clock.pollDue(limit)) != null) {
            timer.run();
            loop.run();
        }
        loop.run();
    }

    /** The cluster's current time. */
    public Instant now() {
        return clock.now();
    }

    /** The resourceVersion of the latest change: watch from it to see only what follows. */
    public String resourceVersion() {
        return Long.toString(store.state().resourceVersion());
    }

    /** Stops the cluster; idempotent. Open watches receive nothing more. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ticker != null) {
            ticker.shutdownNow();
        }
    }

    @Override
    public String toString() {
        ClusterState s = store.state();
        return "Cluster[" + nodeCount + " nodes, " + s.size() + " objects, resourceVersion " + s.resourceVersion()
                + ", now " + clock.now() + (closed.get() ? ", closed" : "") + "]";
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("cluster is closed");
        }
    }

    static Resource resource(StoredObject o) {
        return new Resource(o.json());
    }

    private static WatchEvent.Type eventType(Change.Type type) {
        return WatchEvent.Type.valueOf(type.name());
    }
}
