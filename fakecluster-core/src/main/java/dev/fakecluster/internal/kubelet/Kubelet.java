package dev.fakecluster.internal.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.Reply;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The simulated kubelets of every node: admit pods bound to a live node, give them an IP from the
 * node's pod CIDR, and run each as a {@link PodRuntime} on the virtual clock — containers started
 * after a start-up delay as their image's behaviour ({@link Images}), probes, exits and restarts
 * with the kubelet's crash back-off, graceful stops — reporting the status and events the real
 * kubelet reports. A dead node's pods are frozen until it is restored. Nothing from a manifest is
 * ever executed on the host.
 */
public final class Kubelet extends QueueController {

    static final String COMPONENT = "kubelet";
    /** The queue key for "post node status": a restored kubelet reports its node Ready again. */
    private static final String NODE_STATUS = "node-status";
    private static final Map<String, String[]> HEALTHY = Map.of(
            "MemoryPressure", new String[] {"False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
            "DiskPressure", new String[] {"False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
            "PIDPressure", new String[] {"False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
            "Ready", new String[] {"True", "KubeletReady", "kubelet is posting ready status"});

    private final ApiServer api;
    private final EventRecorder events;
    private final NodeAgents agents;
    private final Duration startDelay;
    private final Duration stopDelay;
    private final Images images;
    private final ImagePulls pulls;
    private final KindInfo podKind;
    /** Per pod, by key; concurrent because requests arriving on real sockets look pods up from their own threads. */
    private final Map<String, PodRuntime> workers = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, Set<String>> podsByNode = new HashMap<>();
    private final Map<String, PodIps> ipsByNode = new HashMap<>();

    public Kubelet(ApiServer api, VirtualClock clock, EventRecorder events, NodeAgents agents, Duration startDelay,
            Duration stopDelay, Map<String, ImageBehaviour> behaviours, ImagePulls pulls) {
        super(clock);
        this.images = new Images(behaviours);
        this.pulls = pulls;
        this.api = api;
        this.events = events;
        this.agents = agents;
        this.startDelay = startDelay;
        this.stopDelay = stopDelay;
        this.podKind = api.resolveKind("pods");
        agents.onChange(() -> wake(NODE_STATUS));
    }

    @Override
    protected void keysFor(Change change, java.util.function.Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals("pods")) {
            String node = Json.text(o.json(), "spec", "nodeName");
            if (node != null) {
                if (change.type() == Change.Type.DELETED) {
                    podsByNode.getOrDefault(node, Set.of()).remove(o.key());
                } else {
                    podsByNode.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(o.key());
                }
                enqueue.accept(o.key());
            }
        } else if (o.resource().equals("nodes") && change.type() != Change.Type.DELETED) {
            podsByNode.getOrDefault(o.name(), Set.of()).forEach(enqueue);
        }
    }

    @Override
    protected void allKeys(ClusterState state, java.util.function.Consumer<String> enqueue) {
        for (StoredObject pod : state.list("pods", null)) {
            if (Json.text(pod.json(), "spec", "nodeName") != null) {
                enqueue.accept(pod.key());
            }
        }
        workers.keySet().forEach(enqueue);
    }

    @Override
    protected void rebuild(ClusterState state) {
        podsByNode.clear();
        for (StoredObject pod : state.list("pods", null)) {
            String node = Json.text(pod.json(), "spec", "nodeName");
            if (node != null) {
                podsByNode.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(pod.key());
            }
        }
    }

    /** The output of a container (the previous instance's when {@code previous}), or null when unknown. */
    public List<String> logs(String podKey, String container, boolean previous) {
        LongFunction<LogTail> source = logSource(podKey, container, previous);
        return source == null ? null : source.apply(0).lines();
    }

    /**
     * Lines of a container's output.
     *
     * @param lines the lines, oldest first (of the last 10,000 kept)
     * @param last the number of the last line given (lines are numbered from 1 per instance)
     */
    public record LogTail(List<String> lines, long last) {
    }

    /**
     * A container instance's output (the current one, or with {@code previous} the one before):
     * given a line number, the lines written after it. Bound to that instance, so a follower ({@code
     * kubectl logs -f}) still reads its last lines after a restart has replaced it; null when unknown.
     */
    public LongFunction<LogTail> logSource(String podKey, String container, boolean previous) {
        PodRuntime w = workers.get(podKey);
        if (w == null) {
            return null;
        }
        for (ContainerRun c : w.all()) {
            if (container == null ? !c.init : c.name.equals(container)) {
                return (previous ? c.previousLog : c.log)::after;
            }
        }
        return null;
    }

    /**
     * Sends an HTTP request to {@code port} of the pod at {@code podKey} from {@code from} (an IP), as
     * traffic reaching its network namespace: the answer of the container listening there, naming
     * the pod; empty when the pod does not run here or nothing accepts the connection (refused).
     */
    public Optional<Reply> http(String podKey, int port, String method, String path, Map<String, String> headers,
            String body, String from) {
        PodRuntime w = workers.get(podKey);
        if (w == null) {
            return Optional.empty();
        }
        ContainerProcess.HttpOutcome out = w.http(port, new ContainerProcess.HttpCall(method, path, headers, body), from,
                now());
        String pod = podKey.substring(podKey.lastIndexOf('/') + 1);
        return out == null ? Optional.empty() : Optional.of(new Reply(out.status(), out.headers(), out.body(), pod));
    }

    @Override
    protected void sync(String key) {
        if (key.equals(NODE_STATUS)) {
            postNodeStatus();
            return;
        }
        StoredObject pod = api.state().get(key);
        PodRuntime previous = workers.get(key);
        if (previous != null && (pod == null || !previous.uid.equals(pod.uid()))) {
            // Gone, or replaced by a new pod of the same name (a StatefulSet's): that pod starts afresh.
            workers.remove(key);
            if (previous.ip != null) {
                ips(previous.node).release(previous.ip);
            }
        }
        if (pod == null) {
            return;
        }
        String node = Json.text(pod.json(), "spec", "nodeName");
        if (node == null || api.state().get(StoredObject.key("nodes", "", node)) == null) {
            return;
        }
        PodRuntime w = workers.get(key);
        if (!agents.isAlive(node)) {
            // Powered off: the pod's containers died with the node; nothing happens until it is back.
            if (w != null) {
                w.nodeDied(agents.lastHeartbeat(node, now()));
            }
            return;
        }
        if (w != null) {
            w.nodeBack(now());
        }
        if (w == null) {
            if (isTerminal(pod.json())) {
                return;
            }
            w = admit(pod, node);
            workers.put(key, w);
        }
        Instant now = now();
        if (pod.isDeleting()) {
            w.stopAll(now, pod.json().path("metadata").path("deletionGracePeriodSeconds").asLong(0));
        }
        w.advanceTo(now);
        if (w.stopped(now)) {
            remove(pod);
            return;
        }
        if (!isTerminal(pod.json())) {
            writeStatus(w, pod);
        }
        Instant next = w.nextEvent();
        if (w.removableAt() != null && w.removableAt().isAfter(now) && (next == null || w.removableAt().isBefore(next))) {
            next = w.removableAt();
        }
        if (next != null) {
            requeueAt(next, key);
        }
    }

    /** A kubelet that comes back reports its node healthy again. */
    private void postNodeStatus() {
        KindInfo nodeKind = api.resolveKind("nodes");
        String now = Json.time(now());
        for (StoredObject node : api.state().list("nodes", null)) {
            if (!agents.isAlive(node.name())) {
                podsByNode.getOrDefault(node.name(), Set.of()).forEach(this::enqueue);
                continue;
            }
            api.mutate(nodeKind, "", node.name(), n -> {
                boolean changed = false;
                for (JsonNode c : Json.arrayAt(n, "status", "conditions")) {
                    String[] healthy = HEALTHY.get(c.path("type").asText());
                    if (healthy != null && !healthy[0].equals(c.path("status").asText())) {
                        ((ObjectNode) c).put("status", healthy[0]).put("lastHeartbeatTime", now)
                                .put("lastTransitionTime", now).put("reason", healthy[1]).put("message", healthy[2]);
                        changed = true;
                    }
                }
                return changed ? n : null;
            });
        }
    }

    private PodRuntime admit(StoredObject pod, String node) {
        boolean hostNetwork = pod.json().path("spec").path("hostNetwork").asBoolean(false);
        String ip = hostNetwork ? null : ips(node).allocate();
        return new PodRuntime(pod, node, nodeAddress(node).ip(), ip, now(), startDelay, stopDelay, images, pulls,
                (c, type, reason, message) -> events.record(api.state().get(pod.key()) != null
                        ? api.state().get(pod.key()) : pod, (c.init ? "spec.initContainers{" : "spec.containers{")
                        + c.name + "}", type, reason, message, COMPONENT, node));
    }

    /** All containers have stopped: the kubelet removes the pod object (grace 0). */
    private void remove(StoredObject pod) {
        try {
            api.delete(podKind, pod.namespace(), pod.name(), DeleteOptions.defaults().withGracePeriod(0));
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }

    private void writeStatus(PodRuntime w, StoredObject pod) {
        ObjectNode status = w.status(pod.json().path("status"), w.hostIp, now());
        if (status.equals(pod.json().path("status"))) {
            return;
        }
        api.mutate(podKind, pod.namespace(), pod.name(), o -> {
            o.set("status", status);
            return o;
        });
    }

    private record NodeAddress(String ip, String cidr) {
    }

    private NodeAddress nodeAddress(String node) {
        StoredObject n = api.state().get(StoredObject.key("nodes", "", node));
        return new NodeAddress(Topology.internalIp(n.json()), Json.text(n.json(), "spec", "podCIDR"));
    }

    private PodIps ips(String node) {
        return ipsByNode.computeIfAbsent(node, n -> new PodIps(nodeAddress(n).cidr()));
    }

    private static boolean isTerminal(JsonNode pod) {
        String phase = Json.text(pod, "status", "phase");
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
