package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** kubectl's describePod. */
final class PodDescriber {

    private PodDescriber() {
    }

    static void describe(DescribeWriter w, JsonNode pod, Lookup lookup) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        Meta.nameAndNamespace(w, pod);
        if (spec.path("priority").isNumber()) {
            w.line(0, "Priority", spec.path("priority").asLong());
        }
        optional(w, "Priority Class Name", spec.path("priorityClassName"));
        optional(w, "Runtime Class Name", spec.path("runtimeClassName"));
        optional(w, "Service Account", spec.path("serviceAccountName"));
        String node = spec.path("nodeName").asText("");
        w.line(0, "Node", node.isEmpty() ? "<none>" : node + "/" + status.path("hostIP").asText(""));
        if (status.has("startTime")) {
            w.line(0, "Start Time", Meta.time(status, "startTime"));
        }
        Meta.labelsAndAnnotations(w, pod);
        String phase = status.path("phase").asText("");
        if (pod.path("metadata").hasNonNull("deletionTimestamp") && !phase.equals("Failed") && !phase.equals("Succeeded")) {
            w.line(0, "Status", "Terminating (lasts " + lookup.age(Json.text(pod, "metadata", "deletionTimestamp")) + ")");
            w.line(0, "Termination Grace Period", pod.path("metadata").path("deletionGracePeriodSeconds").asLong() + "s");
        } else {
            w.line(0, "Status", phase);
        }
        optional(w, "Reason", status.path("reason"));
        optional(w, "Message", status.path("message"));
        JsonNode seccomp = spec.path("securityContext").path("seccompProfile");
        if (seccomp.isObject()) {
            w.line(0, "SeccompProfile", seccomp.path("type").asText());
            if ("Localhost".equals(seccomp.path("type").asText())) {
                w.line(0, "LocalhostProfile", seccomp.path("localhostProfile").asText());
            }
        }
        w.line(0, "IP", status.path("podIP").asText(""));
        if (status.path("podIPs").isEmpty()) {
            w.write(0, "IPs:\t<none>\n");
        } else {
            w.write(0, "IPs:\n");
            status.path("podIPs").forEach(ip -> w.line(1, "IP", ip.path("ip").asText()));
        }
        Meta.controlledBy(w, pod);
        optional(w, "NominatedNodeName", status.path("nominatedNodeName"));
        if (spec.path("resources").isObject()) {
            w.write(0, "Resources:\n");
            Containers.resources(w, spec.path("resources"), 1);
        }
        if (!spec.path("initContainers").isEmpty()) {
            Containers.list(w, "Init Containers", spec.path("initContainers"), status.path("initContainerStatuses"), pod, "");
        }
        Containers.list(w, "Containers", spec.path("containers"), status.path("containerStatuses"), pod, "");
        if (!spec.path("readinessGates").isEmpty()) {
            w.write(0, "Readiness Gates:\n  Type\tStatus\n");
            for (JsonNode gate : spec.path("readinessGates")) {
                String type = gate.path("conditionType").asText();
                String value = "<none>";
                for (JsonNode c : status.path("conditions")) {
                    if (type.equals(c.path("type").asText())) {
                        value = c.path("status").asText();
                        break;
                    }
                }
                w.write(1, type + " \t" + value + " \n");
            }
        }
        if (!status.path("conditions").isEmpty()) {
            w.write(0, "Conditions:\n  Type\tStatus\n");
            status.path("conditions").forEach(c -> w.write(1, c.path("type").asText() + " \t" + c.path("status").asText() + " \n"));
        }
        Containers.volumes(w, spec.path("volumes"), "");
        w.line(0, "QoS Class", status.path("qosClass").asText(""));
        Meta.labels(w, "Node-Selectors", Json.stringMap(spec, "nodeSelector"));
        Containers.tolerations(w, "Tolerations", spec.path("tolerations"));
        topologySpread(w, spec.path("topologySpreadConstraints"));
        // kubectl clears the kind from the pod's reference before searching its events
        Events.section(w, Events.about(lookup, pod, "Pod", false, pod.path("metadata").path("uid").asText()), lookup);
    }

    private static void optional(DescribeWriter w, String key, JsonNode value) {
        if (!value.asText("").isEmpty()) {
            w.line(0, key, value.asText());
        }
    }

    private static void topologySpread(DescribeWriter w, JsonNode constraints) {
        if (constraints.isEmpty()) {
            return;
        }
        List<JsonNode> sorted = new ArrayList<>();
        constraints.forEach(sorted::add);
        sorted.sort(Comparator.comparing(c -> c.path("topologyKey").asText()));
        w.write(0, "Topology Spread Constraints:\t");
        String indent = "";
        for (JsonNode c : sorted) {
            String line = indent + c.path("topologyKey").asText() + ":" + c.path("whenUnsatisfiable").asText()
                    + " when max skew " + c.path("maxSkew").asInt() + " is exceeded";
            if (c.path("labelSelector").isObject()) {
                line += " for selector " + Meta.formatSelector(c.path("labelSelector"));
            }
            w.write(0, line + "\n");
            indent = "\t";
        }
    }
}
