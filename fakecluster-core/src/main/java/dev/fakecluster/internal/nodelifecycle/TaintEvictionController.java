package dev.fakecluster.internal.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.scheduler.Tolerations;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The taint eviction controller (pkg/controller/tainteviction): pods on a node with NoExecute
 * taints are deleted at once when they do not tolerate one, after the shortest
 * {@code tolerationSeconds} counted from the taint's {@code timeAdded} when they tolerate them for a
 * while, and never when they tolerate them forever. Keyed by node.
 */
public final class TaintEvictionController extends QueueController {

    static final String COMPONENT = "taint-eviction-controller";

    private final ApiServer api;
    private final EventRecorder events;
    private final KindInfo podKind;
    /** Pods with an eviction pending, so that a taint removed in time is reported as cancelled. */
    private final Set<String> pending = new HashSet<>();
    /** Bound, not deleted pods per node. */
    private final Map<String, Set<String>> podsByNode = new HashMap<>();

    public TaintEvictionController(ApiServer api, VirtualClock clock, EventRecorder events) {
        super(clock);
        this.api = api;
        this.events = events;
        this.podKind = api.resolveKind("pods");
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals("nodes") && change.type() != Change.Type.DELETED) {
            if (change.previous() == null || !change.previous().json().path("spec").path("taints")
                    .equals(o.json().path("spec").path("taints"))) {
                enqueue.accept(o.name());
            }
        } else if (o.resource().equals("pods")) {
            String node = Pods.nodeName(o.json());
            if (node == null) {
                return;
            }
            if (change.type() == Change.Type.DELETED || o.isDeleting()) {
                podsByNode.getOrDefault(node, Set.of()).remove(o.key());
                return;
            }
            boolean added = podsByNode.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(o.key());
            if (added && hasNoExecuteTaint(node)) {
                enqueue.accept(node);
            }
        }
    }

    private boolean hasNoExecuteTaint(String node) {
        StoredObject n = api.state().get(StoredObject.key("nodes", "", node));
        if (n == null) {
            return false;
        }
        for (JsonNode t : Json.arrayAt(n.json(), "spec", "taints")) {
            if ("NoExecute".equals(t.path("effect").asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list("nodes", null).forEach(n -> enqueue.accept(n.name()));
    }

    @Override
    protected void rebuild(ClusterState state) {
        podsByNode.clear();
        for (StoredObject pod : state.list("pods", null)) {
            String node = Pods.nodeName(pod.json());
            if (node != null && !pod.isDeleting()) {
                podsByNode.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(pod.key());
            }
        }
    }

    @Override
    protected void sync(String nodeName) {
        StoredObject node = api.state().get(StoredObject.key("nodes", "", nodeName));
        ArrayNode noExecute = Json.array();
        if (node != null) {
            for (JsonNode t : Json.arrayAt(node.json(), "spec", "taints")) {
                if ("NoExecute".equals(t.path("effect").asText())) {
                    noExecute.add(t);
                }
            }
        }
        Instant now = now();
        Instant next = null;
        for (String key : List.copyOf(podsByNode.getOrDefault(nodeName, Set.of()))) {
            StoredObject pod = api.state().get(key);
            if (pod == null || !nodeName.equals(Pods.nodeName(pod.json())) || pod.isDeleting()
                    || Pods.isTerminal(pod.json())) {
                continue;
            }
            Instant evictAt = noExecute.isEmpty() ? null : evictionTime(pod.json(), noExecute);
            if (evictAt == null) {
                if (pending.remove(pod.key())) {
                    events.normal(pod, COMPONENT, "TaintManagerEviction",
                            "Cancelling deletion of Pod " + pod.namespace() + "/" + pod.name());
                }
                continue;
            }
            if (evictAt.isAfter(now)) {
                pending.add(pod.key());
                next = next == null || evictAt.isBefore(next) ? evictAt : next;
                continue;
            }
            pending.remove(pod.key());
            evict(pod);
        }
        if (next != null) {
            requeueAt(next, nodeName);
        }
    }

    /** When the pod must go: now for an untolerated taint, null when tolerated forever. */
    private static Instant evictionTime(JsonNode pod, ArrayNode taints) {
        JsonNode tolerations = pod.path("spec").path("tolerations");
        Instant at = null;
        for (JsonNode taint : taints) {
            Long seconds = null;
            boolean tolerated = false;
            for (JsonNode t : tolerations) {
                if (Tolerations.tolerates(Json.array().add(t), taint)) {
                    tolerated = true;
                    if (t.hasNonNull("tolerationSeconds")) {
                        long s = Math.max(0, t.get("tolerationSeconds").asLong());
                        seconds = seconds == null ? s : Math.min(seconds, s);
                    } else if (seconds == null) {
                        seconds = Long.MAX_VALUE;
                    }
                }
            }
            if (!tolerated) {
                return Instant.MIN;
            }
            if (seconds != Long.MAX_VALUE) {
                String added = taint.path("timeAdded").asText(null);
                Instant base = added == null ? Instant.MIN : Instant.parse(added);
                Instant due = base == Instant.MIN ? Instant.MIN : base.plusSeconds(seconds);
                at = at == null || due.isBefore(at) ? due : at;
            }
        }
        return at;
    }

    private void evict(StoredObject pod) {
        String now = Json.time(now());
        api.mutate(podKind, pod.namespace(), pod.name(), p -> {
            ArrayNode conditions = Json.with(p, "status").withArray("conditions");
            for (int i = conditions.size() - 1; i >= 0; i--) {
                if ("DisruptionTarget".equals(conditions.get(i).path("type").asText())) {
                    conditions.remove(i);
                }
            }
            conditions.addObject().put("type", "DisruptionTarget").put("status", "True")
                    .putNull("lastProbeTime").put("lastTransitionTime", now).put("reason", "DeletionByTaintManager")
                    .put("message", "Taint manager: deleting due to NoExecute taint");
            return p;
        });
        events.normal(pod, COMPONENT, "TaintManagerEviction", "Marking for deletion Pod " + pod.namespace() + "/" + pod.name());
        try {
            api.delete(podKind, pod.namespace(), pod.name(), DeleteOptions.defaults());
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }
}
