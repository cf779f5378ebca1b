package dev.fakecluster.internal.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.time.Instant;

/** Questions controllers ask about pods, answered as {@code pkg/api/v1/pod} and {@code controller_utils} do. */
public final class Pods {

    private Pods() {
    }

    public static String phase(JsonNode pod) {
        String phase = Json.text(pod, "status", "phase");
        return phase == null ? "Pending" : phase;
    }

    public static boolean isTerminal(JsonNode pod) {
        String phase = phase(pod);
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    public static boolean isTerminating(JsonNode pod) {
        return pod.path("metadata").hasNonNull("deletionTimestamp");
    }

    /** Counted by replica-keeping controllers: not finished and not on its way out. */
    public static boolean isActive(JsonNode pod) {
        return !isTerminal(pod) && !isTerminating(pod);
    }

    public static String nodeName(JsonNode pod) {
        return Json.text(pod, "spec", "nodeName");
    }

    /** The pod's condition of {@code type}, or a missing node. */
    public static JsonNode condition(JsonNode pod, String type) {
        for (JsonNode c : Json.arrayAt(pod, "status", "conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    public static boolean isReady(JsonNode pod) {
        return "True".equals(condition(pod, "Ready").path("status").asText());
    }

    /** When the pod last became ready, or null when it is not ready. */
    public static Instant readySince(JsonNode pod) {
        JsonNode ready = condition(pod, "Ready");
        if (!"True".equals(ready.path("status").asText())) {
            return null;
        }
        String t = ready.path("lastTransitionTime").asText(null);
        return t == null ? null : Instant.parse(t);
    }

    /** Ready for at least {@code minReadySeconds} (podutil.IsPodAvailable). */
    public static boolean isAvailable(JsonNode pod, long minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds == 0) {
            return true;
        }
        Instant since = readySince(pod);
        return since != null && since.plusSeconds(minReadySeconds).isBefore(now);
    }

    /** When the pod becomes available if it stays ready, or null when not ready. */
    public static Instant availableAt(JsonNode pod, long minReadySeconds) {
        Instant since = readySince(pod);
        return since == null ? null : since.plusSeconds(minReadySeconds).plusNanos(1);
    }

    /** The largest restart count over its containers. */
    public static int maxRestarts(JsonNode pod) {
        int max = 0;
        for (JsonNode c : Json.arrayAt(pod, "status", "containerStatuses")) {
            max = Math.max(max, c.path("restartCount").asInt(0));
        }
        return max;
    }

    /**
     * The number of the container port called {@code name} with that protocol, as podutil.FindPort
     * looks for it: in the containers, then in restartable (sidecar) init containers; -1 if none.
     */
    public static int findPort(JsonNode pod, String name, String protocol) {
        int port = namedPort(pod.path("spec").path("containers"), name, protocol, false);
        return port >= 0 ? port : namedPort(pod.path("spec").path("initContainers"), name, protocol, true);
    }

    private static int namedPort(JsonNode containers, String name, String protocol, boolean sidecarsOnly) {
        for (JsonNode c : containers) {
            if (sidecarsOnly && !"Always".equals(c.path("restartPolicy").asText())) {
                continue;
            }
            for (JsonNode p : c.path("ports")) {
                if (name.equals(p.path("name").asText()) && protocol.equals(p.path("protocol").asText("TCP"))) {
                    return p.path("containerPort").asInt();
                }
            }
        }
        return -1;
    }
}
