package dev.fakecluster.internal.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.daemonset.Eligibility.Placement;
import dev.fakecluster.internal.daemonset.History.Revisions;
import dev.fakecluster.internal.daemonset.RollingUpdate.Plan;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.workload.PodControl;
import dev.fakecluster.internal.workload.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, pinned there by node
 * affinity for the scheduler to bind; failed pods replaced (with a back-off per node); pods of old
 * revisions replaced by the RollingUpdate rules or, with OnDelete, once the user deletes them;
 * ControllerRevisions for the history; and the status counts kubectl prints.
 */
public final class DaemonSetController extends QueueController {

    static final String COMPONENT = "daemonset-controller";
    /** Creations and deletions per sync (BurstReplicas). */
    static final int BURST = 250;

    private final ApiServer api;
    private final EventRecorder events;
    private final PodControl pods;
    private final KindInfo dsKind;
    private final History history;
    private final FailedPodBackoff failedPods = new FailedPodBackoff();

    /** A controller writing through {@code api}, recording events and creating pods through {@code pods}. */
    public DaemonSetController(ApiServer api, VirtualClock clock, EventRecorder events, PodControl pods) {
        super(clock);
        this.api = api;
        this.events = events;
        this.pods = pods;
        this.dsKind = api.resolveKind("daemonsets.apps");
        this.history = new History(api, dsKind, pods.podKind());
    }

    // ---- queueing ----------------------------------------------------------------------------

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        String resource = change.object().resource();
        if (resource.equals(dsKind.resource())) {
            enqueue.accept(change.object().key());
        } else if (resource.equals("pods") || resource.equals(history.kind().resource())) {
            queueOwners(change, enqueue);
        } else if (resource.equals("nodes")) {
            queueForNode(change, enqueue);
        }
    }

    /** The controlling DaemonSet of the object (before and after), or for an orphan every DaemonSet selecting it. */
    private void queueOwners(Change change, Consumer<String> enqueue) {
        if (change.previous() != null) {
            queueOwner(change.previous(), false, enqueue);
        }
        queueOwner(change.object(), change.type() != Change.Type.DELETED, enqueue);
    }

    private void queueOwner(StoredObject o, boolean orphanMatters, Consumer<String> enqueue) {
        StoredObject owner = owner(o);
        if (owner != null) {
            enqueue.accept(owner.key());
        } else if (orphanMatters && Owners.controllerUid(o.json()) == null && !o.isDeleting()) {
            for (StoredObject ds : api.state().list(dsKind.resource(), o.namespace())) {
                if (selector(ds).matches(o.labels())) {
                    enqueue.accept(ds.key());
                }
            }
        }
    }

    private StoredObject owner(StoredObject o) {
        return Owners.controllerOf(api.state(), o.json(), dsKind.resource());
    }

    /** DaemonSets whose verdict on the node changed (a new node: those that should run there). */
    private void queueForNode(Change change, Consumer<String> enqueue) {
        JsonNode after = change.type() == Change.Type.DELETED ? null : change.object().json();
        JsonNode before = change.type() == Change.Type.ADDED ? null
                : change.type() == Change.Type.DELETED ? change.object().json() : change.previous().json();
        for (StoredObject ds : api.state().list(dsKind.resource(), null)) {
            Eligibility rules = Eligibility.of(ds.json());
            Placement now = after == null ? Placement.NEVER : rules.on(after);
            Placement was = before == null ? Placement.NEVER : rules.on(before);
            boolean relevant = change.type() == Change.Type.ADDED ? now.shouldRun() : !now.equals(was);
            if (relevant) {
                enqueue.accept(ds.key());
            }
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(dsKind.resource(), null).forEach(ds -> enqueue.accept(ds.key()));
    }

    // ---- syncDaemonSet -----------------------------------------------------------------------

    @Override
    protected void sync(String key) {
        StoredObject ds = api.state().get(key);
        if (ds == null) {
            return;
        }
        if (selector(ds).isEverything()) {
            events.warning(ds, COMPONENT, "SelectingAll",
                    "This daemon set is selecting all pods. A non-empty selector is required.");
            return;
        }
        if (ds.isDeleting()) {
            return;
        }
        Revisions revisions = history.construct(ds, claimPods(ds));
        if (revisions == null) {
            return;
        }
        String hash = revisions.hash();
        Map<String, Placement> placements = placements(ds);
        Outcome managed = manage(ds, placements, hash);
        if (!managed.failed()) {
            if (managed.done() == 0 && isRollingUpdate(ds)) {
                rollingUpdate(ds, placements, hash);
            }
            List<StoredObject> all = podsByNode(ds, true).values().stream().flatMap(List::stream).toList();
            history.cleanup(ds, revisions.old(), all);
        }
        updateStatus(ds, placements, hash);
    }

    /** Every node's verdict, in node-name order. */
    private Map<String, Placement> placements(StoredObject ds) {
        Eligibility rules = Eligibility.of(ds.json());
        Map<String, Placement> out = new LinkedHashMap<>();
        for (StoredObject node : api.state().list("nodes", null)) {
            out.put(node.name(), rules.on(node.json()));
        }
        return out;
    }

    /** The pods this DaemonSet controls after adopting matching orphans and releasing mismatches. */
    private List<StoredObject> claimPods(StoredObject ds) {
        LabelSelector selector = selector(ds);
        ClusterState s = api.state();
        List<StoredObject> claimed = new ArrayList<>();
        for (StoredObject pod : s.dependents(ds.uid())) {
            if (!pod.resource().equals("pods") || !ds.uid().equals(Owners.controllerUid(pod.json()))) {
                continue;
            }
            if (selector.matches(pod.labels())) {
                claimed.add(pod);
            } else {
                api.mutate(pods.podKind(), pod.namespace(), pod.name(), p -> {
                    Owners.release(p, ds.uid());
                    return p;
                });
            }
        }
        for (StoredObject pod : s.list("pods", ds.namespace())) {
            if (Owners.controllerUid(pod.json()) == null && !pod.isDeleting() && selector.matches(pod.labels())) {
                StoredObject adopted = api.mutate(pods.podKind(), pod.namespace(), pod.name(), p -> {
                    Owners.adopt(p, Owners.controllerRef(ds));
                    return p;
                });
                if (adopted != null) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    /**
     * The controlled pods by the node they are for, in node-name order (getNodesToDaemonPods);
     * terminal pods already being deleted only when {@code includeDeletedTerminal}.
     */
    private SortedMap<String, List<StoredObject>> podsByNode(StoredObject ds, boolean includeDeletedTerminal) {
        SortedMap<String, List<StoredObject>> out = new TreeMap<>();
        for (StoredObject pod : claimPods(ds)) {
            if (!includeDeletedTerminal && Pods.isTerminal(pod.json()) && pod.isDeleting()) {
                continue;
            }
            String node = DaemonPods.targetNode(pod.json());
            if (node != null) {
                out.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
            }
        }
        return out;
    }

    // ---- manage --------------------------------------------------------------------------------

    /** What a round of creations and deletions achieved. */
    private record Outcome(int done, boolean failed) {
    }

    /** Creates the missing pods and deletes the ones that must go, node by node (manage). */
    private Outcome manage(StoredObject ds, Map<String, Placement> placements, String hash) {
        SortedMap<String, List<StoredObject>> byNode = podsByNode(ds, false);
        List<String> create = new ArrayList<>();
        List<StoredObject> delete = new ArrayList<>();
        boolean surge = RollingUpdate.allowsSurge(ds.json());
        placements.forEach((node, placement) -> podsShouldBeOnNode(ds, node, placement, byNode.get(node), hash, surge,
                create, delete));
        byNode.forEach((node, onNode) -> {
            if (!placements.containsKey(node)) {
                onNode.stream().filter(p -> Pods.nodeName(p.json()) == null).forEach(delete::add);
            }
        });
        return syncNodes(ds, delete, create, hash);
    }

    /** Decides one node (podsShouldBeOnNode): adds to {@code create} and {@code delete}. */
    private void podsShouldBeOnNode(StoredObject ds, String node, Placement placement, List<StoredObject> onNode,
            String hash, boolean surge, List<String> create, List<StoredObject> delete) {
        if (placement.shouldRun() && onNode == null) {
            create.add(node);
        } else if (placement.shouldContinueRunning() && onNode != null) {
            List<StoredObject> running = new ArrayList<>();
            for (StoredObject pod : onNode) {
                if (pod.isDeleting()) {
                    continue;
                }
                String phase = Pods.phase(pod.json());
                if (phase.equals("Failed")) {
                    deleteFailed(ds, node, pod, delete);
                } else if (phase.equals("Succeeded")) {
                    events.normal(ds, COMPONENT, "SucceededDaemonPod", "Found succeeded daemon pod " + pod.namespace()
                            + "/" + pod.name() + " on node " + node + ", will try to delete it");
                    delete.add(pod);
                } else {
                    running.add(pod);
                }
            }
            running.sort(DaemonPods.OLDEST_FIRST);
            if (!surge) {
                delete.addAll(running.subList(Math.min(1, running.size()), running.size()));
            } else if (running.isEmpty() && placement.shouldRun()) {
                create.add(node);
            } else if (running.size() > 1) {
                keepOldestOfEachRevision(ds, running, hash, delete);
            }
        } else if (!placement.shouldContinueRunning() && onNode != null) {
            onNode.stream().filter(p -> !p.isDeleting()).forEach(delete::add);
        }
    }

    /** A failed pod is deleted, unless this node's back-off since the last one has not passed yet. */
    private void deleteFailed(StoredObject ds, String node, StoredObject pod, List<StoredObject> delete) {
        String backoffKey = ds.uid() + "/" + ds.json().path("status").path("observedGeneration").asLong(0) + "/" + node;
        Instant now = now();
        if (failedPods.inBackoff(backoffKey, now)) {
            requeueAt(now.plus(failedPods.delay(backoffKey)), ds.key());
            return;
        }
        failedPods.next(backoffKey, now);
        events.warning(ds, COMPONENT, "FailedDaemonPod", "Found failed daemon pod " + pod.namespace() + "/" + pod.name()
                + " on node " + node + ", will try to kill it");
        delete.add(pod);
    }

    /**
     * While surging a node keeps the oldest new pod and the oldest old one, and drops the old one
     * when it is not ready or the new one is available; every other pod goes.
     */
    private void keepOldestOfEachRevision(StoredObject ds, List<StoredObject> running, String hash,
            List<StoredObject> delete) {
        StoredObject oldestNew = null;
        StoredObject oldestOld = null;
        for (StoredObject pod : running) {
            boolean isNew = hash.equals(pod.labels().get(DaemonPods.REVISION_HASH));
            if (isNew && oldestNew == null) {
                oldestNew = pod;
            } else if (!isNew && oldestOld == null) {
                oldestOld = pod;
            } else {
                delete.add(pod);
            }
        }
        if (oldestNew != null && oldestOld != null && (!Pods.isReady(oldestOld.json())
                || Pods.isAvailable(oldestNew.json(), minReadySeconds(ds), now()))) {
            delete.add(oldestOld);
        }
    }

    /**
     * Creates pods on {@code create} in slow-start batches (1, 2, 4, ...; a batch with a failure ends
     * the round) and deletes {@code delete}, at most {@link #BURST} of each (syncNodes).
     */
    private Outcome syncNodes(StoredObject ds, List<StoredObject> delete, List<String> create, String hash) {
        int creates = Math.min(create.size(), BURST);
        int deletes = Math.min(delete.size(), BURST);
        ObjectNode template = DaemonPods.podTemplate(ds.json().path("spec").path("template"),
                DaemonPods.templateGeneration(ds.json()), hash);
        int done = 0;
        boolean failed = false;
        int batch = Math.min(creates, 1);
        for (int pos = 0; pos < creates; ) {
            boolean batchFailed = false;
            for (int i = pos; i < pos + batch; i++) {
                ObjectNode pod = PodControl.fromTemplate(ds, template);
                DaemonPods.pinToNode(Json.with(pod, "spec"), create.get(i));
                if (pods.create(ds, pod, COMPONENT) == null) {
                    batchFailed = true;
                } else {
                    done++;
                }
            }
            failed |= batchFailed;
            int next = Math.min(2 * batch, creates - (pos + batch));
            pos += batch;
            batch = next;
            if (batchFailed) {
                break;
            }
        }
        for (StoredObject pod : delete.subList(0, deletes)) {
            pods.delete(ds, pod, COMPONENT);
            done++;
        }
        return new Outcome(done, failed);
    }

    // ---- rolling update ------------------------------------------------------------------------

    private void rollingUpdate(StoredObject ds, Map<String, Placement> placements, String hash) {
        SortedMap<String, List<StoredObject>> byNode = podsByNode(ds, false);
        placements.forEach((node, placement) -> {
            if (placement.shouldRun()) {
                byNode.putIfAbsent(node, List.of());
            }
        });
        Plan plan = RollingUpdate.plan(ds.json(), byNode, placements, hash, now());
        syncNodes(ds, plan.delete(), plan.create(), hash);
    }

    // ---- status --------------------------------------------------------------------------------

    /** Counts the nodes by the oldest pod on each and writes the status (updateDaemonSetStatus). */
    private void updateStatus(StoredObject ds, Map<String, Placement> placements, String hash) {
        SortedMap<String, List<StoredObject>> byNode = podsByNode(ds, false);
        long minReady = minReadySeconds(ds);
        Instant now = now();
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int updated = 0;
        int available = 0;
        for (Map.Entry<String, Placement> e : placements.entrySet()) {
            List<StoredObject> onNode = byNode.getOrDefault(e.getKey(), List.of());
            if (!e.getValue().shouldRun()) {
                misscheduled += onNode.isEmpty() ? 0 : 1;
                continue;
            }
            desired++;
            if (onNode.isEmpty()) {
                continue;
            }
            current++;
            JsonNode pod = onNode.stream().min(DaemonPods.OLDEST_FIRST).orElseThrow().json();
            if (Pods.isReady(pod)) {
                ready++;
                available += Pods.isAvailable(pod, minReady, now) ? 1 : 0;
            }
            updated += DaemonPods.isUpdated(pod, hash) ? 1 : 0;
        }
        StatusCounts counts = new StatusCounts(current, misscheduled, desired, ready, updated, available);
        long generation = ds.json().path("metadata").path("generation").asLong(1);
        if (!counts.isRecordedIn(ds.json().path("status"), generation)) {
            api.mutate(dsKind, ds.namespace(), ds.name(), o -> {
                o.set("status", counts.toStatus(o.path("status"), generation));
                return o;
            });
        }
        Instant next = nextAvailable(byNode, minReady, now);
        if (minReady > 0 && ready != available) {
            Instant recheck = now.plusSeconds(minReady);
            next = next == null || recheck.isBefore(next) ? recheck : next;
        }
        if (next != null) {
            requeueAt(next, ds.key());
        }
    }

    /**
     * When the first ready pod that is not available yet should be looked at again: a second after
     * its minReadySeconds have passed, as the pod update that made it ready asks for; null when none waits.
     */
    private static Instant nextAvailable(SortedMap<String, List<StoredObject>> byNode, long minReady, Instant now) {
        Instant next = null;
        for (List<StoredObject> onNode : byNode.values()) {
            for (StoredObject pod : onNode) {
                Instant since = Pods.readySince(pod.json());
                if (since != null && !pod.isDeleting() && !Pods.isAvailable(pod.json(), minReady, now)) {
                    Instant at = since.plusSeconds(minReady + 1);
                    next = next == null || at.isBefore(next) ? at : next;
                }
            }
        }
        return next;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static LabelSelector selector(StoredObject ds) {
        return LabelSelector.fromObject(ds.json().path("spec").path("selector"));
    }

    private static long minReadySeconds(StoredObject ds) {
        return ds.json().path("spec").path("minReadySeconds").asLong(0);
    }

    private static boolean isRollingUpdate(StoredObject ds) {
        return "RollingUpdate".equals(ds.json().path("spec").path("updateStrategy").path("type").asText());
    }
}
