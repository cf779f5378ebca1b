package dev.fakecluster.internal.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.net.Cidr;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The Service registry's part of the API server (pkg/registry/core/service/storage): ClusterIPs and
 * node ports are allocated in the create and update transactions themselves, not by a controller,
 * so a Service is never seen without them and a conflict rejects the request.
 *
 * <p>Allocation is random like upstream's (a random start in the upper band of the range, scanning
 * up), but the random start comes from a {@link Random} seeded with the Service's uid (and, on an
 * update, its resourceVersion): the uid is drawn from the cluster's seeded source before the
 * transaction, so a transaction that runs twice allocates the same values and nothing else is drawn.
 */
public final class ServiceRegistry {

    /** {@code --service-cluster-ip-range}: the tutorial's service network. */
    public static final String SERVICE_CIDR = "10.1.0.0/16";
    /** {@code --service-node-port-range}, the default 30000-32767. */
    public static final int NODE_PORT_MIN = 30000;
    public static final int NODE_PORT_MAX = 32767;

    private static final ClusterIpRange CLUSTER_IPS = new ClusterIpRange(Cidr.parse(SERVICE_CIDR));
    private static final NodePortRange NODE_PORTS = new NodePortRange(NODE_PORT_MIN, NODE_PORT_MAX);
    private static final List<String> SPEC_ORDER = List.of("ports", "selector", "clusterIP", "clusterIPs", "type",
            "externalIPs", "sessionAffinity", "loadBalancerIP", "loadBalancerSourceRanges", "externalName",
            "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses", "sessionAffinityConfig",
            "ipFamilies", "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
            "internalTrafficPolicy", "trafficDistribution");
    private static final List<String> PORT_ORDER = List.of("name", "protocol", "appProtocol", "port", "targetPort",
            "nodePort");

    private ServiceRegistry() {
    }

    /** Whether {@code kind} is the core Service. */
    public static boolean handles(KindInfo kind) {
        return kind.group().isEmpty() && kind.kind().equals("Service");
    }

    /**
     * PrepareForCreate and BeginCreate: the status starts empty, {@code clusterIPs} follows a lone
     * {@code clusterIP}, and the ClusterIP and node ports are allocated.
     *
     * @throws dev.fakecluster.ApiException Invalid for a taken or out-of-range value, InternalError for a full range
     */
    public static void allocateCreate(ClusterState state, KindInfo kind, ObjectNode svc, String uid) {
        ObjectNode spec = Json.with(svc, "spec");
        List<String> ips = ServiceSpecs.clusterIps(spec);
        if (!ips.isEmpty() && !spec.has("clusterIPs")) {
            spec.putArray("clusterIPs").add(ips.get(0));
        }
        ServiceAllocator allocator = new ServiceAllocator(state, key(svc), kind, name(svc), new Random(seed(uid, 0)));
        allocate(allocator, null, spec);
        Json.with(svc, "status").set("loadBalancer", Json.object());
        order(spec);
    }

    /** PrepareForUpdate's normalisation of {@code svc}'s spec against the stored {@code old}, before validation. */
    public static void prepareForUpdate(JsonNode old, ObjectNode svc) {
        ServiceUpdates.prepare(old.path("spec"), Json.with(svc, "spec"));
    }

    /** BeginUpdate: allocates what the updated Service newly needs (a ClusterIP after ExternalName, node ports). */
    public static void allocateUpdate(ClusterState state, KindInfo kind, StoredObject old, ObjectNode svc) {
        ObjectNode spec = Json.with(svc, "spec");
        ServiceAllocator allocator = new ServiceAllocator(state, old.key(), kind, old.name(),
                new Random(seed(old.uid(), old.resourceVersion())));
        allocate(allocator, old.json().path("spec"), spec);
        order(spec);
    }

    private static void allocate(ServiceAllocator allocator, JsonNode oldSpec, ObjectNode spec) {
        boolean hadClusterIp = oldSpec != null && ServiceSpecs.needsClusterIp(oldSpec)
                && !ServiceSpecs.clusterIps(oldSpec).isEmpty();
        if (ServiceSpecs.needsClusterIp(spec) && (!hadClusterIp || ServiceSpecs.clusterIps(spec).isEmpty())) {
            allocator.clusterIp(spec, CLUSTER_IPS);
        }
        Set<Integer> owned = oldSpec == null ? Set.of() : ServiceUpdates.nodePorts(oldSpec);
        if (!ServiceSpecs.type(spec).equals("ClusterIP") && !ServiceSpecs.type(spec).equals("ExternalName")) {
            allocator.nodePorts(spec, owned, ServiceSpecs.needsNodePort(spec), NODE_PORTS);
        }
        int oldHealthCheck = oldSpec == null ? 0 : oldSpec.path("healthCheckNodePort").asInt(0);
        if (ServiceSpecs.needsHealthCheckNodePort(spec)
                && (oldHealthCheck == 0 || spec.path("healthCheckNodePort").asInt(0) != oldHealthCheck)) {
            allocator.healthCheckNodePort(spec, NODE_PORTS);
        }
    }

    /** A 64-bit seed from the uid (and a resourceVersion), stable across runs. */
    private static long seed(String uid, long resourceVersion) {
        long h = 1125899906842597L;
        for (int i = 0; i < uid.length(); i++) {
            h = 31 * h + uid.charAt(i);
        }
        return h * 0x9E3779B97F4A7C15L + resourceVersion;
    }

    /** The spec's fields (and each port's) in the order the API server serialises them. */
    private static void order(ObjectNode spec) {
        reorder(spec, SPEC_ORDER);
        for (JsonNode p : Json.arrayAt(spec, "ports")) {
            if (p.isObject()) {
                reorder((ObjectNode) p, PORT_ORDER);
            }
        }
    }

    private static void reorder(ObjectNode node, List<String> order) {
        ObjectNode copy = node.deepCopy();
        node.removeAll();
        for (String f : order) {
            if (copy.has(f)) {
                node.set(f, copy.get(f));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!node.has(e.getKey())) {
                node.set(e.getKey(), e.getValue());
            }
        }
    }

    private static String key(JsonNode svc) {
        return StoredObject.key("services", Json.text(svc, "metadata", "namespace"), name(svc));
    }

    private static String name(JsonNode svc) {
        String name = Json.text(svc, "metadata", "name");
        return name == null ? "" : name;
    }
}
