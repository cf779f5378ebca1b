package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.workload.Pods;

/** A Service port's {@code targetPort} on one pod (podutil.FindPort): a number as is, a name from the pod's containers. */
final class TargetPorts {

    private TargetPorts() {
    }

    /** The container port number, or -1 when the pod has no port of that name and protocol. */
    static int find(JsonNode pod, JsonNode servicePort) {
        JsonNode target = servicePort.has("targetPort") ? servicePort.get("targetPort") : servicePort.path("port");
        if (target.isNumber()) {
            return target.asInt();
        }
        String name = target.asText("");
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        return Pods.findPort(pod, name, servicePort.path("protocol").asText("TCP"));
    }
}
