package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * One pass of the StatefulSet control loop (stateful_set_control.go as of Kubernetes 1.32).
 *
 * <p>Pods in the ordinal range are replicas, the others are condemned. With
 * {@code OrderedReady} the pass is monotonic: it walks the replicas in ordinal order and stops at
 * the first one it creates or that is not yet running, ready and available, then deletes the
 * highest condemned pod once every replica is healthy, one per pass; {@code Parallel} creates and
 * deletes them all at once. A rolling update then deletes the highest-ordinal pod (down to the
 * partition) that is not at the update revision, one at a time, waiting for each replacement to be
 * healthy; {@code OnDelete} replaces pods only when someone else deletes them.
 */
final class StatefulSetControl {

    /** The most requests one Parallel batch makes (MaxBatchSize). */
    private static final int MAX_BATCH = 500;

    private final ApiServer api;
    private final VirtualClock clock;
    private final StatefulPodControl pods;
    private final History history;
    private final KindInfo setKind;

    StatefulSetControl(ApiServer api, VirtualClock clock, StatefulPodControl pods, History history) {
        this.api = api;
        this.clock = clock;
        this.pods = pods;
        this.history = history;
        this.setKind = api.resolveKind("statefulsets.apps");
    }

    /**
     * UpdateStatefulSet: resolves the revisions, moves the pods one step towards the spec, writes the
     * status when it changed and trims the revision history; the status written is returned, and a
     * failed step is thrown after all that.
     */
    SetStatus update(StoredObject set, LabelSelector selector, List<StoredObject> claimed) {
        List<StoredObject> revisions = history.list(set, selector);
        Revisions chosen = null;
        try {
            chosen = history.resolve(set, revisions);
            return performUpdate(SetSpec.of(set), chosen, claimed);
        } finally {
            history.truncate(set, claimed, revisions, chosen);
        }
    }

    private SetStatus performUpdate(SetSpec set, Revisions revisions, List<StoredObject> claimed) {
        Pass pass = new Pass(set, revisions, claimed);
        SetStatus status;
        SyncError failure = null;
        try {
            status = pass.run();
        } catch (SyncError e) {
            status = pass.counted();
            failure = e;
        }
        status = status.completeRollingUpdate(set);
        if (status.differsFrom(set.object().json().path("status"))) {
            ObjectNode json = status.toJson();
            api.mutate(setKind, set.namespace(), set.name(), o -> {
                o.set("status", json);
                return o;
            });
        }
        if (failure != null) {
            throw failure;
        }
        return status;
    }

    /** updateStatefulSet: one set's pods sorted into replicas and condemned, and the steps over them. */
    private final class Pass {

        final SetSpec set;
        final String updateRevision;
        final Instant now = clock.now();
        final boolean monotonic;
        final SetStatus initial;
        final List<JsonNode> replicas;
        final List<JsonNode> condemned = new ArrayList<>();
        final JsonNode firstUnhealthy;

        Pass(SetSpec set, Revisions revisions, List<StoredObject> claimed) {
            this.set = set;
            this.updateRevision = revisions.update().name();
            this.monotonic = !set.parallel();
            List<JsonNode> all = claimed.stream().map(p -> (JsonNode) p.json()).toList();
            this.initial = SetStatus.of(set, revisions).counted(all, set.minReadySeconds(), now);
            this.replicas = new ArrayList<>(Collections.nCopies(set.replicas(), null));
            for (JsonNode pod : all) {
                int ordinal = PodIdentity.ordinal(pod);
                if (set.inRange(ordinal)) {
                    replicas.set(ordinal - set.start(), pod);
                } else if (ordinal >= 0) {
                    condemned.add(pod);
                }
            }
            JsonNode currentTemplate = History.template(revisions.current());
            JsonNode updateTemplate = History.template(revisions.update());
            for (int i = 0; i < replicas.size(); i++) {
                if (replicas.get(i) == null) {
                    replicas.set(i, PodIdentity.newVersionedPod(set, currentTemplate, revisions.current().name(),
                            updateTemplate, updateRevision, set.start() + i));
                }
            }
            condemned.sort(Comparator.comparingInt((JsonNode p) -> PodIdentity.ordinal(p)).reversed());
            this.firstUnhealthy = firstUnhealthy();
        }

        /** The first unhealthy replica, else the lowest-ordinal unhealthy condemned pod. */
        private JsonNode firstUnhealthy() {
            for (JsonNode pod : replicas) {
                if (!PodState.isHealthy(pod)) {
                    return pod;
                }
            }
            for (int i = condemned.size() - 1; i >= 0; i--) {
                if (!PodState.isHealthy(condemned.get(i))) {
                    return condemned.get(i);
                }
            }
            return null;
        }

        /** The status counted over replicas and condemned pods as this pass left them. */
        SetStatus counted() {
            List<JsonNode> pods = new ArrayList<>(replicas);
            pods.addAll(condemned);
            return initial.counted(pods, set.minReadySeconds(), now);
        }

        SetStatus run() {
            if (set.object().isDeleting()) {
                return initial;
            }
            if (runForAll(replicas.size(), this::processReplica) || runForAll(condemned.size(), this::fixClaims)
                    || runForAll(condemned.size(), this::processCondemned)) {
                return counted();
            }
            SetStatus status = counted();
            if (!set.rollingUpdate()) {
                return status;
            }
            int updateMin = set.partition() == null ? 0 : set.partition();
            for (int target = replicas.size() - 1; target >= updateMin; target--) {
                JsonNode pod = replicas.get(target);
                if (!PodState.revision(pod).equals(updateRevision) && !PodState.isTerminating(pod)) {
                    pods.delete(set, pod);
                    return status.withCurrentReplicas(status.currentReplicas() - 1);
                }
                if (!PodState.isHealthy(pod)) {
                    return status;
                }
            }
            return status;
        }

        /**
         * Recreates a finished pod (delete now, create once it is gone), creates a missing one, and in
         * monotonic mode blocks on any that is terminating or not yet running, ready and available.
         */
        private boolean processReplica(int i) {
            JsonNode pod = replicas.get(i);
            if (PodState.isFailed(pod) || PodState.isSucceeded(pod)) {
                if (!PodState.isTerminating(pod)) {
                    pods.delete(set, pod);
                }
                return true;
            }
            if (!PodState.isCreated(pod)) {
                if (pods.claimIsStale(set, pod)) {
                    return true;
                }
                pods.create(set, (ObjectNode) pod);
                if (monotonic) {
                    return true;
                }
            }
            if (PodState.isPending(pod)) {
                pods.createMissingClaims(set, pod);
            }
            if (monotonic && (PodState.isTerminating(pod) || !PodState.isRunningAndReady(pod)
                    || !PodState.isRunningAndAvailable(pod, set.minReadySeconds(), now))) {
                return true;
            }
            if (PodIdentity.identityMatches(set, pod) && PodIdentity.storageMatches(set, pod)
                    && pods.claimsMatchRetention(set, pod)) {
                return false;
            }
            pods.update(set, pod);
            return false;
        }

        /** Gives a condemned pod's claims the owners the retention policy wants before it goes. */
        private boolean fixClaims(int i) {
            JsonNode pod = condemned.get(i);
            if (!pods.claimsMatchRetention(set, pod)) {
                pods.updateClaimsForRetention(set, pod);
            }
            return false;
        }

        /** Deletes a condemned pod; in monotonic mode only when no other pod is unhealthy, and one at a time. */
        private boolean processCondemned(int i) {
            JsonNode pod = condemned.get(i);
            if (PodState.isTerminating(pod)) {
                return monotonic;
            }
            boolean unavailable = !PodState.isRunningAndReady(pod)
                    || !PodState.isRunningAndAvailable(pod, set.minReadySeconds(), now);
            if (monotonic && unavailable && pod != firstUnhealthy) {
                return true;
            }
            pods.delete(set, pod);
            return true;
        }

        /**
         * Runs {@code step} over {@code n} pods: in order, stopping when a step asks to (monotonic), or
         * every one in batches of 1, 2, 4, ... that end the run after a failed batch (slowStartBatch).
         */
        private boolean runForAll(int n, IntPredicate step) {
            if (monotonic) {
                for (int i = 0; i < n; i++) {
                    if (step.test(i)) {
                        return true;
                    }
                }
                return false;
            }
            int done = 0;
            for (int batch = Math.min(n, 1); batch > 0; batch = Math.min(Math.min(2 * batch, n - done), MAX_BATCH)) {
                SyncError failure = null;
                for (int i = done; i < done + batch; i++) {
                    try {
                        step.test(i);
                    } catch (SyncError e) {
                        failure = failure == null ? e : failure;
                    }
                }
                done += batch;
                if (failure != null) {
                    throw failure;
                }
            }
            return false;
        }
    }
}
