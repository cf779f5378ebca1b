package dev.fakecluster.internal.deployment;

import static dev.fakecluster.internal.deployment.ReplicaSets.BY_AGE;
import static dev.fakecluster.internal.deployment.ReplicaSets.DESIRED_REPLICAS;
import static dev.fakecluster.internal.deployment.ReplicaSets.MAX_REPLICAS;
import static dev.fakecluster.internal.deployment.ReplicaSets.REVISION;
import static dev.fakecluster.internal.deployment.ReplicaSets.REVISION_HISTORY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.workload.PodTemplateHash;
import dev.fakecluster.internal.workload.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Deployment controller (pkg/controller/deployment): finds or creates the ReplicaSet for the
 * current pod template, moves replicas between ReplicaSets by the rolling-update or recreate
 * rules, scales proportionally, keeps revisions and history, and reports status and conditions.
 * Each method mirrors the upstream function of the same name.
 */
public final class DeploymentController extends QueueController {

    static final String COMPONENT = "deployment-controller";
    private static final int MAX_INT32 = Integer.MAX_VALUE;

    private final ApiServer api;
    private final EventRecorder events;
    private final KindInfo deploymentKind;
    private final KindInfo rsKind;

    public DeploymentController(ApiServer api, VirtualClock clock, EventRecorder events) {
        super(clock);
        this.api = api;
        this.events = events;
        this.deploymentKind = api.resolveKind("deployments.apps");
        this.rsKind = api.resolveKind("replicasets.apps");
    }

    // ---- queueing --------------------------------------------------------------------------

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        if (o.resource().equals(deploymentKind.resource())) {
            enqueue.accept(o.key());
        } else if (o.resource().equals(rsKind.resource())) {
            queueOwner(o, enqueue);
            if (change.previous() != null) {
                queueOwner(change.previous(), enqueue);
            }
        } else if (o.resource().equals("pods") && change.type() == Change.Type.DELETED) {
            // Recreate waits for old pods to be gone.
            ClusterState s = api.state();
            StoredObject rs = Owners.controllerOf(s, o.json(), rsKind.resource());
            StoredObject d = rs == null ? null : Owners.controllerOf(s, rs.json(), deploymentKind.resource());
            if (d != null && !Fenceposts.isRollingUpdate(d.json())) {
                enqueue.accept(d.key());
            }
        }
    }

    private void queueOwner(StoredObject rs, Consumer<String> enqueue) {
        ClusterState s = api.state();
        if (Owners.controllerUid(rs.json()) != null) {
            StoredObject d = Owners.controllerOf(s, rs.json(), deploymentKind.resource());
            if (d != null) {
                enqueue.accept(d.key());
            }
            return;
        }
        for (StoredObject d : s.list(deploymentKind.resource(), rs.namespace())) {
            if (selector(d.json()).matches(rs.labels())) {
                enqueue.accept(d.key());
            }
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list(deploymentKind.resource(), null).forEach(d -> enqueue.accept(d.key()));
    }

    // ---- syncDeployment --------------------------------------------------------------------

    /** One deployment being synced: its working copy and its ReplicaSets. */
    private final class Sync {
        ObjectNode d;
        final int replicas;
        final Fenceposts fenceposts;

        Sync(StoredObject stored) {
            this.d = stored.mutableCopy();
            this.replicas = d.path("spec").path("replicas").asInt(1);
            this.fenceposts = Fenceposts.of(d);
        }

        String name() {
            return Json.text(d, "metadata", "name");
        }

        String namespace() {
            return Json.text(d, "metadata", "namespace");
        }

        StoredObject stored() {
            return api.state().get(StoredObject.key(deploymentKind.resource(), namespace(), name()));
        }

        ObjectNode status() {
            return Json.with(d, "status");
        }
    }

    @Override
    protected void sync(String key) {
        StoredObject stored = api.state().get(key);
        if (stored == null) {
            return;
        }
        Sync s = new Sync(stored);
        if (LabelSelector.fromObject(s.d.path("spec").path("selector")).isEverything()) {
            events.warning(stored, COMPONENT, "SelectingAll",
                    "This deployment is selecting all pods. A non-empty selector is required.");
            return;
        }
        List<StoredObject> rsList = claimReplicaSets(stored);
        if (stored.isDeleting()) {
            syncStatusOnly(s, rsList);
            return;
        }
        checkPausedConditions(s);
        if (s.d.path("spec").path("paused").asBoolean(false)) {
            syncScale(s, rsList);
            return;
        }
        if (isScalingEvent(s, rsList)) {
            syncScale(s, rsList);
            return;
        }
        if (Fenceposts.isRollingUpdate(s.d)) {
            rolloutRolling(s, rsList);
        } else {
            rolloutRecreate(s, rsList);
        }
    }

    /** The ReplicaSets this Deployment controls, adopting matching orphans and releasing mismatches. */
    private List<StoredObject> claimReplicaSets(StoredObject d) {
        LabelSelector selector = selector(d.json());
        ClusterState state = api.state();
        List<StoredObject> out = new ArrayList<>();
        for (StoredObject rs : state.list(rsKind.resource(), d.namespace())) {
            String owner = Owners.controllerUid(rs.json());
            if (d.uid().equals(owner)) {
                if (selector.matches(rs.labels())) {
                    out.add(rs);
                } else {
                    api.mutate(rsKind, rs.namespace(), rs.name(), o -> {
                        Owners.release(o, d.uid());
                        return o;
                    });
                }
            } else if (owner == null && !d.isDeleting() && !rs.isDeleting() && selector.matches(rs.labels())) {
                StoredObject adopted = api.mutate(rsKind, rs.namespace(), rs.name(), o -> {
                    Owners.adopt(o, Owners.controllerRef(d));
                    return o;
                });
                if (adopted != null) {
                    out.add(adopted);
                }
            }
        }
        return out;
    }

    private void checkPausedConditions(Sync s) {
        if (!hasProgressDeadline(s.d)) {
            return;
        }
        JsonNode cond = condition(s.status(), "Progressing");
        if (cond != null && "ProgressDeadlineExceeded".equals(cond.path("reason").asText())) {
            return;
        }
        boolean pausedCondExists = cond != null && "DeploymentPaused".equals(cond.path("reason").asText());
        boolean paused = s.d.path("spec").path("paused").asBoolean(false);
        if (paused && !pausedCondExists) {
            setCondition(s.status(), newCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused"));
        } else if (!paused && pausedCondExists) {
            setCondition(s.status(), newCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed"));
        } else {
            return;
        }
        writeStatus(s, s.status().deepCopy());
    }

    private boolean isScalingEvent(Sync s, List<StoredObject> rsList) {
        Split split = getAllReplicaSetsAndSyncRevision(s, rsList, false);
        for (StoredObject rs : ReplicaSets.active(split.all())) {
            Integer desired = ReplicaSets.intAnnotation(rs, DESIRED_REPLICAS);
            if (desired != null && desired != s.replicas) {
                return true;
            }
        }
        return false;
    }

    // ---- new and old ReplicaSets, revisions ----------------------------------------------

    /** The ReplicaSet for the current template (null when none yet) and all the others. */
    private record Split(StoredObject newRs, List<StoredObject> old) {
        List<StoredObject> all() {
            List<StoredObject> all = new ArrayList<>(old);
            if (newRs != null) {
                all.add(newRs);
            }
            return all;
        }
    }

    private Split getAllReplicaSetsAndSyncRevision(Sync s, List<StoredObject> rsList, boolean create) {
        StoredObject existing = findNewReplicaSet(s.d, rsList);
        List<StoredObject> old = new ArrayList<>();
        for (StoredObject rs : rsList) {
            if (existing == null || !rs.uid().equals(existing.uid())) {
                old.add(rs);
            }
        }
        StoredObject newRs = getNewReplicaSet(s, existing, old, create);
        return new Split(newRs, old);
    }

    /** The oldest ReplicaSet whose template equals the Deployment's, ignoring the hash label. */
    private static StoredObject findNewReplicaSet(JsonNode d, List<StoredObject> rsList) {
        JsonNode template = d.path("spec").path("template");
        return rsList.stream().sorted(BY_AGE)
                .filter(rs -> PodTemplateHash.equalIgnoringHash(ReplicaSets.template(rs), template))
                .findFirst().orElse(null);
    }

    private StoredObject getNewReplicaSet(Sync s, StoredObject existing, List<StoredObject> old, boolean create) {
        long maxOldRevision = old.stream().mapToLong(ReplicaSets::revision).max().orElse(0);
        String newRevision = Long.toString(maxOldRevision + 1);
        if (existing != null) {
            int minReady = s.d.path("spec").path("minReadySeconds").asInt(0);
            StoredObject rs = api.mutate(rsKind, existing.namespace(), existing.name(), o -> {
                boolean changed = setNewReplicaSetAnnotations(s, o, newRevision, true);
                if (o.path("spec").path("minReadySeconds").asInt(0) != minReady) {
                    Json.with(o, "spec").put("minReadySeconds", minReady);
                    changed = true;
                }
                return changed ? o : null;
            });
            if (rs == null) {
                return null;
            }
            boolean needsUpdate = setDeploymentRevision(s, Json.text(rs.json(), "metadata", "annotations", REVISION));
            if (hasProgressDeadline(s.d) && condition(s.status(), "Progressing") == null) {
                setCondition(s.status(), newCondition("Progressing", "True", "FoundNewReplicaSet",
                        "Found new replica set \"" + rs.name() + "\""));
                needsUpdate = true;
            }
            if (needsUpdate) {
                writeDeployment(s);
            }
            return rs;
        }
        if (!create) {
            return null;
        }
        return createNewReplicaSet(s, old, newRevision);
    }

    private StoredObject createNewReplicaSet(Sync s, List<StoredObject> old, String newRevision) {
        JsonNode status = s.status();
        Integer collisionCount = status.has("collisionCount") ? status.get("collisionCount").asInt() : null;
        ObjectNode template = s.d.path("spec").path("template").deepCopy();
        String hash = PodTemplateHash.compute(template, collisionCount);
        Json.with(template, "metadata", "labels").put(PodTemplateHash.LABEL, hash);
        ObjectNode selector = s.d.path("spec").path("selector").deepCopy();
        Json.with(selector, "matchLabels").put(PodTemplateHash.LABEL, hash);
        StoredObject owner = s.stored();
        ObjectNode rs = Json.object().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata");
        meta.put("name", s.name() + "-" + hash).put("namespace", s.namespace());
        meta.set("labels", template.path("metadata").path("labels").deepCopy());
        meta.putArray("ownerReferences").add(Owners.controllerRef(owner));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", 0);
        spec.put("minReadySeconds", s.d.path("spec").path("minReadySeconds").asInt(0));
        spec.set("selector", selector);
        spec.set("template", template);
        List<StoredObject> all = new ArrayList<>(old);
        int newReplicas = newRSNewReplicas(s, all, 0);
        spec.put("replicas", newReplicas);
        setNewReplicaSetAnnotations(s, rs, newRevision, false);
        StoredObject created;
        try {
            created = api.create(rs, s.namespace(), false);
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                setCondition(s.status(), newCondition("Progressing", "False", "ReplicaSetCreateError",
                        "Failed to create new replica set \"" + meta.path("name").asText() + "\": " + e.getMessage()));
                writeStatus(s, s.status().deepCopy());
                events.warning(owner, COMPONENT, "FailedCreate", "Failed to create new replica set \""
                        + meta.path("name").asText() + "\": " + e.getMessage());
                return null;
            }
            StoredObject clash = api.state().get(StoredObject.key(rsKind.resource(), s.namespace(), meta.path("name").asText()));
            if (clash != null && owner.uid().equals(Owners.controllerUid(clash.json()))
                    && PodTemplateHash.equalIgnoringHash(s.d.path("spec").path("template"), ReplicaSets.template(clash))) {
                return clash;
            }
            // A hash collision: count it, and the next sync computes another name.
            s.status().put("collisionCount", collisionCount == null ? 1 : collisionCount + 1);
            writeStatus(s, s.status().deepCopy());
            enqueue(owner.key());
            return null;
        }
        if (newReplicas > 0) {
            events.normal(owner, COMPONENT, "ScalingReplicaSet",
                    "Scaled up replica set " + created.name() + " to " + newReplicas);
        }
        setDeploymentRevision(s, newRevision);
        if (hasProgressDeadline(s.d)) {
            setCondition(s.status(), newCondition("Progressing", "True", "NewReplicaSetCreated",
                    "Created new replica set \"" + created.name() + "\""));
        }
        writeDeployment(s);
        return created;
    }

    /** Copies annotations, raises the revision (keeping the old one in the history) and sets the replica annotations on creation. */
    private boolean setNewReplicaSetAnnotations(Sync s, ObjectNode rs, String newRevision, boolean exists) {
        ObjectNode annotations = Json.with(rs, "metadata", "annotations");
        boolean changed = false;
        for (Map.Entry<String, String> e : Json.stringMap(s.d, "metadata", "annotations").entrySet()) {
            if (!ReplicaSets.skipCopy(e.getKey()) && !e.getValue().equals(annotations.path(e.getKey()).asText(null))) {
                annotations.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        String oldRevision = annotations.path(REVISION).asText(null);
        long oldRev = ReplicaSets.parse(oldRevision);
        long newRev = Long.parseLong(newRevision);
        if (oldRev < newRev) {
            annotations.put(REVISION, newRevision);
            changed = true;
            if (oldRevision != null) {
                String history = annotations.path(REVISION_HISTORY).asText("");
                annotations.put(REVISION_HISTORY, history.isEmpty() ? oldRevision : history + "," + oldRevision);
            }
        }
        if (!exists && setReplicasAnnotations(rs, s.replicas, s.replicas + s.fenceposts.maxSurge())) {
            changed = true;
        }
        if (annotations.isEmpty()) {
            Json.with(rs, "metadata").remove("annotations");
        }
        return changed;
    }

    private static boolean setReplicasAnnotations(ObjectNode rs, int desired, int max) {
        ObjectNode annotations = Json.with(rs, "metadata", "annotations");
        String d = Integer.toString(desired);
        String m = Integer.toString(max);
        if (d.equals(annotations.path(DESIRED_REPLICAS).asText(null)) && m.equals(annotations.path(MAX_REPLICAS).asText(null))) {
            return false;
        }
        annotations.put(DESIRED_REPLICAS, d);
        annotations.put(MAX_REPLICAS, m);
        return true;
    }

    private static boolean setDeploymentRevision(Sync s, String revision) {
        if (revision == null) {
            return false;
        }
        ObjectNode annotations = Json.with(s.d, "metadata", "annotations");
        if (revision.equals(annotations.path(REVISION).asText(null))) {
            return false;
        }
        annotations.put(REVISION, revision);
        return true;
    }

    /** NewRSNewReplicas: how large the new ReplicaSet may grow now. */
    private int newRSNewReplicas(Sync s, List<StoredObject> all, int newRsReplicas) {
        if (!Fenceposts.isRollingUpdate(s.d)) {
            return s.replicas;
        }
        int current = ReplicaSets.sumReplicas(all);
        int maxTotal = s.replicas + s.fenceposts.maxSurge();
        if (current >= maxTotal) {
            return newRsReplicas;
        }
        int up = Math.min(maxTotal - current, s.replicas - newRsReplicas);
        return newRsReplicas + up;
    }

    // ---- rolling update ----------------------------------------------------------------------

    private void rolloutRolling(Sync s, List<StoredObject> rsList) {
        Split split = getAllReplicaSetsAndSyncRevision(s, rsList, true);
        if (split.newRs() == null) {
            return;
        }
        List<StoredObject> all = split.all();
        StoredObject newRs = split.newRs();
        StoredObject scaled = reconcileNewReplicaSet(s, all, newRs);
        if (scaled != null) {
            syncRolloutStatus(s, replace(all, scaled), scaled);
            return;
        }
        List<StoredObject> after = reconcileOldReplicaSets(s, all, ReplicaSets.active(split.old()), newRs);
        if (after != null) {
            syncRolloutStatus(s, after, newRs);
            return;
        }
        if (deploymentComplete(s, s.status())) {
            cleanupDeployment(s, split.old());
        }
        syncRolloutStatus(s, all, newRs);
    }

    /** Scales the new ReplicaSet towards the desired count within the surge; the scaled set, or null when unchanged. */
    private StoredObject reconcileNewReplicaSet(Sync s, List<StoredObject> all, StoredObject newRs) {
        int current = ReplicaSets.replicas(newRs);
        if (current == s.replicas) {
            return null;
        }
        if (current > s.replicas) {
            return scaleAndRecord(s, newRs, s.replicas);
        }
        return scaleAndRecord(s, newRs, newRSNewReplicas(s, all, current));
    }

    /** Scales old ReplicaSets down as far as availability allows; the new list, or null when nothing changed. */
    private List<StoredObject> reconcileOldReplicaSets(Sync s, List<StoredObject> all, List<StoredObject> oldActive,
            StoredObject newRs) {
        if (ReplicaSets.sumReplicas(oldActive) == 0) {
            return null;
        }
        int allPods = ReplicaSets.sumReplicas(all);
        int minAvailable = s.replicas - s.fenceposts.maxUnavailable();
        int newUnavailable = ReplicaSets.replicas(newRs) - ReplicaSets.available(newRs);
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return null;
        }
        List<StoredObject> old = new ArrayList<>(oldActive);
        old.sort(BY_AGE);
        int cleaned = cleanupUnhealthyReplicas(s, old, maxScaledDown);
        List<StoredObject> withNew = new ArrayList<>(old);
        withNew.add(newRs);
        int scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, withNew, old);
        if (cleaned + scaledDown == 0) {
            return null;
        }
        List<StoredObject> result = new ArrayList<>();
        for (StoredObject rs : all) {
            StoredObject fresh = api.state().get(rs.key());
            result.add(fresh == null ? rs : fresh);
        }
        return result;
    }

    /** Scales down old ReplicaSets' unavailable replicas first, oldest set first; updates {@code old} in place. */
    private int cleanupUnhealthyReplicas(Sync s, List<StoredObject> old, int maxCleanup) {
        int total = 0;
        for (int i = 0; i < old.size() && total < maxCleanup; i++) {
            StoredObject rs = old.get(i);
            int replicas = ReplicaSets.replicas(rs);
            int available = ReplicaSets.available(rs);
            if (replicas == 0 || replicas == available) {
                continue;
            }
            int down = Math.min(maxCleanup - total, replicas - available);
            StoredObject scaled = scaleAndRecord(s, rs, replicas - down);
            total += down;
            if (scaled != null) {
                old.set(i, scaled);
            }
        }
        return total;
    }

    private int scaleDownOldReplicaSetsForRollingUpdate(Sync s, List<StoredObject> all, List<StoredObject> old) {
        int minAvailable = s.replicas - s.fenceposts.maxUnavailable();
        int available = ReplicaSets.sumAvailable(all);
        if (available <= minAvailable) {
            return 0;
        }
        int target = available - minAvailable;
        int total = 0;
        for (StoredObject rs : old) {
            if (total >= target) {
                break;
            }
            int replicas = ReplicaSets.replicas(rs);
            if (replicas == 0) {
                continue;
            }
            int down = Math.min(replicas, target - total);
            scaleAndRecord(s, rs, replicas - down);
            total += down;
        }
        return total;
    }

    // ---- recreate ----------------------------------------------------------------------------

    private void rolloutRecreate(Sync s, List<StoredObject> rsList) {
        Split split = getAllReplicaSetsAndSyncRevision(s, rsList, false);
        boolean scaledDown = false;
        for (StoredObject rs : ReplicaSets.active(split.old())) {
            if (scaleAndRecord(s, rs, 0) != null) {
                scaledDown = true;
            }
        }
        if (scaledDown) {
            syncRolloutStatus(s, fresh(split.all()), split.newRs());
            return;
        }
        if (oldPodsRunning(split)) {
            syncRolloutStatus(s, split.all(), split.newRs());
            return;
        }
        if (split.newRs() == null) {
            split = getAllReplicaSetsAndSyncRevision(s, rsList, true);
            if (split.newRs() == null) {
                return;
            }
        }
        StoredObject newRs = split.newRs();
        StoredObject scaled = scaleAndRecord(s, newRs, s.replicas);
        if (scaled != null) {
            newRs = scaled;
        }
        if (deploymentComplete(s, s.status())) {
            cleanupDeployment(s, split.old());
        }
        syncRolloutStatus(s, fresh(split.all()), newRs);
    }

    private boolean oldPodsRunning(Split split) {
        if (ReplicaSets.sumStatusReplicas(split.old()) > 0) {
            return true;
        }
        for (StoredObject rs : split.old()) {
            for (StoredObject pod : api.state().dependents(rs.uid())) {
                if (pod.resource().equals("pods") && rs.uid().equals(Owners.controllerUid(pod.json()))
                        && !Pods.isTerminal(pod.json())) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- scaling (sync) ----------------------------------------------------------------------

    /** sync(): scale only, used for paused deployments and scaling events. */
    private void syncScale(Sync s, List<StoredObject> rsList) {
        Split split = getAllReplicaSetsAndSyncRevision(s, rsList, false);
        scale(s, split.newRs(), split.old());
        if (s.d.path("spec").path("paused").asBoolean(false)) {
            cleanupDeployment(s, fresh(split.old()));
        }
        List<StoredObject> all = fresh(split.all());
        StoredObject newRs = split.newRs() == null ? null : api.state().get(split.newRs().key());
        syncDeploymentStatus(s, all, newRs);
    }

    private void scale(Sync s, StoredObject newRs, List<StoredObject> old) {
        StoredObject activeOrLatest = findActiveOrLatest(newRs, old);
        if (activeOrLatest != null) {
            if (ReplicaSets.replicas(activeOrLatest) != s.replicas) {
                scaleAndRecord(s, activeOrLatest, s.replicas);
            }
            return;
        }
        if (isSaturated(s, newRs)) {
            for (StoredObject rs : ReplicaSets.active(old)) {
                scaleAndRecord(s, rs, 0);
            }
            return;
        }
        if (!Fenceposts.isRollingUpdate(s.d)) {
            return;
        }
        List<StoredObject> all = new ArrayList<>(old);
        if (newRs != null) {
            all.add(newRs);
        }
        all = new ArrayList<>(ReplicaSets.active(all));
        int allowed = s.replicas > 0 ? s.replicas + s.fenceposts.maxSurge() : 0;
        int toAdd = allowed - ReplicaSets.sumReplicas(all);
        if (toAdd > 0) {
            all.sort(Comparator.comparingInt(ReplicaSets::replicas).reversed().thenComparing(BY_AGE.reversed()));
        } else if (toAdd < 0) {
            all.sort(Comparator.comparingInt(ReplicaSets::replicas).reversed().thenComparing(BY_AGE));
        }
        Map<String, Integer> sizes = new HashMap<>();
        int added = 0;
        for (StoredObject rs : all) {
            int proportion = toAdd == 0 ? 0 : proportion(s, rs, toAdd, added);
            sizes.put(rs.key(), ReplicaSets.replicas(rs) + proportion);
            added += proportion;
        }
        for (int i = 0; i < all.size(); i++) {
            StoredObject rs = all.get(i);
            if (i == 0 && toAdd != 0) {
                sizes.put(rs.key(), Math.max(0, sizes.get(rs.key()) + toAdd - added));
            }
            scaleReplicaSet(s, rs, sizes.get(rs.key()));
        }
    }

    private static StoredObject findActiveOrLatest(StoredObject newRs, List<StoredObject> old) {
        if (newRs == null && old.isEmpty()) {
            return null;
        }
        List<StoredObject> newestFirst = new ArrayList<>(old);
        newestFirst.sort(BY_AGE.reversed());
        List<StoredObject> all = new ArrayList<>(newestFirst);
        if (newRs != null) {
            all.add(newRs);
        }
        List<StoredObject> active = ReplicaSets.active(all);
        if (active.isEmpty()) {
            return newRs != null ? newRs : newestFirst.get(0);
        }
        return active.size() == 1 ? active.get(0) : null;
    }

    private static boolean isSaturated(Sync s, StoredObject rs) {
        if (rs == null) {
            return false;
        }
        Integer desired = ReplicaSets.intAnnotation(rs, DESIRED_REPLICAS);
        return desired != null && desired == s.replicas && ReplicaSets.replicas(rs) == s.replicas
                && ReplicaSets.available(rs) == s.replicas;
    }

    /** GetProportion: this ReplicaSet's share of {@code toAdd}, from its max-replicas annotation. */
    private static int proportion(Sync s, StoredObject rs, int toAdd, int added) {
        if (ReplicaSets.replicas(rs) == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(s, rs);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    private static int fraction(Sync s, StoredObject rs) {
        int size = ReplicaSets.replicas(rs);
        if (s.replicas == 0) {
            return -size;
        }
        int maxReplicas = s.replicas + s.fenceposts.maxSurge();
        Integer before = ReplicaSets.intAnnotation(rs, MAX_REPLICAS);
        int beforeScale = before == null || before == 0 ? s.status().path("replicas").asInt(0) : before;
        double newSize = (double) size * maxReplicas / beforeScale;
        return (int) Math.round(newSize) - size;
    }

    // ---- scaling one ReplicaSet --------------------------------------------------------------

    /** scaleReplicaSetAndRecordEvent: no-op when already that size; else the scaled set. */
    private StoredObject scaleAndRecord(Sync s, StoredObject rs, int size) {
        if (ReplicaSets.replicas(rs) == size) {
            return null;
        }
        return scaleReplicaSet(s, rs, size);
    }

    /** Sets the size and refreshes the desired/max annotations; records an event when the size changed. */
    private StoredObject scaleReplicaSet(Sync s, StoredObject rs, int size) {
        int before = ReplicaSets.replicas(rs);
        int maxReplicas = s.replicas + s.fenceposts.maxSurge();
        StoredObject updated = api.mutate(rsKind, rs.namespace(), rs.name(), o -> {
            boolean sizeChanged = o.path("spec").path("replicas").asInt(1) != size;
            boolean annotationsChanged = setReplicasAnnotations(o, s.replicas, maxReplicas);
            if (!sizeChanged && !annotationsChanged) {
                return null;
            }
            Json.with(o, "spec").put("replicas", size);
            return o;
        });
        if (updated != null && before != size) {
            String op = before < size ? "up" : "down";
            events.normal(s.stored(), COMPONENT, "ScalingReplicaSet",
                    "Scaled " + op + " replica set " + rs.name() + " to " + size + " from " + before);
        }
        return updated;
    }

    // ---- history -------------------------------------------------------------------------------

    /** Deletes the oldest revisions beyond revisionHistoryLimit, sparing any that still has pods. */
    private void cleanupDeployment(Sync s, List<StoredObject> old) {
        JsonNode limitNode = s.d.path("spec").path("revisionHistoryLimit");
        if (!limitNode.isNumber() || limitNode.asInt() == MAX_INT32) {
            return;
        }
        List<StoredObject> cleanable = new ArrayList<>();
        for (StoredObject rs : old) {
            StoredObject fresh = api.state().get(rs.key());
            if (fresh != null && !fresh.isDeleting()) {
                cleanable.add(fresh);
            }
        }
        int diff = cleanable.size() - limitNode.asInt();
        if (diff <= 0) {
            return;
        }
        cleanable.sort(Comparator.comparingLong(ReplicaSets::revision).thenComparing(ReplicaSets::created));
        for (int i = 0; i < diff; i++) {
            StoredObject rs = cleanable.get(i);
            long generation = rs.json().path("metadata").path("generation").asLong(0);
            long observed = rs.json().path("status").path("observedGeneration").asLong(0);
            if (ReplicaSets.statusReplicas(rs) != 0 || ReplicaSets.replicas(rs) != 0 || generation > observed) {
                continue;
            }
            try {
                api.delete(rsKind, rs.namespace(), rs.name(), DeleteOptions.defaults());
            } catch (ApiException e) {
                if (!"NotFound".equals(e.reason())) {
                    throw e;
                }
            }
        }
    }

    // ---- status --------------------------------------------------------------------------------

    private void syncStatusOnly(Sync s, List<StoredObject> rsList) {
        Split split = getAllReplicaSetsAndSyncRevision(s, rsList, false);
        syncDeploymentStatus(s, split.all(), split.newRs());
    }

    private void syncDeploymentStatus(Sync s, List<StoredObject> all, StoredObject newRs) {
        ObjectNode status = calculateStatus(s, all, newRs);
        if (!status.equals(s.d.path("status"))) {
            writeStatus(s, status);
        }
    }

    private void syncRolloutStatus(Sync s, List<StoredObject> all, StoredObject newRs) {
        ObjectNode status = calculateStatus(s, all, newRs);
        if (!hasProgressDeadline(s.d)) {
            removeCondition(status, "Progressing");
        }
        JsonNode current = condition(s.status(), "Progressing");
        boolean complete = status.path("replicas").asInt(0) == status.path("updatedReplicas").asInt(0)
                && current != null && "NewReplicaSetAvailable".equals(current.path("reason").asText());
        if (hasProgressDeadline(s.d) && !complete) {
            String rsName = newRs == null ? null : newRs.name();
            if (deploymentComplete(s, status)) {
                setCondition(status, newCondition("Progressing", "True", "NewReplicaSetAvailable",
                        subject(s, rsName) + " has successfully progressed."));
            } else if (deploymentProgressing(s, status)) {
                ObjectNode c = newCondition("Progressing", "True", "ReplicaSetUpdated", subject(s, rsName) + " is progressing.");
                JsonNode old = condition(status, "Progressing");
                if (old != null) {
                    if ("True".equals(old.path("status").asText())) {
                        c.set("lastTransitionTime", old.get("lastTransitionTime"));
                    }
                    removeCondition(status, "Progressing");
                }
                status.withArray("conditions").add(c);
            } else if (deploymentTimedOut(s, status)) {
                setCondition(status, newCondition("Progressing", "False", "ProgressDeadlineExceeded",
                        subject(s, rsName) + " has timed out progressing."));
            }
        }
        JsonNode failure = replicaFailure(all, newRs);
        if (failure != null) {
            setCondition(status, (ObjectNode) failure.deepCopy());
        } else {
            removeCondition(status, "ReplicaFailure");
        }
        if (status.equals(s.d.path("status"))) {
            requeueStuckDeployment(s, status);
            return;
        }
        writeStatus(s, status);
    }

    private static String subject(Sync s, String rsName) {
        return rsName != null ? "ReplicaSet \"" + rsName + "\"" : "Deployment \"" + s.name() + "\"";
    }

    private ObjectNode calculateStatus(Sync s, List<StoredObject> all, StoredObject newRs) {
        int available = ReplicaSets.sumAvailable(all);
        int total = ReplicaSets.sumReplicas(all);
        ObjectNode status = Json.object();
        putIfNonZero(status, "observedGeneration", s.d.path("metadata").path("generation").asLong(0));
        putIfNonZero(status, "replicas", ReplicaSets.sumStatusReplicas(all));
        putIfNonZero(status, "updatedReplicas", newRs == null ? 0 : ReplicaSets.statusReplicas(newRs));
        putIfNonZero(status, "readyReplicas", ReplicaSets.sumReady(all));
        putIfNonZero(status, "availableReplicas", available);
        putIfNonZero(status, "unavailableReplicas", Math.max(0, total - available));
        JsonNode conditions = s.d.path("status").path("conditions");
        if (conditions.isArray() && !conditions.isEmpty()) {
            status.set("conditions", conditions.deepCopy());
        }
        if (s.d.path("status").has("collisionCount")) {
            status.set("collisionCount", s.d.path("status").get("collisionCount"));
        }
        int maxUnavailable = s.fenceposts.maxUnavailable();
        if (available >= s.replicas - maxUnavailable) {
            setCondition(status, newCondition("Available", "True", "MinimumReplicasAvailable",
                    "Deployment has minimum availability."));
        } else {
            setCondition(status, newCondition("Available", "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability."));
        }
        return status;
    }

    private static void putIfNonZero(ObjectNode status, String field, long value) {
        if (value != 0) {
            status.put(field, value);
        }
    }

    private static boolean deploymentComplete(Sync s, JsonNode status) {
        return status.path("updatedReplicas").asInt(0) == s.replicas && status.path("replicas").asInt(0) == s.replicas
                && status.path("availableReplicas").asInt(0) == s.replicas
                && status.path("observedGeneration").asLong(0) >= s.d.path("metadata").path("generation").asLong(0);
    }

    private static boolean deploymentProgressing(Sync s, JsonNode status) {
        JsonNode old = s.d.path("status");
        int oldOld = old.path("replicas").asInt(0) - old.path("updatedReplicas").asInt(0);
        int newOld = status.path("replicas").asInt(0) - status.path("updatedReplicas").asInt(0);
        return status.path("updatedReplicas").asInt(0) > old.path("updatedReplicas").asInt(0) || newOld < oldOld
                || status.path("readyReplicas").asInt(0) > old.path("readyReplicas").asInt(0)
                || status.path("availableReplicas").asInt(0) > old.path("availableReplicas").asInt(0);
    }

    private boolean deploymentTimedOut(Sync s, JsonNode status) {
        JsonNode c = condition(status, "Progressing");
        if (c == null || "NewReplicaSetAvailable".equals(c.path("reason").asText())) {
            return false;
        }
        if ("ProgressDeadlineExceeded".equals(c.path("reason").asText())) {
            return true;
        }
        Instant from = Instant.parse(c.path("lastUpdateTime").asText());
        return from.plusSeconds(s.d.path("spec").path("progressDeadlineSeconds").asLong()).isBefore(now());
    }

    /** Wakes the deployment when its progress deadline would pass without progress. */
    private void requeueStuckDeployment(Sync s, JsonNode status) {
        JsonNode c = condition(s.status(), "Progressing");
        if (!hasProgressDeadline(s.d) || c == null || deploymentComplete(s, status)
                || "ProgressDeadlineExceeded".equals(c.path("reason").asText())
                || "NewReplicaSetAvailable".equals(c.path("reason").asText())) {
            return;
        }
        Instant wake = Instant.parse(c.path("lastUpdateTime").asText())
                .plusSeconds(s.d.path("spec").path("progressDeadlineSeconds").asLong() + 1);
        // Upstream retries a past deadline with rate limiting; the next change re-syncs us anyway.
        if (wake.isAfter(now())) {
            requeueAt(wake, StoredObject.key(deploymentKind.resource(), s.namespace(), s.name()));
        }
    }

    private static JsonNode replicaFailure(List<StoredObject> all, StoredObject newRs) {
        List<StoredObject> order = new ArrayList<>();
        if (newRs != null) {
            order.add(newRs);
        }
        order.addAll(all);
        for (StoredObject rs : order) {
            JsonNode c = condition(rs.json().path("status"), "ReplicaFailure");
            if (c != null && "True".equals(c.path("status").asText())) {
                return c;
            }
        }
        return null;
    }

    private void writeStatus(Sync s, ObjectNode status) {
        StoredObject written = api.mutate(deploymentKind, s.namespace(), s.name(), o -> {
            o.set("status", status);
            return o;
        });
        if (written != null) {
            s.d = written.mutableCopy();
        }
    }

    /** Writes the working copy's annotations and status (the revision annotation lives in metadata). */
    private void writeDeployment(Sync s) {
        JsonNode annotations = s.d.path("metadata").path("annotations").deepCopy();
        ObjectNode status = s.status().deepCopy();
        StoredObject written = api.mutate(deploymentKind, s.namespace(), s.name(), o -> {
            Json.with(o, "metadata").set("annotations", annotations);
            o.set("status", status);
            return o;
        });
        if (written != null) {
            s.d = written.mutableCopy();
        }
    }

    // ---- conditions ----------------------------------------------------------------------------

    private ObjectNode newCondition(String type, String status, String reason, String message) {
        String t = Json.time(now());
        return Json.object().put("type", type).put("status", status).put("lastUpdateTime", t)
                .put("lastTransitionTime", t).put("reason", reason).put("message", message);
    }

    static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : Json.arrayAt(status, "conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return null;
    }

    /** SetDeploymentCondition: same status and reason is a no-op; same status keeps the transition time. */
    private static void setCondition(ObjectNode status, ObjectNode c) {
        JsonNode current = condition(status, c.path("type").asText());
        if (current != null && current.path("status").asText().equals(c.path("status").asText())
                && current.path("reason").asText().equals(c.path("reason").asText())) {
            return;
        }
        if (current != null && current.path("status").asText().equals(c.path("status").asText())) {
            c.set("lastTransitionTime", current.get("lastTransitionTime"));
        }
        removeCondition(status, c.path("type").asText());
        status.withArray("conditions").add(c);
    }

    private static void removeCondition(ObjectNode status, String type) {
        JsonNode conditions = status.get("conditions");
        if (conditions == null || !conditions.isArray()) {
            return;
        }
        for (Iterator<JsonNode> it = conditions.iterator(); it.hasNext(); ) {
            if (type.equals(it.next().path("type").asText())) {
                it.remove();
            }
        }
        if (conditions.isEmpty()) {
            status.remove("conditions");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static boolean hasProgressDeadline(JsonNode d) {
        JsonNode v = d.path("spec").path("progressDeadlineSeconds");
        return v.isNumber() && v.asInt() != MAX_INT32;
    }

    private static LabelSelector selector(JsonNode d) {
        return LabelSelector.fromObject(d.path("spec").path("selector"));
    }

    private List<StoredObject> fresh(List<StoredObject> sets) {
        List<StoredObject> out = new ArrayList<>();
        for (StoredObject rs : sets) {
            StoredObject f = api.state().get(rs.key());
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    private static List<StoredObject> replace(List<StoredObject> all, StoredObject updated) {
        List<StoredObject> out = new ArrayList<>();
        for (StoredObject rs : all) {
            out.add(rs.key().equals(updated.key()) ? updated : rs);
        }
        return out;
    }
}
