package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** kubectl's describeNode, with the requests and limits of the pods on the node. */
final class NodeDescriber {

    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
    private static final List<String> SYSTEM_INFO = List.of("Machine ID", "machineID", "System UUID", "systemUUID", "Boot ID",
            "bootID", "Kernel Version", "kernelVersion", "OS Image", "osImage", "Operating System", "operatingSystem",
            "Architecture", "architecture", "Container Runtime Version", "containerRuntimeVersion", "Kubelet Version",
            "kubeletVersion", "Kube-Proxy Version", "kubeProxyVersion");

    private NodeDescriber() {
    }

    static void describe(DescribeWriter w, JsonNode node, Lookup lookup) {
        JsonNode spec = node.path("spec");
        JsonNode status = node.path("status");
        String name = Meta.name(node);
        w.line(0, "Name", name);
        w.line(0, "Roles", roles(Json.stringMap(node, "metadata", "labels")));
        Meta.labelsAndAnnotations(w, node);
        w.line(0, "CreationTimestamp", Meta.time(node, "metadata", "creationTimestamp"));
        taints(w, spec.path("taints"));
        w.line(0, "Unschedulable", spec.path("unschedulable").asBoolean(false));
        lease(w, lookup, name);
        if (!status.path("conditions").isEmpty()) {
            w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
            for (JsonNode c : status.path("conditions")) {
                w.write(1, c.path("type").asText() + " \t" + c.path("status").asText() + " \t" + Meta.time(c, "lastHeartbeatTime")
                        + " \t" + Meta.time(c, "lastTransitionTime") + " \t" + c.path("reason").asText("") + " \t"
                        + c.path("message").asText("") + "\n");
            }
        }
        w.write(0, "Addresses:\n");
        status.path("addresses").forEach(a -> w.line(1, a.path("type").asText(), a.path("address").asText()));
        resourceList(w, "Capacity", status.path("capacity"));
        resourceList(w, "Allocatable", status.path("allocatable"));
        w.write(0, "System Info:\n");
        for (int i = 0; i < SYSTEM_INFO.size(); i += 2) {
            w.write(0, "  " + SYSTEM_INFO.get(i) + ":\t" + status.path("nodeInfo").path(SYSTEM_INFO.get(i + 1)).asText("") + "\n");
        }
        if (!spec.path("podCIDR").asText("").isEmpty()) {
            w.line(0, "PodCIDR", spec.path("podCIDR").asText());
        }
        if (!spec.path("podCIDRs").isEmpty()) {
            List<String> cidrs = new ArrayList<>();
            spec.path("podCIDRs").forEach(c -> cidrs.add(c.asText()));
            w.line(0, "PodCIDRs", String.join(",", cidrs));
        }
        if (!spec.path("providerID").asText("").isEmpty()) {
            w.line(0, "ProviderID", spec.path("providerID").asText());
        }
        List<JsonNode> pods = lookup.list("pods", null, null,
                "spec.nodeName=" + name + ",status.phase!=Succeeded,status.phase!=Failed");
        NodeResources.describe(w, pods, status, lookup);
        // Controllers name the node by its uid in events, kubelets by its name: kubectl asks for both.
        List<JsonNode> events = new ArrayList<>(Events.about(lookup, node, "Node"));
        events.addAll(Events.about(lookup, node, "Node", true, name));
        Events.section(w, events, lookup);
    }

    /** findNodeRoles: the suffixes of node-role.kubernetes.io/ labels and the kubernetes.io/role value, sorted. */
    private static String roles(Map<String, String> labels) {
        TreeSet<String> roles = new TreeSet<>();
        labels.forEach((k, v) -> {
            if (k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length()) {
                roles.add(k.substring(ROLE_PREFIX.length()));
            } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
                roles.add(v);
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    /** printNodeTaintsMultiline: sorted by effect then key, as {@code key=value:Effect}. */
    private static void taints(DescribeWriter w, JsonNode taints) {
        w.write(0, "Taints:\t");
        if (taints.isEmpty()) {
            w.write(0, "<none>\n");
            return;
        }
        List<JsonNode> sorted = new ArrayList<>();
        taints.forEach(sorted::add);
        sorted.sort(Comparator.comparing(t -> t.path("effect").asText("") + "," + t.path("key").asText("")));
        String indent = "";
        for (JsonNode t : sorted) {
            String key = t.path("key").asText("");
            String value = t.path("value").asText("");
            String effect = t.path("effect").asText("");
            String text = value.isEmpty() ? key : key + "=" + value;
            if (!effect.isEmpty() || !value.isEmpty()) {
                text += ":" + effect;
            }
            w.write(0, indent + text + "\n");
            indent = "\t";
        }
    }

    private static void lease(DescribeWriter w, Lookup lookup, String node) {
        JsonNode lease = lookup.get("leases.coordination.k8s.io", "kube-node-lease", node).orElse(null);
        if (lease == null) {
            w.line(0, "Lease", "Failed to get lease: leases.coordination.k8s.io \"" + node + "\" not found");
            return;
        }
        JsonNode spec = lease.path("spec");
        w.write(0, "Lease:\n");
        w.line(1, "HolderIdentity", spec.path("holderIdentity").asText("<unset>"));
        w.line(1, "AcquireTime", spec.has("acquireTime") ? Meta.time(spec, "acquireTime") : "<unset>");
        w.line(1, "RenewTime", spec.has("renewTime") ? Meta.time(spec, "renewTime") : "<unset>");
    }

    private static void resourceList(DescribeWriter w, String title, JsonNode list) {
        if (list.isEmpty()) {
            return;
        }
        w.write(0, title + ":\n");
        new TreeMap<>(Json.stringMap(list)).forEach((name, q) -> w.write(0, "  " + name + ":\t" + Quantity.parse(q) + "\n"));
    }
}
