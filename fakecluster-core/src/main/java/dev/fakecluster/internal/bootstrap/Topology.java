package dev.fakecluster.internal.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.manifest.ManifestReader;
import dev.fakecluster.internal.services.ServiceRegistry;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Creates what a fresh kubeadm-style cluster has before any user object: the nodes, the system
 * namespaces, the {@code kubernetes} Service with its Endpoints, and kubeadm's {@code kube-dns} Service.
 *
 * <p>Addresses follow the tutorial: nodes at 192.168.1.31, .32, ... ({@code node2} = .32,
 * {@code node3} = .33), pod CIDRs 10.244.&lt;i&gt;.0/24 in node order, the service network
 * 10.1.0.0/16 with the {@code kubernetes} Service at 10.1.0.1 and cluster DNS at 10.1.0.10.
 */
public final class Topology {

    public static final String SERVICE_CIDR = ServiceRegistry.SERVICE_CIDR;
    public static final String KUBERNETES_SERVICE_IP = "10.1.0.1";
    /** kubeadm's convention: the tenth address of the service network. */
    public static final String DNS_SERVICE_IP = "10.1.0.10";
    public static final String KUBELET_VERSION = "v1.32.0";
    private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-node-lease", "kube-public",
            "kube-system");

    private Topology() {
    }

    /** Creates nodes, namespaces, the kubernetes Service and the kube-dns Service. */
    public static void create(ApiServer api, List<String> nodeNames) {
        for (String ns : SYSTEM_NAMESPACES) {
            ObjectNode n = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
            n.putObject("metadata").put("name", ns);
            api.create(n, null, false);
        }
        boolean single = nodeNames.size() == 1;
        for (int i = 0; i < nodeNames.size(); i++) {
            api.create(node(nodeNames.get(i), i, i == 0, single, api.now()), null, false);
        }
        api.create(kubernetesService(), "default", false);
        api.create(kubernetesEndpoints(nodeAddress(0)), "default", false);
        api.create(kubeDnsService(), "kube-system", false);
    }

    /**
     * Creates kube-system's workloads as the tutorial's kubeadm cluster with Calico runs them:
     * CoreDNS (2 replicas, behind kube-dns), calico-kube-controllers, and the kube-proxy and
     * calico-node DaemonSets on every node.
     */
    public static void createSystemWorkloads(ApiServer api) {
        try (var in = Topology.class.getResourceAsStream("system-workloads.yaml")) {
            String yaml = new String(Objects.requireNonNull(in, "system-workloads.yaml").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            for (ObjectNode object : ManifestReader.read(yaml)) {
                api.create(object, "kube-system", false);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The InternalIP of the node at {@code index} in creation order. */
    public static String nodeAddress(int index) {
        int host = 31 + index;
        return host < 255 ? "192.168.1." + host : "192.168." + (2 + (host - 255) / 254) + "." + (1 + (host - 255) % 254);
    }

    /**
     * The /24 pod network of the node at {@code index}: 10.244.&lt;index&gt;.0/24 like kubeadm's
     * 10.244.0.0/16, continuing into 10.245.0.0/16 and on for clusters past 256 nodes.
     */
    public static String podCidr(int index) {
        return "10." + (244 + index / 256) + "." + (index % 256) + ".0/24";
    }

    /** A Node object as a kubeadm kubelet registers it. */
    public static ObjectNode node(String name, int index, boolean controlPlane, boolean schedulable, Instant now) {
        ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
        ObjectNode meta = node.putObject("metadata").put("name", name);
        ObjectNode labels = meta.putObject("labels");
        labels.put("beta.kubernetes.io/arch", "amd64").put("beta.kubernetes.io/os", "linux")
                .put("kubernetes.io/arch", "amd64").put("kubernetes.io/hostname", name)
                .put("kubernetes.io/os", "linux");
        if (controlPlane) {
            labels.put("node-role.kubernetes.io/control-plane", "");
            labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
        }
        meta.putObject("annotations").put("node.alpha.kubernetes.io/ttl", "0")
                .put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        ObjectNode spec = node.putObject("spec");
        String cidr = podCidr(index);
        spec.put("podCIDR", cidr);
        spec.putArray("podCIDRs").add(cidr);
        if (controlPlane && !schedulable) {
            spec.putArray("taints").addObject().put("key", "node-role.kubernetes.io/control-plane")
                    .put("effect", "NoSchedule");
        }
        ObjectNode status = node.putObject("status");
        ObjectNode capacity = status.putObject("capacity");
        capacity.put("cpu", "4").put("ephemeral-storage", "61255492Ki").put("hugepages-1Gi", "0")
                .put("hugepages-2Mi", "0").put("memory", "8152656Ki").put("pods", "110");
        ObjectNode allocatable = status.putObject("allocatable");
        allocatable.put("cpu", "4").put("ephemeral-storage", "56453061334").put("hugepages-1Gi", "0")
                .put("hugepages-2Mi", "0").put("memory", "8050256Ki").put("pods", "110");
        ArrayNode conditions = status.putArray("conditions");
        String since = Json.time(now);
        condition(conditions, since, "MemoryPressure", "False", "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available");
        condition(conditions, since, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure");
        condition(conditions, since, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available");
        condition(conditions, since, "Ready", "True", "KubeletReady", "kubelet is posting ready status");
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", nodeAddress(index));
        addresses.addObject().put("type", "Hostname").put("address", name);
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        status.putObject("nodeInfo").put("machineID", "").put("systemUUID", "").put("bootID", "")
                .put("kernelVersion", "6.1.0-fakecluster").put("osImage", "fakecluster simulated node")
                .put("containerRuntimeVersion", "containerd://1.7.24").put("kubeletVersion", KUBELET_VERSION)
                .put("kubeProxyVersion", KUBELET_VERSION).put("operatingSystem", "linux").put("architecture", "amd64");
        return node;
    }

    /** A node condition as the kubelet first reports it: heartbeat and transition at registration. */
    private static void condition(ArrayNode conditions, String since, String type, String status, String reason,
            String message) {
        conditions.addObject().put("type", type).put("status", status).put("lastHeartbeatTime", since)
                .put("lastTransitionTime", since).put("reason", reason).put("message", message);
    }

    private static ObjectNode kubernetesService() {
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        svc.putObject("metadata").put("name", "kubernetes").put("namespace", "default").putObject("labels")
                .put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec");
        spec.put("clusterIP", KUBERNETES_SERVICE_IP);
        spec.putArray("clusterIPs").add(KUBERNETES_SERVICE_IP);
        spec.putArray("ports").addObject().put("name", "https").put("port", 443).put("protocol", "TCP")
                .put("targetPort", 6443);
        spec.put("type", "ClusterIP");
        return svc;
    }

    /** kubeadm's kube-dns Service (CoreDNS's pods are not simulated; {@code Cluster.dns()} answers instead). */
    private static ObjectNode kubeDnsService() {
        ObjectNode svc = Json.object().put("apiVersion", "v1").put("kind", "Service");
        ObjectNode meta = svc.putObject("metadata").put("name", "kube-dns").put("namespace", "kube-system");
        meta.putObject("labels").put("k8s-app", "kube-dns").put("kubernetes.io/cluster-service", "true")
                .put("kubernetes.io/name", "CoreDNS");
        meta.putObject("annotations").put("prometheus.io/port", "9153").put("prometheus.io/scrape", "true");
        ObjectNode spec = svc.putObject("spec");
        ArrayNode ports = spec.putArray("ports");
        ports.addObject().put("name", "dns").put("port", 53).put("protocol", "UDP").put("targetPort", 53);
        ports.addObject().put("name", "dns-tcp").put("port", 53).put("protocol", "TCP").put("targetPort", 53);
        ports.addObject().put("name", "metrics").put("port", 9153).put("protocol", "TCP").put("targetPort", 9153);
        spec.putObject("selector").put("k8s-app", "kube-dns");
        spec.put("clusterIP", DNS_SERVICE_IP);
        spec.putArray("clusterIPs").add(DNS_SERVICE_IP);
        spec.put("type", "ClusterIP");
        return svc;
    }

    private static ObjectNode kubernetesEndpoints(String apiServerAddress) {
        ObjectNode ep = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
        ep.putObject("metadata").put("name", "kubernetes").put("namespace", "default").putObject("labels")
                .put("endpointslice.kubernetes.io/skip-mirror", "true");
        ObjectNode subset = ep.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", apiServerAddress);
        subset.putArray("ports").addObject().put("name", "https").put("port", 6443).put("protocol", "TCP");
        return ep;
    }

    /** The InternalIP of the node called {@code name}, or null when there is no such node. */
    public static String internalIp(ClusterState state, String name) {
        StoredObject node = name == null ? null : state.get(StoredObject.key("nodes", "", name));
        return node == null ? null : internalIp(node.json());
    }

    /** A Node object's InternalIP address, or null. */
    public static String internalIp(JsonNode node) {
        for (JsonNode a : Json.arrayAt(node, "status", "addresses")) {
            if ("InternalIP".equals(a.path("type").asText())) {
                return a.path("address").asText();
            }
        }
        return null;
    }
}
