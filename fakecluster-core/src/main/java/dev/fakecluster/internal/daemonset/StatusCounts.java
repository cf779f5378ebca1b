package dev.fakecluster.internal.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;

/**
 * The counts of a DaemonSet's status, written in the field order of apps/v1 DaemonSetStatus with
 * Go's {@code omitempty}: the first four always, {@code observedGeneration},
 * {@code updatedNumberScheduled}, {@code numberAvailable} and {@code numberUnavailable} only when not 0.
 *
 * @param current nodes that should run a pod and have one
 * @param misscheduled nodes that have a pod but should not
 * @param desired nodes that should run a pod
 * @param ready nodes whose pod is ready
 * @param updated nodes whose pod runs the current revision
 * @param available nodes whose pod is available
 */
record StatusCounts(int current, int misscheduled, int desired, int ready, int updated, int available) {

    /** Nodes that should run a pod but have no available one. */
    int unavailable() {
        return desired - available;
    }

    /** Whether {@code status} already says this at {@code generation} (storeDaemonSetStatus's no-op check). */
    boolean isRecordedIn(JsonNode status, long generation) {
        return status.path("currentNumberScheduled").asInt(0) == current
                && status.path("numberMisscheduled").asInt(0) == misscheduled
                && status.path("desiredNumberScheduled").asInt(0) == desired
                && status.path("numberReady").asInt(0) == ready
                && status.path("updatedNumberScheduled").asInt(0) == updated
                && status.path("numberAvailable").asInt(0) == available
                && status.path("numberUnavailable").asInt(0) == unavailable()
                && status.path("observedGeneration").asLong(0) >= generation;
    }

    /** The status with these counts and {@code generation} observed, keeping its collision count and conditions. */
    ObjectNode toStatus(JsonNode old, long generation) {
        ObjectNode s = Json.object();
        s.put("currentNumberScheduled", current).put("numberMisscheduled", misscheduled)
                .put("desiredNumberScheduled", desired).put("numberReady", ready);
        if (generation != 0) {
            s.put("observedGeneration", generation);
        }
        putIfNotZero(s, "updatedNumberScheduled", updated);
        putIfNotZero(s, "numberAvailable", available);
        putIfNotZero(s, "numberUnavailable", unavailable());
        for (String kept : new String[] {"collisionCount", "conditions"}) {
            if (old.has(kept)) {
                s.set(kept, old.get(kept).deepCopy());
            }
        }
        return s;
    }

    private static void putIfNotZero(ObjectNode status, String field, int value) {
        if (value != 0) {
            status.put(field, value);
        }
    }
}
