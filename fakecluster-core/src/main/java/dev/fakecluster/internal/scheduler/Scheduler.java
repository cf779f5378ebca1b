package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.random.SeededRandom;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.scheduler.SchedulingAlgorithm.Decision;
import dev.fakecluster.internal.scheduler.SchedulingAlgorithm.NodeInfo;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.workload.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The default scheduler (component {@code default-scheduler}): binds each pending pod to the node
 * {@link SchedulingAlgorithm} picks, or marks it {@code PodScheduled=False} with the FitError and a
 * {@code FailedScheduling} event. Unschedulable pods are retried when nodes or bound pods change
 * (after their 1 s..10 s back-off) and at least every five minutes. Keeps a cache of nodes and the
 * pods bound to them, as the real scheduler does.
 */
public final class Scheduler extends QueueController {

    static final String NAME = "default-scheduler";
    private static final Duration BACKOFF_INITIAL = Duration.ofSeconds(1);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(10);
    private static final Duration UNSCHEDULABLE_FLUSH = Duration.ofMinutes(5);

    private final ApiServer api;
    private final EventRecorder events;
    private final SeededRandom random;
    private final KindInfo podKind;
    private final TreeMap<String, JsonNode> nodes = new TreeMap<>();
    private final Map<String, Map<String, JsonNode>> podsByNode = new HashMap<>();
    private final Map<String, String> nodeOfPod = new HashMap<>();
    private final Map<String, NodeInfo> infos = new HashMap<>();
    private List<NodeInfo> ordered;
    private final Map<String, Integer> position = new HashMap<>();
    private final Set<String> unschedulable = new LinkedHashSet<>();
    private final Map<String, Attempts> attempts = new HashMap<>();
    private int nextStartNodeIndex;

    private record Attempts(int count, Instant backoffUntil) {
    }

    public Scheduler(ApiServer api, VirtualClock clock, EventRecorder events, SeededRandom random) {
        super(clock);
        this.api = api;
        this.events = events;
        this.random = random;
        this.podKind = api.resolveKind("pods");
    }

    // ---- cache and queue ---------------------------------------------------------------------

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals("nodes")) {
            if (change.type() == Change.Type.DELETED) {
                nodes.remove(o.name());
            } else {
                nodes.put(o.name(), o.json());
            }
            infos.remove(o.name());
            ordered = null;
            if (change.previous() == null || nodeChangedForScheduling(change.previous().json(), o.json())) {
                retryUnschedulable();
            }
        } else if (o.resource().equals("pods")) {
            boolean freed = track(change);
            JsonNode pod = o.json();
            if (change.type() != Change.Type.DELETED && Pods.nodeName(pod) == null && !o.isDeleting()
                    && NAME.equals(pod.path("spec").path("schedulerName").asText(NAME))
                    && (change.previous() == null || specChanged(change.previous().json(), pod))) {
                enqueue.accept(o.key());
            }
            if (freed) {
                retryUnschedulable();
            }
        }
    }

    /** Updates the bound-pod cache; true when a node gained room (a pod left it or finished). */
    private boolean track(Change change) {
        StoredObject o = change.object();
        boolean counts = change.type() != Change.Type.DELETED && Pods.nodeName(o.json()) != null
                && !Pods.isTerminal(o.json());
        String before = nodeOfPod.get(o.key());
        place(o.key(), counts ? o.json() : null);
        return before != null && !counts;
    }

    /** Records where a pod is bound now ({@code pod} null: nowhere), refreshing the affected nodes' infos. */
    private void place(String key, JsonNode pod) {
        String before = nodeOfPod.get(key);
        String after = pod == null ? null : Pods.nodeName(pod);
        if (before != null && !before.equals(after)) {
            podsByNode.get(before).remove(key);
            nodeOfPod.remove(key);
            invalidate(before);
        }
        if (after == null) {
            return;
        }
        Map<String, JsonNode> onNode = podsByNode.computeIfAbsent(after, n -> new LinkedHashMap<>());
        JsonNode previous = onNode.put(key, pod);
        nodeOfPod.put(key, after);
        if (previous == null) {
            NodeInfo info = infos.get(after);
            Integer at = position.get(after);
            if (info != null && ordered != null && at != null) {
                NodeInfo grown = info.withPod(pod);
                infos.put(after, grown);
                ordered.set(at, grown);
            } else {
                invalidate(after);
            }
        } else if (!previous.path("metadata").path("labels").equals(pod.path("metadata").path("labels"))) {
            invalidate(after);
        }
    }

    private void invalidate(String node) {
        infos.remove(node);
        ordered = null;
    }

    private static boolean nodeChangedForScheduling(JsonNode before, JsonNode after) {
        return !before.path("spec").equals(after.path("spec"))
                || !before.path("metadata").path("labels").equals(after.path("metadata").path("labels"))
                || !before.path("status").path("allocatable").equals(after.path("status").path("allocatable"));
    }

    private static boolean specChanged(JsonNode before, JsonNode after) {
        return !before.path("spec").equals(after.path("spec"))
                || !before.path("metadata").path("labels").equals(after.path("metadata").path("labels"));
    }

    private void retryUnschedulable() {
        for (String key : unschedulable) {
            Attempts a = attempts.get(key);
            requeueAt(a == null ? now() : a.backoffUntil(), key);
        }
        unschedulable.clear();
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        for (StoredObject pod : state.list("pods", null)) {
            if (Pods.nodeName(pod.json()) == null && !pod.isDeleting()) {
                enqueue.accept(pod.key());
            }
        }
    }

    @Override
    protected void rebuild(ClusterState state) {
        nodes.clear();
        podsByNode.clear();
        nodeOfPod.clear();
        infos.clear();
        ordered = null;
        state.list("nodes", null).forEach(n -> nodes.put(n.name(), n.json()));
        for (StoredObject pod : state.list("pods", null)) {
            String node = Pods.nodeName(pod.json());
            if (node != null && !Pods.isTerminal(pod.json())) {
                podsByNode.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(pod.key(), pod.json());
                nodeOfPod.put(pod.key(), node);
            }
        }
    }

    private List<NodeInfo> nodeInfos() {
        if (ordered == null) {
            List<NodeInfo> list = new ArrayList<>(nodes.size());
            position.clear();
            for (Map.Entry<String, JsonNode> e : nodes.entrySet()) {
                position.put(e.getKey(), list.size());
                list.add(infos.computeIfAbsent(e.getKey(), n -> new NodeInfo(e.getValue(),
                        new ArrayList<>(podsByNode.getOrDefault(n, Map.of()).values()))));
            }
            ordered = list;
        }
        return ordered;
    }

    // ---- scheduling one pod ------------------------------------------------------------------

    @Override
    protected void sync(String key) {
        StoredObject pod = api.state().get(key);
        if (pod == null || Pods.nodeName(pod.json()) != null || pod.isDeleting()) {
            unschedulable.remove(key);
            attempts.remove(key);
            return;
        }
        if (!Json.arrayAt(pod.json(), "spec", "schedulingGates").isEmpty()) {
            setScheduledCondition(pod, "False", "SchedulingGated", "Scheduling is blocked due to non-empty scheduling gates");
            return;
        }
        Attempts previous = attempts.get(key);
        if (previous != null && previous.backoffUntil().isAfter(now())) {
            requeueAt(previous.backoffUntil(), key);
            return;
        }
        List<NodeInfo> candidates = nodeInfos();
        Decision decision = SchedulingAlgorithm.schedule(pod.json(), candidates, spreadSelectors(pod), random::nextInt,
                nextStartNodeIndex);
        if (!candidates.isEmpty()) {
            nextStartNodeIndex = (nextStartNodeIndex + decision.examined()) % candidates.size();
        }
        if (decision.scheduled()) {
            bind(pod, decision.nodeName());
        } else {
            fail(pod, decision.failureMessage(), previous);
        }
    }

    private void bind(StoredObject pod, String node) {
        Instant now = now();
        StoredObject bound = api.mutate(podKind, pod.namespace(), pod.name(), p -> {
            if (Pods.nodeName(p) != null) {
                return null;
            }
            Json.with(p, "spec").put("nodeName", node);
            replaceCondition(p, Json.object().put("type", "PodScheduled").put("status", "True").putNull("lastProbeTime")
                    .put("lastTransitionTime", Json.time(now)));
            return p;
        });
        attempts.remove(pod.key());
        unschedulable.remove(pod.key());
        if (bound == null || !node.equals(Pods.nodeName(bound.json()))) {
            return;
        }
        // Assume the binding at once, as the real scheduler's cache does: the next pod must see it.
        place(bound.key(), bound.json());
        events.normal(bound, NAME, "Scheduled", "Successfully assigned " + pod.namespace() + "/" + pod.name() + " to " + node);
    }

    private void fail(StoredObject pod, String message, Attempts previous) {
        int count = previous == null ? 1 : previous.count() + 1;
        Duration backoff = BACKOFF_INITIAL.multipliedBy(1L << Math.min(count - 1, 10));
        if (backoff.compareTo(BACKOFF_MAX) > 0) {
            backoff = BACKOFF_MAX;
        }
        attempts.put(pod.key(), new Attempts(count, now().plus(backoff)));
        unschedulable.add(pod.key());
        requeueAt(now().plus(UNSCHEDULABLE_FLUSH), pod.key());
        StoredObject updated = setScheduledCondition(pod, "False", "Unschedulable", message);
        events.warning(updated == null ? pod : updated, NAME, "FailedScheduling", message);
    }

    private StoredObject setScheduledCondition(StoredObject pod, String status, String reason, String message) {
        Instant now = now();
        return api.mutate(podKind, pod.namespace(), pod.name(), p -> {
            JsonNode current = Pods.condition(p, "PodScheduled");
            if (status.equals(current.path("status").asText()) && reason.equals(current.path("reason").asText())
                    && message.equals(current.path("message").asText())) {
                return null;
            }
            String since = status.equals(current.path("status").asText())
                    ? current.path("lastTransitionTime").asText(Json.time(now)) : Json.time(now);
            replaceCondition(p, Json.object().put("type", "PodScheduled").put("status", status).putNull("lastProbeTime")
                    .put("lastTransitionTime", since).put("reason", reason).put("message", message));
            return p;
        });
    }

    private static void replaceCondition(ObjectNode pod, ObjectNode condition) {
        ArrayNode conditions = Json.with(pod, "status").withArray("conditions");
        for (int i = 0; i < conditions.size(); i++) {
            if (condition.path("type").asText().equals(conditions.get(i).path("type").asText())) {
                conditions.set(i, condition);
                return;
            }
        }
        conditions.add(condition);
    }

    /** The selectors of the pod's controller and of the Services that select it (default topology spreading). */
    private List<LabelSelector> spreadSelectors(StoredObject pod) {
        List<LabelSelector> out = new ArrayList<>();
        ClusterState s = api.state();
        for (StoredObject svc : s.list("services", pod.namespace())) {
            Map<String, String> selector = Json.stringMap(svc.json(), "spec", "selector");
            if (!selector.isEmpty() && pod.labels().entrySet().containsAll(selector.entrySet())) {
                out.add(LabelSelector.fromObject(Json.object().set("matchLabels", svc.json().path("spec").path("selector"))));
            }
        }
        String ownerUid = Owners.controllerUid(pod.json());
        StoredObject owner = ownerUid == null ? null : s.byUid(ownerUid);
        if (owner != null && (owner.resource().equals("replicasets.apps") || owner.resource().equals("statefulsets.apps")
                || owner.resource().equals("replicationcontrollers"))) {
            JsonNode selector = owner.json().path("spec").path("selector");
            out.add(owner.resource().equals("replicationcontrollers")
                    ? LabelSelector.fromObject(Json.object().set("matchLabels", selector))
                    : LabelSelector.fromObject(selector));
        }
        return out;
    }
}
