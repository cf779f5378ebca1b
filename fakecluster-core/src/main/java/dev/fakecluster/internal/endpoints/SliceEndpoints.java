package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Service's endpoints as kube-proxy and CoreDNS read them: from every IPv4 EndpointSlice labelled
 * with the Service's name (whoever manages it), one backend per address, sorted by address.
 */
public final class SliceEndpoints {

    /**
     * One endpoint.
     *
     * @param ip its address
     * @param hostname its DNS hostname, or null
     * @param nodeName the node it runs on, or null
     * @param podNamespace the namespace of the pod behind it, or null when it is not a pod
     * @param podName the pod behind it, or null
     * @param ready whether it takes new traffic
     * @param serving whether it answers (ready, or terminating but still ready)
     * @param terminating whether it is on its way out
     * @param ports its port numbers by Service port name ("" for an unnamed port)
     */
    public record Backend(String ip, String hostname, String nodeName, String podNamespace, String podName,
            boolean ready, boolean serving, boolean terminating, Map<String, Integer> ports) {
    }

    private SliceEndpoints() {
    }

    /** The backends of Service {@code name} in {@code namespace}, sorted by address. */
    public static List<Backend> of(ClusterState state, String namespace, String name) {
        return of(slices(state, namespace, name));
    }

    /** The IPv4 EndpointSlices of Service {@code name} in {@code namespace}. */
    public static List<StoredObject> slices(ClusterState state, String namespace, String name) {
        List<StoredObject> out = new ArrayList<>();
        for (StoredObject slice : state.list(EndpointSliceController.RESOURCE, namespace)) {
            if (name.equals(slice.labels().get(EndpointSliceController.SERVICE_NAME_LABEL))
                    && "IPv4".equals(slice.json().path("addressType").asText())) {
                out.add(slice);
            }
        }
        return out;
    }

    /** The backends these slices list, sorted by address; an address in two slices counts once. */
    public static List<Backend> of(List<StoredObject> slices) {
        List<Backend> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (StoredObject slice : slices) {
            JsonNode s = slice.json();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (JsonNode p : s.path("ports")) {
                ports.put(p.path("name").asText(""), p.path("port").asInt());
            }
            for (JsonNode e : s.path("endpoints")) {
                String ip = e.path("addresses").path(0).asText("");
                if (ip.isEmpty() || !seen.add(ip)) {
                    continue;
                }
                JsonNode c = e.path("conditions");
                JsonNode ref = e.path("targetRef");
                boolean isPod = "Pod".equals(ref.path("kind").asText());
                out.add(new Backend(ip, text(e, "hostname"), text(e, "nodeName"), isPod ? text(ref, "namespace") : null,
                        isPod ? text(ref, "name") : null, c.path("ready").asBoolean(true), c.path("serving").asBoolean(true),
                        c.path("terminating").asBoolean(false), Map.copyOf(ports)));
            }
        }
        out.sort(Comparator.comparing(Backend::ip));
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field) {
        String v = node.path(field).asText("");
        return v.isEmpty() ? null : v;
    }
}
