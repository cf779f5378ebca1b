package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.List;

/** kubectl's describers for Services and Endpoints. */
final class ServiceDescriber {

    /** How many endpoints kubectl lists before {@code + N more...}. */
    private static final int ENDPOINTS_SHOWN = 3;

    private ServiceDescriber() {
    }

    static void service(DescribeWriter w, JsonNode svc, Lookup lookup) {
        JsonNode spec = svc.path("spec");
        Meta.nameAndNamespace(w, svc);
        Meta.labelsAndAnnotations(w, svc);
        w.line(0, "Selector", Meta.formatLabels(Json.stringMap(spec, "selector")));
        w.line(0, "Type", spec.path("type").asText(""));
        if (spec.has("ipFamilyPolicy")) {
            w.line(0, "IP Family Policy", spec.path("ipFamilyPolicy").asText());
        }
        w.line(0, "IP Families", joined(spec.path("ipFamilies"), ",", "<none>"));
        w.line(0, "IP", spec.path("clusterIP").asText(""));
        w.line(0, "IPs", joined(spec.path("clusterIPs"), ",", "<none>"));
        if (!spec.path("externalIPs").isEmpty()) {
            w.line(0, "External IPs", joined(spec.path("externalIPs"), ",", ""));
        }
        if (!spec.path("loadBalancerIP").asText("").isEmpty()) {
            w.line(0, "Desired LoadBalancer IP", spec.path("loadBalancerIP").asText());
        }
        if (!spec.path("externalName").asText("").isEmpty()) {
            w.line(0, "External Name", spec.path("externalName").asText());
        }
        JsonNode ingress = svc.path("status").path("loadBalancer").path("ingress");
        if (!ingress.isEmpty()) {
            List<String> list = new ArrayList<>();
            ingress.forEach(i -> list.add(i.has("ip") ? i.path("ip").asText()
                    + (i.has("ipMode") ? " (" + i.path("ipMode").asText() + ")" : "") : i.path("hostname").asText("")));
            w.line(0, "LoadBalancer Ingress", String.join(", ", list));
        }
        List<JsonNode> slices = lookup.list("endpointslices.discovery.k8s.io", svc.path("metadata").path("namespace").asText(),
                "kubernetes.io/service-name=" + Meta.name(svc), null);
        for (JsonNode p : spec.path("ports")) {
            String name = p.path("name").asText("");
            String shown = name.isEmpty() ? "<unset>" : name;
            String protocol = p.path("protocol").asText("TCP");
            w.write(0, "Port:\t" + shown + "\t" + p.path("port").asInt() + "/" + protocol + "\n");
            w.line(0, "TargetPort", p.path("targetPort").asText() + "/" + protocol);
            if (p.path("nodePort").asInt(0) != 0) {
                w.write(0, "NodePort:\t" + shown + "\t" + p.path("nodePort").asInt() + "/" + protocol + "\n");
            }
            w.line(0, "Endpoints", endpoints(slices, name));
        }
        w.line(0, "Session Affinity", spec.path("sessionAffinity").asText(""));
        if (!spec.path("externalTrafficPolicy").asText("").isEmpty()) {
            w.line(0, "External Traffic Policy", spec.path("externalTrafficPolicy").asText());
        }
        if (spec.has("internalTrafficPolicy")) {
            w.line(0, "Internal Traffic Policy", spec.path("internalTrafficPolicy").asText());
        }
        if (spec.path("healthCheckNodePort").asInt(0) != 0) {
            w.line(0, "HealthCheck NodePort", spec.path("healthCheckNodePort").asInt());
        }
        if (!spec.path("loadBalancerSourceRanges").isEmpty()) {
            w.line(0, "LoadBalancer Source Ranges", joined(spec.path("loadBalancerSourceRanges"), ",", ""));
        }
        Events.section(w, Events.about(lookup, svc, "Service"), lookup);
    }

    /**
     * formatEndpointSlices: the ready endpoints' {@code ip:port} for the port of this name (addresses
     * alone for a slice without ports), three at most; empty text when the slices hold none.
     */
    private static String endpoints(List<JsonNode> slices, String portName) {
        if (slices.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode slice : slices) {
            List<Integer> ports = new ArrayList<>();
            for (JsonNode port : slice.path("ports")) {
                if (portName.equals(port.path("name").asText(""))) {
                    ports.add(port.path("port").asInt());
                }
            }
            if (slice.path("ports").isEmpty()) {
                ports.add(null);
            }
            for (Integer port : ports) {
                for (JsonNode e : slice.path("endpoints")) {
                    if (list.size() == ENDPOINTS_SHOWN) {
                        more = true;
                    }
                    if (!e.path("conditions").path("ready").asBoolean(true)) {
                        continue;
                    }
                    if (!more) {
                        String address = e.path("addresses").path(0).asText();
                        list.add(port == null ? address : (address.contains(":") ? "[" + address + "]" : address) + ":" + port);
                    }
                    count++;
                }
            }
        }
        String joined = String.join(",", list);
        return more ? joined + " + " + (count - ENDPOINTS_SHOWN) + " more..." : joined;
    }

    static void endpoints(DescribeWriter w, JsonNode ep, Lookup lookup) {
        Meta.nameAndNamespace(w, ep);
        Meta.labelsAndAnnotations(w, ep);
        w.write(0, "Subsets:\n");
        for (JsonNode subset : ep.path("subsets")) {
            w.line(1, "Addresses", ips(subset.path("addresses")));
            w.line(1, "NotReadyAddresses", ips(subset.path("notReadyAddresses")));
            if (!subset.path("ports").isEmpty()) {
                w.write(1, "Ports:\n");
                w.write(2, "Name\tPort\tProtocol\n");
                w.write(2, "----\t----\t--------\n");
                for (JsonNode p : subset.path("ports")) {
                    String name = p.path("name").asText("");
                    w.write(2, (name.isEmpty() ? "<unset>" : name) + "\t" + p.path("port").asInt() + "\t"
                            + p.path("protocol").asText("TCP") + "\n");
                }
            }
            w.write(0, "\n");
        }
        Events.section(w, Events.about(lookup, ep, "Endpoints"), lookup);
    }

    private static String ips(JsonNode addresses) {
        List<String> ips = new ArrayList<>();
        addresses.forEach(a -> ips.add(a.path("ip").asText()));
        return ips.isEmpty() ? "<none>" : String.join(",", ips);
    }

    private static String joined(JsonNode values, String separator, String none) {
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(v.asText()));
        return parts.isEmpty() ? none : String.join(separator, parts);
    }
}
