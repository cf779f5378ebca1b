package dev.fakecluster.internal.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps {@code spec.replicas} active pods,
 * adopting matching orphans and releasing pods whose labels stopped matching, and reports
 * replicas, ready and available counts in the status.
 */
public final class ReplicaSetController extends QueueController {

    static final String COMPONENT = "replicaset-controller";
    /** Creations per sync (burstReplicas). */
    static final int BURST = 500;

    private final ApiServer api;
    private final PodControl pods;
    private final KindInfo rsKind;
    private final Map<String, Set<String>> orphansByNamespace = new HashMap<>();

    public ReplicaSetController(ApiServer api, VirtualClock clock, PodControl pods) {
        super(clock);
        this.api = api;
        this.pods = pods;
        this.rsKind = api.resolveKind("replicasets.apps");
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals(rsKind.resource())) {
            enqueue.accept(o.key());
        } else if (o.resource().equals("pods")) {
            trackOrphan(change);
            queueOwner(o, enqueue);
            if (change.previous() != null) {
                queueOwner(change.previous(), enqueue);
            }
        }
    }

    /** Tracks pods without a controller, the only ones a ReplicaSet may adopt. */
    private void trackOrphan(Change change) {
        StoredObject pod = change.object();
        Set<String> orphans = orphansByNamespace.computeIfAbsent(pod.namespace(), n -> new LinkedHashSet<>());
        if (change.type() != Change.Type.DELETED && !pod.isDeleting() && isOrphan(pod)) {
            orphans.add(pod.key());
        } else {
            orphans.remove(pod.key());
        }
    }

    private static boolean isOrphan(StoredObject pod) {
        return pod.ownerUids().isEmpty() || Owners.controllerUid(pod.json()) == null;
    }

    private void queueOwner(StoredObject pod, Consumer<String> enqueue) {
        ClusterState s = api.state();
        if (Owners.controllerUid(pod.json()) != null) {
            StoredObject owner = Owners.controllerOf(s, pod.json(), rsKind.resource());
            if (owner != null) {
                enqueue.accept(owner.key());
            }
            return;
        }
        if (pod.isDeleting()) {
            return;
        }
        for (StoredObject rs : s.list(rsKind.resource(), pod.namespace())) {
            if (LabelSelector.fromObject(rs.json().path("spec").path("selector")).matches(pod.labels())) {
                enqueue.accept(rs.key());
            }
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(rsKind.resource(), null).forEach(rs -> enqueue.accept(rs.key()));
    }

    @Override
    protected void rebuild(ClusterState state) {
        orphansByNamespace.clear();
        for (StoredObject pod : state.list("pods", null)) {
            if (!pod.isDeleting() && isOrphan(pod)) {
                orphansByNamespace.computeIfAbsent(pod.namespace(), n -> new LinkedHashSet<>()).add(pod.key());
            }
        }
    }

    @Override
    protected void sync(String key) {
        StoredObject rs = api.state().get(key);
        if (rs == null) {
            return;
        }
        List<StoredObject> owned = claimPods(rs);
        List<StoredObject> active = owned.stream().filter(p -> Pods.isActive(p.json())).toList();
        if (!rs.isDeleting()) {
            manageReplicas(rs, active);
        }
        rs = api.state().get(key);
        if (rs != null) {
            updateStatus(rs);
        }
    }

    /** The pods this ReplicaSet controls after adopting matching orphans and releasing mismatches. */
    private List<StoredObject> claimPods(StoredObject rs) {
        LabelSelector selector = LabelSelector.fromObject(rs.json().path("spec").path("selector"));
        ClusterState s = api.state();
        List<StoredObject> claimed = new ArrayList<>();
        for (StoredObject pod : s.dependents(rs.uid())) {
            if (!pod.resource().equals("pods") || !rs.uid().equals(Owners.controllerUid(pod.json()))) {
                continue;
            }
            if (selector.matches(pod.labels()) || pod.isDeleting()) {
                claimed.add(pod);
            } else {
                api.mutate(pods.podKind(), pod.namespace(), pod.name(), p -> {
                    Owners.release(p, rs.uid());
                    return p;
                });
            }
        }
        if (rs.isDeleting() || selector.isEverything()) {
            return claimed;
        }
        for (String key : List.copyOf(orphansByNamespace.getOrDefault(rs.namespace(), Set.of()))) {
            StoredObject pod = s.get(key);
            if (pod != null && isOrphan(pod) && !pod.isDeleting() && selector.matches(pod.labels())) {
                StoredObject adopted = api.mutate(pods.podKind(), pod.namespace(), pod.name(), p -> {
                    if (Owners.controllerUid(p) != null) {
                        return null;
                    }
                    Owners.adopt(p, Owners.controllerRef(rs));
                    return p;
                });
                if (adopted != null && rs.uid().equals(Owners.controllerUid(adopted.json()))) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    private void manageReplicas(StoredObject rs, List<StoredObject> active) {
        int want = rs.json().path("spec").path("replicas").asInt(1);
        int diff = active.size() - want;
        if (diff < 0) {
            JsonNode template = rs.json().path("spec").path("template");
            int create = Math.min(-diff, BURST);
            for (int i = 0; i < create; i++) {
                if (pods.create(rs, PodControl.fromTemplate(rs, template), COMPONENT) == null) {
                    break;
                }
            }
            if (-diff > BURST) {
                enqueue(rs.key());
            }
        } else if (diff > 0) {
            for (StoredObject victim : DeletionRanking.victims(active, relatedPods(rs), diff, now())) {
                pods.delete(rs, victim, COMPONENT);
            }
        }
    }

    /** Active pods of every ReplicaSet that shares this one's controller (a Deployment's family). */
    private List<StoredObject> relatedPods(StoredObject rs) {
        ClusterState s = api.state();
        String ownerUid = Owners.controllerUid(rs.json());
        List<StoredObject> siblings = ownerUid == null ? List.of(rs)
                : s.dependents(ownerUid).stream().filter(o -> o.resource().equals(rsKind.resource())).toList();
        List<StoredObject> out = new ArrayList<>();
        for (StoredObject sibling : siblings) {
            for (StoredObject p : s.dependents(sibling.uid())) {
                if (p.resource().equals("pods") && Pods.isActive(p.json())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private void updateStatus(StoredObject rs) {
        long minReady = rs.json().path("spec").path("minReadySeconds").asLong(0);
        Instant now = now();
        var templateLabels = Json.stringMap(rs.json(), "spec", "template", "metadata", "labels");
        int replicas = 0;
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        Instant nextAvailable = null;
        for (StoredObject pod : api.state().dependents(rs.uid())) {
            JsonNode p = pod.json();
            if (!pod.resource().equals("pods") || !rs.uid().equals(Owners.controllerUid(p)) || !Pods.isActive(p)) {
                continue;
            }
            replicas++;
            if (pod.labels().entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (Pods.isReady(p)) {
                ready++;
                if (Pods.isAvailable(p, minReady, now)) {
                    available++;
                } else {
                    Instant at = Pods.availableAt(p, minReady);
                    if (at != null && (nextAvailable == null || at.isBefore(nextAvailable))) {
                        nextAvailable = at;
                    }
                }
            }
        }
        if (nextAvailable != null) {
            requeueAt(nextAvailable, rs.key());
        }
        long generation = rs.json().path("metadata").path("generation").asLong(1);
        int r = replicas;
        int f = fullyLabeled;
        int rd = ready;
        int av = available;
        api.mutate(rsKind, rs.namespace(), rs.name(), o -> {
            ObjectNode status = Json.object();
            status.put("replicas", r);
            if (f > 0) {
                status.put("fullyLabeledReplicas", f);
            }
            if (rd > 0) {
                status.put("readyReplicas", rd);
            }
            if (av > 0) {
                status.put("availableReplicas", av);
            }
            status.put("observedGeneration", generation);
            JsonNode conditions = o.path("status").path("conditions");
            if (conditions.isArray() && !conditions.isEmpty()) {
                status.set("conditions", conditions);
            }
            o.set("status", status);
            return o;
        });
    }
}
