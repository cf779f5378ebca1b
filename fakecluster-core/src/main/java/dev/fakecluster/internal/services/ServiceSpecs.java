package dev.fakecluster.internal.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Questions asked about a Service's spec, answered as the registry's helpers (needsClusterIP, needsNodePort, ...) do. */
public final class ServiceSpecs {

    private ServiceSpecs() {
    }

    /** {@code spec.type}, ClusterIP when unset. */
    public static String type(JsonNode spec) {
        String type = Json.text(spec, "type");
        return type == null || type.isEmpty() ? "ClusterIP" : type;
    }

    /** Every type but ExternalName has a ClusterIP (or is headless). */
    public static boolean needsClusterIp(JsonNode spec) {
        return !type(spec).equals("ExternalName");
    }

    /** NodePort Services, and LoadBalancers unless {@code allocateLoadBalancerNodePorts} is false. */
    public static boolean needsNodePort(JsonNode spec) {
        String type = type(spec);
        return type.equals("NodePort")
                || type.equals("LoadBalancer") && spec.path("allocateLoadBalancerNodePorts").asBoolean(true);
    }

    /** LoadBalancers with {@code externalTrafficPolicy: Local} get a health-check node port. */
    public static boolean needsHealthCheckNodePort(JsonNode spec) {
        return type(spec).equals("LoadBalancer") && "Local".equals(Json.text(spec, "externalTrafficPolicy"));
    }

    /** {@code spec.clusterIPs}, or the single {@code spec.clusterIP} when only that is set; empty when neither is. */
    public static List<String> clusterIps(JsonNode spec) {
        List<String> ips = new ArrayList<>();
        Json.arrayAt(spec, "clusterIPs").forEach(ip -> ips.add(ip.asText()));
        String single = Json.text(spec, "clusterIP");
        if (ips.isEmpty() && single != null && !single.isEmpty()) {
            ips.add(single);
        }
        return ips;
    }

    /** {@code clusterIP: None}. */
    public static boolean isHeadless(JsonNode spec) {
        return "None".equals(Json.text(spec, "clusterIP"));
    }

    /** The selector, or null for a Service without one (an empty selector counts as none, as after a round trip through etcd). */
    public static Map<String, String> selector(JsonNode spec) {
        Map<String, String> selector = Json.stringMap(spec, "selector");
        return selector.isEmpty() ? null : selector;
    }
}
