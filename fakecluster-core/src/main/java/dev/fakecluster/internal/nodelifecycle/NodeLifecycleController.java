package dev.fakecluster.internal.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kubelet.NodeAgents;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The node lifecycle controller (pkg/controller/nodelifecycle): every 5 s it checks each node's
 * heartbeat; a node silent for the grace period gets {@code Ready=Unknown}, its pods are marked not
 * ready, and it is tainted {@code node.kubernetes.io/unreachable} (NoSchedule and, unless the whole
 * cluster is down, NoExecute). It also keeps the condition taints ({@code not-ready},
 * {@code unschedulable} for cordoned nodes) in step with the node.
 */
public final class NodeLifecycleController extends QueueController {

    static final String COMPONENT = "node-controller";
    static final Duration MONITOR_PERIOD = Duration.ofSeconds(5);
    /** node-monitor-grace-period since Kubernetes 1.32 (40 s before). */
    static final Duration GRACE_PERIOD = Duration.ofSeconds(50);
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    private static final Set<String> MANAGED = Set.of(UNREACHABLE, NOT_READY, UNSCHEDULABLE);
    private static final String KEY = "monitor";

    private final ApiServer api;
    private final EventRecorder events;
    private final NodeAgents agents;
    private final KindInfo nodeKind;
    private final KindInfo podKind;
    private final Instant epoch;

    public NodeLifecycleController(ApiServer api, VirtualClock clock, EventRecorder events, NodeAgents agents) {
        super(clock);
        this.api = api;
        this.events = events;
        this.agents = agents;
        this.nodeKind = api.resolveKind("nodes");
        this.podKind = api.resolveKind("pods");
        this.epoch = clock.now();
        agents.onChange(() -> wake(KEY));
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        if (change.object().resource().equals("nodes")) {
            enqueue.accept(KEY);
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        enqueue.accept(KEY);
    }

    @Override
    protected void sync(String key) {
        Instant now = now();
        List<StoredObject> nodes = api.state().list("nodes", null);
        Instant nextCheck = null;
        for (StoredObject node : nodes) {
            if (!agents.isAlive(node.name())) {
                Instant silentUntil = agents.lastHeartbeat(node.name(), now).plus(GRACE_PERIOD);
                if (silentUntil.isBefore(now)) {
                    markUnknown(node);
                } else {
                    Instant tick = tickAfter(silentUntil);
                    nextCheck = nextCheck == null || tick.isBefore(nextCheck) ? tick : nextCheck;
                }
            }
        }
        if (nextCheck != null) {
            requeueAt(nextCheck, KEY);
        }
        List<StoredObject> fresh = api.state().list("nodes", null);
        boolean allDown = !fresh.isEmpty() && fresh.stream().noneMatch(n -> "True".equals(readyStatus(n.json())));
        long notReady = fresh.stream().filter(n -> !"True".equals(readyStatus(n.json()))).count();
        boolean partial = notReady > 2 && notReady >= 0.55 * fresh.size();
        boolean evict = !allDown && !(partial && fresh.size() <= 50);
        for (StoredObject node : fresh) {
            syncTaints(node, evict);
        }
    }

    /** The first 5 s monitoring tick strictly after {@code t}. */
    private Instant tickAfter(Instant t) {
        long periods = Duration.between(epoch, t).toMillis() / MONITOR_PERIOD.toMillis() + 1;
        return epoch.plus(MONITOR_PERIOD.multipliedBy(periods));
    }

    private void markUnknown(StoredObject node) {
        if ("Unknown".equals(readyStatus(node.json()))) {
            return;
        }
        String now = Json.time(now());
        StoredObject updated = api.mutate(nodeKind, "", node.name(), n -> {
            for (JsonNode c : Json.arrayAt(n, "status", "conditions")) {
                ObjectNode cond = (ObjectNode) c;
                String type = cond.path("type").asText();
                if (!Set.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure").contains(type)) {
                    continue;
                }
                cond.put("status", "Unknown").put("lastTransitionTime", now).put("reason", "NodeStatusUnknown")
                        .put("message", "Kubelet stopped posting node status.");
            }
            return n;
        });
        events.normal(updated, COMPONENT, "NodeNotReady", "Node " + node.name() + " status is now: NodeNotReady");
        for (StoredObject pod : api.state().list("pods", null)) {
            if (node.name().equals(Pods.nodeName(pod.json())) && !Pods.isTerminal(pod.json())) {
                markPodNotReady(pod, now);
            }
        }
    }

    private void markPodNotReady(StoredObject pod, String now) {
        StoredObject updated = api.mutate(podKind, pod.namespace(), pod.name(), p -> {
            boolean changed = false;
            for (JsonNode c : Json.arrayAt(p, "status", "conditions")) {
                if ("Ready".equals(c.path("type").asText()) && !"False".equals(c.path("status").asText())) {
                    ((ObjectNode) c).put("status", "False").put("lastTransitionTime", now);
                    changed = true;
                }
            }
            return changed ? p : null;
        });
        events.warning(updated == null ? pod : updated, COMPONENT, "NodeNotReady", "Node is not ready");
    }

    /** Makes the controller-managed taints match the node's conditions and spec. */
    private void syncTaints(StoredObject node, boolean noExecuteAllowed) {
        String ready = readyStatus(node.json());
        List<String[]> wanted = new ArrayList<>();
        String condKey = "Unknown".equals(ready) ? UNREACHABLE : "False".equals(ready) ? NOT_READY : null;
        if (condKey != null) {
            wanted.add(new String[] {condKey, "NoSchedule"});
            if (noExecuteAllowed) {
                wanted.add(new String[] {condKey, "NoExecute"});
            }
        }
        if (node.json().path("spec").path("unschedulable").asBoolean(false)) {
            wanted.add(new String[] {UNSCHEDULABLE, "NoSchedule"});
        }
        String now = Json.time(now());
        api.mutate(nodeKind, "", node.name(), n -> {
            ArrayNode current = Json.arrayAt(n, "spec", "taints");
            ArrayNode next = Json.array();
            boolean changed = false;
            for (JsonNode t : current) {
                boolean managed = MANAGED.contains(t.path("key").asText());
                if (!managed || contains(wanted, t)) {
                    next.add(t);
                } else {
                    changed = true;
                }
            }
            for (String[] w : wanted) {
                if (!contains(next, w)) {
                    ObjectNode taint = next.addObject().put("key", w[0]).put("effect", w[1]);
                    if (w[1].equals("NoExecute")) {
                        taint.put("timeAdded", now);
                    }
                    changed = true;
                }
            }
            if (!changed) {
                return null;
            }
            if (next.isEmpty()) {
                Json.with(n, "spec").remove("taints");
            } else {
                Json.with(n, "spec").set("taints", next);
            }
            return n;
        });
    }

    private static boolean contains(List<String[]> wanted, JsonNode taint) {
        return wanted.stream().anyMatch(w -> w[0].equals(taint.path("key").asText()) && w[1].equals(taint.path("effect").asText()));
    }

    private static boolean contains(ArrayNode taints, String[] w) {
        for (JsonNode t : taints) {
            if (w[0].equals(t.path("key").asText()) && w[1].equals(t.path("effect").asText())) {
                return true;
            }
        }
        return false;
    }

    static String readyStatus(JsonNode node) {
        for (JsonNode c : Json.arrayAt(node, "status", "conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "Unknown";
    }
}
