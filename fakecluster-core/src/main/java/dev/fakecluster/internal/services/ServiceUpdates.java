package dev.fakecluster.internal.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Service strategy's {@code PrepareForUpdate} does before validation
 * (pkg/registry/core/service/strategy.go): keep allocated values a client left out, keep
 * {@code clusterIP} and {@code clusterIPs} in step, and wipe type-dependent values the client did
 * not touch when the type no longer needs them.
 */
final class ServiceUpdates {

    private ServiceUpdates() {
    }

    static void prepare(JsonNode oldSpec, ObjectNode spec) {
        patchAllocatedValues(oldSpec, spec);
        normalizeClusterIps(oldSpec, spec);
        dropTypeDependentFields(oldSpec, spec);
    }

    /** A PUT or apply that omits the clusterIP, a nodePort (matched by port name) or the health-check port keeps it. */
    private static void patchAllocatedValues(JsonNode oldSpec, ObjectNode spec) {
        if (ServiceSpecs.needsClusterIp(oldSpec) && ServiceSpecs.needsClusterIp(spec)) {
            if (text(spec, "clusterIP").isEmpty() && !text(oldSpec, "clusterIP").isEmpty()) {
                spec.put("clusterIP", text(oldSpec, "clusterIP"));
            }
            if (Json.arrayAt(spec, "clusterIPs").isEmpty() && !Json.arrayAt(oldSpec, "clusterIPs").isEmpty()) {
                spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
            }
        }
        if (ServiceSpecs.needsNodePort(oldSpec) && ServiceSpecs.needsNodePort(spec)) {
            Set<Integer> used = nodePorts(oldSpec);
            used.retainAll(nodePorts(spec));
            Map<String, Integer> byName = new HashMap<>();
            for (JsonNode p : Json.arrayAt(oldSpec, "ports")) {
                byName.put(p.path("name").asText(""), p.path("nodePort").asInt(0));
            }
            for (JsonNode p : Json.arrayAt(spec, "ports")) {
                if (p.isObject() && p.path("nodePort").asInt(0) == 0) {
                    int old = byName.getOrDefault(p.path("name").asText(""), 0);
                    if (old != 0 && !used.contains(old)) {
                        ((ObjectNode) p).put("nodePort", old);
                    }
                }
            }
        }
        if (ServiceSpecs.needsHealthCheckNodePort(oldSpec) && ServiceSpecs.needsHealthCheckNodePort(spec)
                && spec.path("healthCheckNodePort").asInt(0) == 0 && oldSpec.path("healthCheckNodePort").asInt(0) != 0) {
            spec.put("healthCheckNodePort", oldSpec.path("healthCheckNodePort").asInt());
        }
    }

    /** NormalizeClusterIPs for an update: an old client's clusterIP-only change (or clearing) carries into clusterIPs. */
    private static void normalizeClusterIps(JsonNode oldSpec, ObjectNode spec) {
        String oldIp = text(oldSpec, "clusterIP");
        String newIp = text(spec, "clusterIP");
        if (!Json.arrayAt(oldSpec, "clusterIPs").isEmpty() && Json.arrayAt(spec, "clusterIPs").isEmpty()
                && oldIp.equals(newIp)) {
            spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
        }
        if (!oldIp.equals(newIp)) {
            boolean sameIps = Json.arrayAt(oldSpec, "clusterIPs").equals(Json.arrayAt(spec, "clusterIPs"));
            if (!oldIp.isEmpty() && newIp.isEmpty() && sameIps) {
                spec.remove("clusterIPs");
            }
            if (!newIp.isEmpty() && sameIps) {
                spec.putArray("clusterIPs").add(newIp);
            }
        }
    }

    /** dropTypeDependentFields, less the load-balancer status (the load-balancer controller clears that). */
    private static void dropTypeDependentFields(JsonNode oldSpec, ObjectNode spec) {
        if (ServiceSpecs.needsClusterIp(oldSpec) && !ServiceSpecs.needsClusterIp(spec)) {
            if (Json.arrayAt(oldSpec, "clusterIPs").equals(Json.arrayAt(spec, "clusterIPs"))) {
                spec.remove(List.of("clusterIP", "clusterIPs"));
            }
            if (Json.arrayAt(oldSpec, "ipFamilies").equals(Json.arrayAt(spec, "ipFamilies"))) {
                spec.remove("ipFamilies");
            }
            if (text(oldSpec, "ipFamilyPolicy").equals(text(spec, "ipFamilyPolicy"))) {
                spec.remove("ipFamilyPolicy");
            }
        }
        if (ServiceSpecs.needsNodePort(oldSpec) && !ServiceSpecs.needsNodePort(spec)
                && nodePorts(oldSpec).equals(nodePorts(spec))) {
            for (JsonNode p : Json.arrayAt(spec, "ports")) {
                if (p.isObject()) {
                    ((ObjectNode) p).remove("nodePort");
                }
            }
        }
        if (ServiceSpecs.needsHealthCheckNodePort(oldSpec) && !ServiceSpecs.needsHealthCheckNodePort(spec)
                && oldSpec.path("healthCheckNodePort").equals(spec.path("healthCheckNodePort"))) {
            spec.remove("healthCheckNodePort");
        }
        if (!ServiceSpecs.type(spec).equals("LoadBalancer") && oldSpec.has("allocateLoadBalancerNodePorts")
                && oldSpec.path("allocateLoadBalancerNodePorts").equals(spec.path("allocateLoadBalancerNodePorts"))) {
            spec.remove("allocateLoadBalancerNodePorts");
        }
        boolean externalBefore = needsExternalTrafficPolicy(oldSpec);
        if (externalBefore && !needsExternalTrafficPolicy(spec)
                && text(oldSpec, "externalTrafficPolicy").equals(text(spec, "externalTrafficPolicy"))) {
            spec.remove("externalTrafficPolicy");
        }
    }

    private static boolean needsExternalTrafficPolicy(JsonNode spec) {
        String type = ServiceSpecs.type(spec);
        return type.equals("NodePort") || type.equals("LoadBalancer");
    }

    /** The non-zero nodePorts of a spec's ports. */
    static Set<Integer> nodePorts(JsonNode spec) {
        Set<Integer> out = new HashSet<>();
        ArrayNode ports = Json.arrayAt(spec, "ports");
        for (JsonNode p : ports) {
            int n = p.path("nodePort").asInt(0);
            if (n != 0) {
                out.add(n);
            }
        }
        return out;
    }

    private static String text(JsonNode spec, String field) {
        String v = Json.text(spec, field);
        return v == null ? "" : v;
    }
}
