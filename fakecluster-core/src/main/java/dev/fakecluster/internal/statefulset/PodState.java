package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.workload.Pods;
import java.time.Instant;

/**
 * What the StatefulSet controller asks about a pod (stateful_set_utils.go). A pod the controller
 * has only built in memory has no {@code status.phase}: it is not created.
 */
final class PodState {

    private PodState() {
    }

    static boolean isCreated(JsonNode pod) {
        return Json.text(pod, "status", "phase") != null;
    }

    static boolean isPending(JsonNode pod) {
        return "Pending".equals(Json.text(pod, "status", "phase"));
    }

    static boolean isFailed(JsonNode pod) {
        return "Failed".equals(Json.text(pod, "status", "phase"));
    }

    static boolean isSucceeded(JsonNode pod) {
        return "Succeeded".equals(Json.text(pod, "status", "phase"));
    }

    static boolean isTerminating(JsonNode pod) {
        return Pods.isTerminating(pod);
    }

    static boolean isRunningAndReady(JsonNode pod) {
        return "Running".equals(Json.text(pod, "status", "phase")) && Pods.isReady(pod);
    }

    /** Ready for more than {@code minReadySeconds} (podutil.IsPodAvailable; the phase is not checked). */
    static boolean isRunningAndAvailable(JsonNode pod, long minReadySeconds, Instant now) {
        return Pods.isAvailable(pod, minReadySeconds, now);
    }

    /** Running, ready and not terminating. */
    static boolean isHealthy(JsonNode pod) {
        return isRunningAndReady(pod) && !isTerminating(pod);
    }

    /** The revision the pod was built from: its {@code controller-revision-hash} label, or "". */
    static String revision(JsonNode pod) {
        String r = Json.text(pod, "metadata", "labels", PodIdentity.REVISION_LABEL);
        return r == null ? "" : r;
    }
}
