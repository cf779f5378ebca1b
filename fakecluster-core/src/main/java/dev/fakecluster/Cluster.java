package dev.fakecluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ClusterInternals;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.deployment.Rollback;
import dev.fakecluster.internal.describe.Describer;
import dev.fakecluster.internal.disruption.Eviction;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kubelet.ImagePulls;
import dev.fakecluster.internal.kubelet.Kubelet;
import dev.fakecluster.internal.kubelet.NodeAgents;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import dev.fakecluster.internal.managedfields.Manager;
import dev.fakecluster.internal.manifest.ManifestReader;
import dev.fakecluster.internal.printers.TablePrinter;
import dev.fakecluster.internal.proxy.ServiceProxy;
import dev.fakecluster.internal.sockets.ForwardTargets;
import dev.fakecluster.internal.sockets.Listener;
import dev.fakecluster.internal.sockets.NodePortListeners;
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
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

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

    private static final java.util.Set<String> SCALABLE = java.util.Set.of("deployments.apps", "replicasets.apps",
            "statefulsets.apps", "replicationcontrollers");

    private final Store store;
    private final WatchHub watches;
    private final VirtualClock clock;
    /** The field manager {@link #apply(String)} and {@link #create(String)} record in managedFields. */
    private static final Manager FIELD_MANAGER = new Manager("fakecluster", null, "");

    private final ApiServer api;
    private final RunLoop loop;
    private final NodeAgents agents;
    private final Kubelet kubelet;
    private final ImagePulls pulls;
    private final ServiceProxy proxy;
    private final NodePortListeners nodePorts;
    private final Queue<AutoCloseable> sockets = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean nodePortsExposed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService ticker;

    static {
        ClusterInternals.install(c -> new ClusterInternals.Handle(c.api, c.loop::run, c.kubelet));
    }

    Cluster(ClusterBuilder b) {
        this.clock = b.realTime ? VirtualClock.realTime(b.startTime, b.timeScale) : VirtualClock.virtual(b.startTime);
        ControlPlane plane = ControlPlane.over(ClusterState.empty(b.watchHistory), clock, b.seed, b.settings());
        this.store = plane.store();
        this.watches = plane.watches();
        this.api = plane.api();
        this.loop = plane.loop();
        this.agents = plane.agents();
        this.kubelet = plane.kubelet();
        this.pulls = plane.pulls();
        this.proxy = plane.proxy();
        this.nodePorts = new NodePortListeners(proxy, plane.events());
        Topology.create(api, b.nodes);
        if (b.systemWorkloads) {
            Topology.createSystemWorkloads(api);
        }
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
        return write(manifests, (server, obj) -> server.apply(obj, "default", false, FIELD_MANAGER));
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
        return write(manifests, (server, obj) -> server.create(obj, "default", false, FIELD_MANAGER));
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
     * The text {@code kubectl describe <kind> <name>} prints for an object: its fields in kubectl's
     * order and layout, then its Events with ages on the cluster's clock. Covers pods, deployments,
     * replicasets, daemonsets, statefulsets, jobs, cronjobs, services, endpoints, nodes, namespaces
     * and configmaps; {@code kind} is resolved as in {@link #get}, a null namespace means {@code default}.
     *
     * <pre>{@code
     * System.out.print(cluster.describe("deploy", "default", "web"));
     * // Name:                   web
     * // Namespace:              default
     * // ...
     * // Events:
     * //   Type    Reason             Age   From                   Message
     * //   ----    ------             ----  ----                   -------
     * //   Normal  ScalingReplicaSet  10s   deployment-controller  Scaled up replica set web-d88c78859 to 3
     * }</pre>
     *
     * @throws ApiException NotFound when there is no such object, or for an unknown kind
     * @throws IllegalArgumentException for a kind not covered yet
     */
    public String describe(String kind, String namespace, String name) {
        checkOpen();
        return Describer.describe(api, api.resolveKind(kind), namespace == null ? "default" : namespace, name, clock.now());
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

    // ---- kubectl verbs ---------------------------------------------------------------------

    /**
     * Sets the replicas of a Deployment, ReplicaSet, StatefulSet or ReplicationController, like
     * {@code kubectl scale}.
     *
     * @return the object as stored after the controllers have reacted
     */
    public Resource scale(String kind, String namespace, String name, int replicas) {
        checkOpen();
        KindInfo k = api.resolveKind(kind);
        if (!SCALABLE.contains(k.resource())) {
            throw new IllegalArgumentException("cannot scale " + k.plural() + ": it has no scale subresource");
        }
        return edit(k, namespace, name, o -> {
            Json.with(o, "spec").put("replicas", replicas);
            return o;
        });
    }

    /**
     * Changes one container's image in a Deployment's pod template, like
     * {@code kubectl set image deployment/<name> <container>=<image>}; a rollout follows.
     *
     * @throws IllegalArgumentException when the template has no such container
     */
    public Resource setImage(String namespace, String deployment, String container, String image) {
        checkOpen();
        return edit(api.resolveKind("deployments.apps"), namespace, deployment, o -> {
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : Json.arrayAt(o, "spec", "template", "spec", list)) {
                    if (container.equals(c.path("name").asText())) {
                        ((ObjectNode) c).put("image", image);
                        return o;
                    }
                }
            }
            throw new IllegalArgumentException("unable to find container named \"" + container + "\"");
        });
    }

    /**
     * Rolls a Deployment back to {@code toRevision} (0: the previous one), like
     * {@code kubectl rollout undo --to-revision}: the old ReplicaSet is reused and becomes the
     * newest revision.
     *
     * @return what kubectl prints ({@code deployment.apps/web rolled back} or {@code ... skipped rollback ...})
     * @throws IllegalStateException with kubectl's message for an unknown revision or a paused deployment
     */
    public String rollback(String namespace, String deployment, long toRevision) {
        checkOpen();
        String result = Rollback.undo(api, namespace == null ? "default" : namespace, deployment, toRevision);
        loop.run();
        return result;
    }

    /** The Events of a namespace (null: all), oldest first by last occurrence, like {@code kubectl events}. */
    public List<Resource> events(String namespace) {
        checkOpen();
        List<StoredObject> items = new ArrayList<>(api.list(api.resolveKind("events"), namespace, null, null).items());
        items.sort(java.util.Comparator.comparing((StoredObject e) -> Json.text(e.json(), "lastTimestamp"))
                .thenComparingLong(StoredObject::resourceVersion));
        return items.stream().map(Cluster::resource).toList();
    }

    /** What a pod's first container wrote to stdout and stderr, like {@code kubectl logs <pod>}. */
    public String logs(String namespace, String pod) {
        return logs(namespace, pod, null, false);
    }

    /**
     * What a container wrote, like {@code kubectl logs <pod> -c <container> [--previous]}: the current
     * instance's output, or with {@code previous} the one before the last restart.
     *
     * @throws ApiException NotFound when the pod, or a container of that name, is not known to its kubelet
     */
    public String logs(String namespace, String pod, String container, boolean previous) {
        checkOpen();
        String key = StoredObject.key("pods", namespace == null ? "default" : namespace, pod);
        List<String> lines = kubelet == null ? null : kubelet.logs(key, container, previous);
        if (lines == null) {
            throw Errors.notFound(api.resolveKind("pods"), pod);
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** Makes an image pullable again, or not ({@link ClusterBuilder#unpullableImage}); pods retry on their back-off. */
    public void setImagePullable(String image, boolean pullable) {
        checkOpen();
        pulls.setPullable(image, pullable);
    }

    // ---- networking ---------------------------------------------------------------------------

    /** The cluster's DNS, as pods resolve names (search path, Services, pods, ExternalName CNAMEs). */
    public Dns dns() {
        checkOpen();
        return new Dns(store::state);
    }

    /**
     * An HTTP client whose requests travel like a pod's or a node's would: to a Service by name or
     * ClusterIP, to {@code <node>:<nodePort>}, a load-balancer address, or a pod's address, answered
     * by the container behind it ({@link Reply#pod()} names the pod). Requests come from the
     * control-plane node's address (a NetworkPolicy lets a node reach its own pods, and judges it by
     * {@code ipBlock} elsewhere) and resolve names from {@code default}, unless changed with
     * {@link ClusterHttp#from}, {@link ClusterHttp#fromPod} and {@link ClusterHttp#inNamespace}.
     */
    public ClusterHttp http() {
        checkOpen();
        return new ClusterHttp(proxy, this::checkOpen, Topology.nodeAddress(0), "default", null);
    }

    // ---- nodes --------------------------------------------------------------------------------

    /**
     * Opens every Service's node ports on {@code 127.0.0.1} — a real listener per node port, kept in
     * step with the Services from now on — so that an external client ({@code curl
     * 127.0.0.1:30000}, a browser, {@code java.net.http.HttpClient}) reaches the pods behind them.
     * A request enters at the first node that is up and is routed like {@link #http()}'s; one the
     * cluster cannot deliver gets its connection closed unanswered. Idempotent.
     *
     * @return this cluster
     * @throws java.io.UncheckedIOException when a node port is taken on this machine (a port that
     *     turns out to be taken later gets a Warning event on its Service instead)
     */
    public Cluster exposeNodePorts() {
        checkOpen();
        if (nodePortsExposed.compareAndSet(false, true)) {
            sockets.add(nodePorts);
            WatchHub.Subscription sub = api.watch(api.resolveKind("services"), null, null, null, null,
                    (type, obj) -> nodePorts.sync(store.state()));
            sockets.add(sub);
        }
        Map<Integer, String> failed = nodePorts.sync(store.state());
        if (!failed.isEmpty()) {
            throw new java.io.UncheckedIOException(String.join("; ", failed.values()), new java.io.IOException());
        }
        return this;
    }

    /**
     * Forwards a free local port on {@code 127.0.0.1} to a pod, like {@code kubectl port-forward}:
     * {@code target} is {@code name} or {@code pod/name} (port = a port inside the pod), {@code
     * svc/name} (port = a Service port, translated to its target port) or a workload such as {@code
     * deploy/name} (port = a container port); for those the most active pod is chosen, once.
     *
     * @throws ApiException NotFound when the object does not exist
     * @throws IllegalStateException when the pod is not running, or the Service has no such port
     */
    public PortForward portForward(String namespace, String target, int port) {
        checkOpen();
        ForwardTargets.Forward f = ForwardTargets.resolve(api, namespace == null ? "default" : namespace, target, port);
        Listener listener = Listener.open(0, (method, path, headers, body) ->
                proxy.forward(f.pod(), f.port(), method, path, headers, body));
        PortForward[] self = new PortForward[1];
        self[0] = new PortForward(listener, f.name(), f.port(), () -> sockets.remove(self[0]));
        sockets.add(self[0]);
        if (closed.get()) {
            self[0].close(); // the cluster closed meanwhile: it will not close this one
            checkOpen();
        }
        return self[0];
    }

    /** A node, to kill, restore, cordon, drain, label or taint. */
    public Node node(String name) {
        checkOpen();
        KindInfo nodes = api.resolveKind("nodes");
        api.get(nodes, null, name).orElseThrow(() -> Errors.notFound(nodes, name));
        return new Node(this, name);
    }

    /** Adds a worker node, registered as a kubeadm kubelet registers it (the next address and pod CIDR). */
    public Node addNode(String name) {
        checkOpen();
        int index = store.state().list("nodes", null).size();
        api.create(Topology.node(name, index, false, true, clock.now()), null, false);
        loop.run();
        return new Node(this, name);
    }

    KindInfo kind(String name) {
        return api.resolveKind(name);
    }

    void killNode(String name) {
        checkOpen();
        agents.kill(name, clock.now());
        loop.run();
    }

    void restoreNode(String name) {
        checkOpen();
        agents.restore(name);
        loop.run();
    }

    void editNode(String name, UnaryOperator<ObjectNode> change) {
        edit(api.resolveKind("nodes"), null, name, change);
    }

    /** Evicts the node's pods; budget-blocked ones are retried every 5 s of cluster time. */
    void drainNode(String name) {
        checkOpen();
        List<String> unmanaged = new ArrayList<>();
        List<StoredObject> toEvict = new ArrayList<>();
        for (StoredObject pod : store.state().list("pods", null)) {
            if (!name.equals(Json.text(pod.json(), "spec", "nodeName")) || pod.isDeleting()) {
                continue;
            }
            String owner = Owners.controllerKind(pod.json());
            if ("DaemonSet".equals(owner)) {
                continue;
            }
            if (owner == null) {
                unmanaged.add(pod.namespace() + "/" + pod.name());
            }
            toEvict.add(pod);
        }
        if (!unmanaged.isEmpty()) {
            throw new IllegalStateException("cannot delete Pods that declare no controller (use --force to override): "
                    + String.join(", ", unmanaged));
        }
        boolean blocked = false;
        for (StoredObject pod : toEvict) {
            StoredObject current = store.state().get(pod.key());
            if (current != null && !Eviction.evict(api, current, clock.now())) {
                blocked = true;
            }
            loop.run();
        }
        if (blocked) {
            clock.scheduleAfter(Duration.ofSeconds(5), () -> drainNode(name));
        }
    }

    private Resource edit(KindInfo kind, String namespace, String name, UnaryOperator<ObjectNode> change) {
        String ns = namespace == null ? "default" : namespace;
        StoredObject updated = api.mutate(kind, ns, name, change);
        if (updated == null) {
            throw Errors.notFound(kind, name);
        }
        loop.run();
        return get(kind.plural(), ns, name).orElse(resource(updated));
    }

    /** Moves the virtual clock forward, firing every timer that falls due on the way, in time order. */
    public void advance(Duration duration) {
        checkOpen();
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; got " + duration);
        }
        // What other threads committed and have not settled yet takes effect now, before the jump.
        loop.run();
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

    /**
     * Advances the clock until {@code condition} holds, by at most {@code limit}. The condition is
     * checked now, then after each instant at which timers fire (the controllers settled), so the
     * clock stops at the first instant it holds: no polling interval, no overshoot.
     *
     * <pre>{@code
     * cluster.advanceUntil(c -> c.list("pods", "default", "app=web", "status.phase=Running").size() == 3,
     *         Duration.ofMinutes(1));
     * }</pre>
     *
     * @return this cluster, its clock at the instant the condition first held
     * @throws ConditionTimeoutException when it still fails at {@code limit} from now (the clock is then there)
     */
    public Cluster advanceUntil(Predicate<Cluster> condition, Duration limit) {
        checkOpen();
        if (limit.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; got a limit of " + limit);
        }
        Instant from = clock.now();
        Instant deadline = from.plus(limit);
        while (!condition.test(this)) {
            Instant now = clock.now();
            if (!now.isBefore(deadline)) {
                throw new ConditionTimeoutException(limit, from, now);
            }
            Instant next = clock.nextDue();
            Instant step = next == null || next.isAfter(deadline) ? deadline : next;
            // in real-time mode the clock may already be past the next timer: then just fire it
            advance(step.isAfter(now) ? Duration.between(now, step) : Duration.ZERO);
        }
        return this;
    }

    /**
     * An Awaitility wait for what other threads make true: the clock of a real-time cluster
     * ({@link ClusterBuilder#realTime}), or clients writing over HTTP, or your own operator. It polls
     * every 10 ms for at most 30 s of wall time (change it with {@code atMost}). On a virtual clock
     * only other threads' writes change the cluster: for the cluster's own timing use
     * {@link #advanceUntil}, which needs no waiting at all.
     *
     * <pre>{@code
     * cluster.await().atMost(Duration.ofSeconds(5)).until(() ->
     *         cluster.get("deploy", "default", "web").flatMap(d -> d.field("status.availableReplicas")).isPresent());
     * }</pre>
     */
    public ConditionFactory await() {
        checkOpen();
        return Awaitility.await("a condition on " + this).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofSeconds(30));
    }

    /** Fires due timers in time order; those due at the same instant fire together, then the controllers settle. */
    private void fireDue(Instant limit) {
        Runnable timer;
        while ((timer = clock.pollDue(limit)) != null) {
            Instant at = clock.now();
            timer.run();
            Instant next;
            while ((next = clock.nextDue()) != null && !next.isAfter(at) && (timer = clock.pollDue(limit)) != null) {
                timer.run();
            }
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        AutoCloseable socket;
        while ((socket = sockets.poll()) != null) {
            try {
                socket.close();
            } catch (Exception e) {
                // closing a listener only releases its port; nothing to report
            }
        }
    }

    @Override
    public String toString() {
        ClusterState s = store.state();
        return "Cluster[" + s.list("nodes", null).size() + " nodes, " + s.size() + " objects, resourceVersion " + s.resourceVersion()
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
