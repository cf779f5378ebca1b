package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.store.StoredObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a StatefulSet the controller acts on, read once per sync (the API server has
 * already applied the apps/v1 defaults).
 *
 * @param object the StatefulSet as stored
 * @param replicas {@code spec.replicas}
 * @param start {@code spec.ordinals.start}, the first ordinal
 * @param parallel whether {@code podManagementPolicy} is {@code Parallel} (no ordering guarantees)
 * @param rollingUpdate whether {@code updateStrategy.type} is {@code RollingUpdate} (else {@code OnDelete})
 * @param partition {@code updateStrategy.rollingUpdate.partition}, or null when there is no {@code rollingUpdate}
 * @param minReadySeconds {@code spec.minReadySeconds}
 * @param claimTemplates {@code spec.volumeClaimTemplates}
 * @param deleteClaimsWhenScaled {@code persistentVolumeClaimRetentionPolicy.whenScaled} is {@code Delete}
 * @param deleteClaimsWhenDeleted {@code persistentVolumeClaimRetentionPolicy.whenDeleted} is {@code Delete}
 */
record SetSpec(StoredObject object, int replicas, int start, boolean parallel, boolean rollingUpdate, Integer partition,
        long minReadySeconds, List<JsonNode> claimTemplates, boolean deleteClaimsWhenScaled,
        boolean deleteClaimsWhenDeleted) {

    /** Reads {@code set}. */
    static SetSpec of(StoredObject set) {
        JsonNode spec = set.json().path("spec");
        JsonNode strategy = spec.path("updateStrategy");
        JsonNode rolling = strategy.path("rollingUpdate");
        JsonNode retention = spec.path("persistentVolumeClaimRetentionPolicy");
        List<JsonNode> templates = new ArrayList<>();
        spec.path("volumeClaimTemplates").forEach(templates::add);
        return new SetSpec(set, spec.path("replicas").asInt(1), spec.path("ordinals").path("start").asInt(0),
                "Parallel".equals(spec.path("podManagementPolicy").asText()),
                "RollingUpdate".equals(strategy.path("type").asText("RollingUpdate")),
                rolling.isObject() ? rolling.path("partition").asInt(0) : null, spec.path("minReadySeconds").asLong(0),
                List.copyOf(templates), "Delete".equals(retention.path("whenScaled").asText()),
                "Delete".equals(retention.path("whenDeleted").asText()));
    }

    String name() {
        return object.name();
    }

    String namespace() {
        return object.namespace();
    }

    String uid() {
        return object.uid();
    }

    String serviceName() {
        return object.json().path("spec").path("serviceName").asText("");
    }

    /** The last ordinal in range (getEndOrdinal). */
    int end() {
        return start + replicas - 1;
    }

    /** Whether a pod with {@code ordinal} belongs to the set's current range (podInOrdinalRange). */
    boolean inRange(int ordinal) {
        return ordinal >= start && ordinal <= end();
    }

    /** Whether both retention policies are {@code Retain}: claims then carry no references to the set or its pods. */
    boolean retainsClaims() {
        return !deleteClaimsWhenScaled && !deleteClaimsWhenDeleted;
    }
}
