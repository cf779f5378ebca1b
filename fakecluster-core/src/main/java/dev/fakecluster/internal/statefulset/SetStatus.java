package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * A StatefulSet's status as the controller computes it, serialized like apps/v1
 * {@code StatefulSetStatus}: {@code replicas}, {@code collisionCount} and
 * {@code availableReplicas} are always written, the other fields are omitted when zero or empty.
 */
record SetStatus(long observedGeneration, int replicas, int readyReplicas, int currentReplicas, int updatedReplicas,
        String currentRevision, String updateRevision, int collisionCount, int availableReplicas) {

    /** A status naming the revisions, with no pods counted yet. */
    static SetStatus of(SetSpec set, Revisions revisions) {
        long generation = set.object().json().path("metadata").path("generation").asLong(0);
        return new SetStatus(generation, 0, 0, 0, 0, revisions.current().name(), revisions.update().name(),
                revisions.collisionCount(), 0);
    }

    /**
     * The counts over {@code pods} (computeReplicaStatus): created pods, running-and-ready ones, those
     * also available, and the live ones at the current and at the update revision.
     */
    SetStatus counted(List<JsonNode> pods, long minReadySeconds, Instant now) {
        int created = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (JsonNode pod : pods) {
            if (PodState.isCreated(pod)) {
                created++;
            }
            if (PodState.isRunningAndReady(pod)) {
                ready++;
                if (PodState.isRunningAndAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
            if (PodState.isCreated(pod) && !PodState.isTerminating(pod)) {
                String revision = PodState.revision(pod);
                current += revision.equals(currentRevision) ? 1 : 0;
                updated += revision.equals(updateRevision) ? 1 : 0;
            }
        }
        return new SetStatus(observedGeneration, created, ready, current, updated, currentRevision, updateRevision,
                collisionCount, available);
    }

    SetStatus withCurrentReplicas(int n) {
        return new SetStatus(observedGeneration, replicas, readyReplicas, n, updatedReplicas, currentRevision,
                updateRevision, collisionCount, availableReplicas);
    }

    /** completeRollingUpdate: once every desired pod is updated and ready, the update revision becomes current. */
    SetStatus completeRollingUpdate(SetSpec set) {
        if (!set.rollingUpdate() || updatedReplicas != set.replicas() || readyReplicas != set.replicas()
                || replicas != set.replicas()) {
            return this;
        }
        return new SetStatus(observedGeneration, replicas, readyReplicas, updatedReplicas, updatedReplicas,
                updateRevision, updateRevision, collisionCount, availableReplicas);
    }

    /** inconsistentStatus: a newer generation, another count or revision ({@code collisionCount} is not compared). */
    boolean differsFrom(JsonNode stored) {
        return observedGeneration > stored.path("observedGeneration").asLong(0)
                || replicas != stored.path("replicas").asInt(0)
                || currentReplicas != stored.path("currentReplicas").asInt(0)
                || readyReplicas != stored.path("readyReplicas").asInt(0)
                || updatedReplicas != stored.path("updatedReplicas").asInt(0)
                || !currentRevision.equals(stored.path("currentRevision").asText(""))
                || availableReplicas != stored.path("availableReplicas").asInt(0)
                || !updateRevision.equals(stored.path("updateRevision").asText(""));
    }

    /** The status in the API's field order. */
    ObjectNode toJson() {
        ObjectNode s = Json.object();
        if (observedGeneration != 0) {
            s.put("observedGeneration", observedGeneration);
        }
        s.put("replicas", replicas);
        putIfNonZero(s, "readyReplicas", readyReplicas);
        putIfNonZero(s, "currentReplicas", currentReplicas);
        putIfNonZero(s, "updatedReplicas", updatedReplicas);
        if (!currentRevision.isEmpty()) {
            s.put("currentRevision", currentRevision);
        }
        if (!updateRevision.isEmpty()) {
            s.put("updateRevision", updateRevision);
        }
        s.put("collisionCount", collisionCount);
        s.put("availableReplicas", availableReplicas);
        return s;
    }

    private static void putIfNonZero(ObjectNode s, String field, int value) {
        if (value != 0) {
            s.put(field, value);
        }
    }
}
