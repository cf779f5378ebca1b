package dev.fakecluster.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Job's status while a sync works on it, written back with the API's field order and omissions
 * ({@code active}, {@code succeeded}, {@code failed} left out at zero; {@code terminating},
 * {@code ready} and {@code uncountedTerminatedPods} always present).
 */
final class JobStatus {

    final ArrayNode conditions;
    String startTime;
    String completionTime;
    int active;
    int succeeded;
    int failed;
    Integer terminating;
    String completedIndexes;
    final List<String> uncountedSucceeded;
    final List<String> uncountedFailed;
    Integer ready;

    private JobStatus(JsonNode status) {
        conditions = status.path("conditions").isArray() ? ((ArrayNode) status.get("conditions")).deepCopy()
                : Json.array();
        startTime = Json.text(status, "startTime");
        completionTime = Json.text(status, "completionTime");
        active = status.path("active").asInt(0);
        succeeded = status.path("succeeded").asInt(0);
        failed = status.path("failed").asInt(0);
        terminating = status.hasNonNull("terminating") ? status.get("terminating").asInt() : null;
        completedIndexes = status.path("completedIndexes").asText("");
        uncountedSucceeded = texts(status.path("uncountedTerminatedPods").path("succeeded"));
        uncountedFailed = texts(status.path("uncountedTerminatedPods").path("failed"));
        ready = status.hasNonNull("ready") ? status.get("ready").asInt() : null;
    }

    /** A working copy of {@code job}'s status. */
    static JobStatus of(JsonNode job) {
        return new JobStatus(job.path("status"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    boolean hasUncounted() {
        return !uncountedSucceeded.isEmpty() || !uncountedFailed.isEmpty();
    }

    /**
     * Moves uncounted pods whose finalizer is gone into the counters
     * (cleanUncountedPodsWithoutFinalizers); true when anything moved.
     */
    boolean countFinalized(Set<String> uidsWithFinalizer) {
        int before = uncountedSucceeded.size() + uncountedFailed.size();
        int succeededBefore = uncountedSucceeded.size();
        uncountedSucceeded.retainAll(uidsWithFinalizer);
        succeeded += succeededBefore - uncountedSucceeded.size();
        int failedBefore = uncountedFailed.size();
        uncountedFailed.retainAll(uidsWithFinalizer);
        failed += failedBefore - uncountedFailed.size();
        return uncountedSucceeded.size() + uncountedFailed.size() != before;
    }

    ObjectNode toJson() {
        ObjectNode s = Json.object();
        if (!conditions.isEmpty()) {
            s.set("conditions", conditions.deepCopy());
        }
        putIfSet(s, "startTime", startTime);
        putIfSet(s, "completionTime", completionTime);
        putIfPositive(s, "active", active);
        putIfPositive(s, "succeeded", succeeded);
        putIfPositive(s, "failed", failed);
        if (terminating != null) {
            s.put("terminating", terminating);
        }
        putIfSet(s, "completedIndexes", completedIndexes.isEmpty() ? null : completedIndexes);
        ObjectNode uncounted = s.putObject("uncountedTerminatedPods");
        putIfAny(uncounted, "succeeded", uncountedSucceeded);
        putIfAny(uncounted, "failed", uncountedFailed);
        if (ready != null) {
            s.put("ready", ready);
        }
        return s;
    }

    private static void putIfSet(ObjectNode s, String field, String value) {
        if (value != null) {
            s.put(field, value);
        }
    }

    private static void putIfAny(ObjectNode s, String field, List<String> uids) {
        if (!uids.isEmpty()) {
            ArrayNode array = s.putArray(field);
            uids.forEach(array::add);
        }
    }

    private static void putIfPositive(ObjectNode s, String field, int value) {
        if (value != 0) {
            s.put(field, value);
        }
    }
}
