package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.JsonNode;

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
        String protocol = servicePort.path("protocol").asText("TCP");
        int port = named(pod.path("spec").path("containers"), name, protocol, false);
        return port >= 0 ? port : named(pod.path("spec").path("initContainers"), name, protocol, true);
    }

    /** A named port in {@code containers}; for init containers only restartable (sidecar) ones count. */
    private static int named(JsonNode containers, String name, String protocol, boolean sidecarsOnly) {
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
