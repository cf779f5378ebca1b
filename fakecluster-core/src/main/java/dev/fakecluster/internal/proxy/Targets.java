package dev.fakecluster.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kubelet.NodeAgents;
import dev.fakecluster.internal.services.ServiceSpecs;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;

/**
 * Finds what answers at an IPv4 address and TCP port: a Service's ClusterIP or load-balancer
 * address (by Service port), a node's address (by node port, else a hostNetwork or hostPort pod
 * there; a dead node answers nothing), or a pod's address. An address nobody has is unreachable.
 */
final class Targets {

    private Targets() {
    }

    static Target find(ClusterState state, NodeAgents agents, String ip, int port) {
        for (StoredObject svc : state.list("services", null)) {
            JsonNode spec = svc.json().path("spec");
            boolean clusterIp = !ServiceSpecs.isHeadless(spec) && ServiceSpecs.clusterIps(spec).contains(ip);
            if (clusterIp || isIngress(svc.json(), ip)) {
                JsonNode p = servicePort(spec, port);
                return p == null ? new Target.Refused() : new Target.ServicePort(svc, p, null);
            }
        }
        for (StoredObject node : state.list("nodes", null)) {
            if (ip.equals(Topology.internalIp(node.json()))) {
                return agents.isAlive(node.name()) ? nodePort(state, node.name(), port) : new Target.Unreachable();
            }
        }
        StoredObject pod = podAt(state, ip);
        return pod != null ? new Target.Pod(pod, port) : new Target.Unreachable();
    }

    /** The running pod with this address (a terminating one only when no other has it), or null. */
    static StoredObject podAt(ClusterState state, String ip) {
        StoredObject found = null;
        for (StoredObject pod : state.list("pods", null)) {
            if (ip.equals(Json.text(pod.json(), "status", "podIP")) && !Pods.isTerminal(pod.json())
                    && !pod.json().path("spec").path("hostNetwork").asBoolean(false)) {
                if (!pod.isDeleting()) {
                    return pod;
                }
                found = pod;
            }
        }
        return found;
    }

    /** A node port, else a pod on the node's own network (hostNetwork) or with that hostPort, else refused. */
    private static Target nodePort(ClusterState state, String node, int port) {
        for (StoredObject svc : state.list("services", null)) {
            for (JsonNode p : svc.json().path("spec").path("ports")) {
                if (p.path("nodePort").asInt(0) == port && "TCP".equals(p.path("protocol").asText("TCP"))) {
                    return new Target.ServicePort(svc, p, node);
                }
            }
        }
        StoredObject hostNetwork = null;
        for (StoredObject pod : state.list("pods", null)) {
            JsonNode spec = pod.json().path("spec");
            if (!node.equals(spec.path("nodeName").asText()) || Pods.isTerminal(pod.json())) {
                continue;
            }
            boolean onHost = spec.path("hostNetwork").asBoolean(false);
            for (JsonNode c : spec.path("containers")) {
                for (JsonNode p : c.path("ports")) {
                    int hostPort = p.path("hostPort").asInt(onHost ? p.path("containerPort").asInt() : 0);
                    if (hostPort == port && "TCP".equals(p.path("protocol").asText("TCP"))) {
                        return new Target.Pod(pod, p.path("containerPort").asInt());
                    }
                }
            }
            if (onHost && hostNetwork == null) {
                hostNetwork = pod;
            }
        }
        return hostNetwork != null ? new Target.Pod(hostNetwork, port) : new Target.Refused();
    }

    private static JsonNode servicePort(JsonNode spec, int port) {
        for (JsonNode p : spec.path("ports")) {
            if (p.path("port").asInt() == port && "TCP".equals(p.path("protocol").asText("TCP"))) {
                return p;
            }
        }
        return null;
    }

    private static boolean isIngress(JsonNode svc, String ip) {
        if (!"LoadBalancer".equals(ServiceSpecs.type(svc.path("spec")))) {
            return false;
        }
        for (JsonNode i : svc.path("status").path("loadBalancer").path("ingress")) {
            if (ip.equals(i.path("ip").asText())) {
                return true;
            }
        }
        return false;
    }
}
