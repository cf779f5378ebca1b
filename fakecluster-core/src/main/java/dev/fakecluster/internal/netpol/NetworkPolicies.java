package dev.fakecluster.internal.netpol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.net.Cidr;
import dev.fakecluster.internal.net.Ipv4;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.util.List;
import java.util.Map;

/**
 * The pod network's verdict on one TCP connection, as a plugin that enforces NetworkPolicy
 * (Calico, Cilium) gives it. A pod is isolated for ingress (egress) once a policy in its namespace
 * selects it with that policy type; an isolated pod accepts (opens) only connections that some
 * rule of those policies allows — rules add up, none subtracts. Two exceptions hold always: a pod
 * may reach itself, and traffic between a pod and its own node passes. Policies act on the pod
 * actually dialled after kube-proxy's translation, on its container port.
 */
public final class NetworkPolicies {

    private NetworkPolicies() {
    }

    /**
     * Who opens a connection.
     *
     * @param ip the source address the destination sees
     * @param pod the pod that opens it, or null for a node or a client outside the cluster
     */
    public record Source(String ip, StoredObject pod) {
    }

    /** Whether a connection from {@code source} to {@code port} of {@code destination} gets through. */
    public static boolean allows(ClusterState state, Source source, StoredObject destination, int port) {
        if (source.pod() != null && source.pod().key().equals(destination.key())) {
            return true;
        }
        String destinationIp = Json.text(destination.json(), "status", "podIP");
        if (source.ip().equals(nodeIp(state, destination)) || source.pod() != null && isHostNetwork(source.pod())
                && source.pod().json().path("spec").path("nodeName").equals(destination.json().path("spec").path("nodeName"))) {
            return true;
        }
        return ingressAllows(state, source, destination, port)
                && egressAllows(state, source, destination, destinationIp, port);
    }

    private static boolean ingressAllows(ClusterState state, Source source, StoredObject destination, int port) {
        if (isHostNetwork(destination)) {
            return true;
        }
        boolean isolated = false;
        for (StoredObject policy : policiesFor(state, destination, "Ingress")) {
            isolated = true;
            for (JsonNode rule : policy.json().path("spec").path("ingress")) {
                if (portsMatch(rule.path("ports"), destination, port)
                        && peersMatch(state, rule.path("from"), policy.namespace(), source.ip(), source.pod())) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static boolean egressAllows(ClusterState state, Source source, StoredObject destination, String destinationIp,
            int port) {
        if (source.pod() == null || isHostNetwork(source.pod())) {
            return true;
        }
        if (destinationIp != null && destinationIp.equals(nodeIp(state, source.pod()))) {
            return true;
        }
        boolean isolated = false;
        for (StoredObject policy : policiesFor(state, source.pod(), "Egress")) {
            isolated = true;
            for (JsonNode rule : policy.json().path("spec").path("egress")) {
                if (portsMatch(rule.path("ports"), destination, port)
                        && peersMatch(state, rule.path("to"), policy.namespace(), destinationIp, destination)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    /** The policies in the pod's namespace that select it and isolate it in {@code direction}. */
    private static List<StoredObject> policiesFor(ClusterState state, StoredObject pod, String direction) {
        Map<String, String> labels = Json.stringMap(pod.json(), "metadata", "labels");
        return state.list("networkpolicies.networking.k8s.io", pod.namespace()).stream()
                .filter(p -> types(p.json().path("spec")).contains(direction))
                .filter(p -> podSelector(p.json().path("spec")).matches(labels))
                .toList();
    }

    /** {@code policyTypes}, defaulted as the API server does: Ingress, plus Egress when egress rules exist. */
    private static List<String> types(JsonNode spec) {
        if (spec.path("policyTypes").isArray() && !spec.path("policyTypes").isEmpty()) {
            List<String> types = new java.util.ArrayList<>();
            spec.path("policyTypes").forEach(t -> types.add(t.asText()));
            return types;
        }
        return spec.path("egress").isArray() && !spec.path("egress").isEmpty() ? List.of("Ingress", "Egress")
                : List.of("Ingress");
    }

    /** A policy's own podSelector: omitted is the empty selector, every pod of the namespace. */
    private static LabelSelector podSelector(JsonNode spec) {
        JsonNode s = spec.path("podSelector");
        return s.isMissingNode() || s.isNull() ? LabelSelector.everything() : LabelSelector.fromObject(s);
    }

    /** No peers (field absent or empty) allows every address; otherwise one peer must match. */
    private static boolean peersMatch(ClusterState state, JsonNode peers, String policyNamespace, String ip,
            StoredObject pod) {
        if (!peers.isArray() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (peerMatches(state, peer, policyNamespace, ip, pod)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(ClusterState state, JsonNode peer, String policyNamespace, String ip,
            StoredObject pod) {
        JsonNode block = peer.path("ipBlock");
        if (!block.isMissingNode()) {
            return ip != null && inBlock(block, Ipv4.parse(ip));
        }
        if (pod == null || isHostNetwork(pod)) {
            return false;
        }
        JsonNode namespaces = peer.path("namespaceSelector");
        boolean namespaceMatches = namespaces.isMissingNode() || namespaces.isNull()
                ? pod.namespace().equals(policyNamespace)
                : LabelSelector.fromObject(namespaces).matches(namespaceLabels(state, pod.namespace()));
        JsonNode pods = peer.path("podSelector");
        boolean podMatches = pods.isMissingNode() || pods.isNull()
                || LabelSelector.fromObject(pods).matches(Json.stringMap(pod.json(), "metadata", "labels"));
        return namespaceMatches && podMatches;
    }

    /** Whether an IPv4 address lies in the block and outside its exceptions; IPv6 blocks hold none. */
    private static boolean inBlock(JsonNode block, long address) {
        if (!ipv4Contains(block.path("cidr").asText(), address)) {
            return false;
        }
        for (JsonNode except : block.path("except")) {
            if (ipv4Contains(except.asText(), address)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv4Contains(String cidr, long address) {
        return !cidr.contains(":") && Cidr.parse(cidr).contains(address);
    }

    /** No ports (field absent or empty) allows every port; otherwise one entry must match the TCP port. */
    private static boolean portsMatch(JsonNode ports, StoredObject destination, int port) {
        if (!ports.isArray() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (!"TCP".equals(p.path("protocol").asText("TCP"))) {
                continue;
            }
            JsonNode wanted = p.path("port");
            if (wanted.isMissingNode() || wanted.isNull()) {
                return true;
            }
            if (wanted.isTextual() && !wanted.asText().chars().allMatch(Character::isDigit)) {
                if (Pods.findPort(destination.json(), wanted.asText(), "TCP") == port) {
                    return true;
                }
            } else if (port >= wanted.asInt() && port <= p.path("endPort").asInt(wanted.asInt())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> namespaceLabels(ClusterState state, String namespace) {
        StoredObject ns = state.get(StoredObject.key("namespaces", "", namespace));
        return ns == null ? Map.of() : Json.stringMap(ns.json(), "metadata", "labels");
    }

    private static boolean isHostNetwork(StoredObject pod) {
        return pod.json().path("spec").path("hostNetwork").asBoolean(false);
    }

    /** The InternalIP of the node the pod runs on, or null. */
    private static String nodeIp(ClusterState state, StoredObject pod) {
        return Topology.internalIp(state, Json.text(pod.json(), "spec", "nodeName"));
    }
}
