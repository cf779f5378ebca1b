package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.services.ServiceSpecs;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code subsets} of a Service's v1 Endpoints (endpoints_controller.go syncService, then
 * RepackSubsets and truncateEndpoints): one address per published pod and resolved port, ready
 * pods in {@code addresses}, the others in {@code notReadyAddresses}, terminating pods left out;
 * addresses offering the same ports share a subset; at most 1000 addresses.
 */
final class Subsets {

    static final int MAX_CAPACITY = 1000;

    /**
     * The subsets and whether they were truncated to {@link #MAX_CAPACITY}.
     *
     * @param subsets the subsets, empty when no pod is published
     * @param truncated whether addresses were dropped
     */
    record Result(ArrayNode subsets, boolean truncated) {
    }

    private record Address(ObjectNode json, boolean ready) {
        String ip() {
            return json.path("ip").asText();
        }

        String uid() {
            return json.path("targetRef").path("uid").asText();
        }
    }

    private Subsets() {
    }

    static Result of(StoredObject svc, List<StoredObject> pods) {
        JsonNode spec = svc.json().path("spec");
        boolean tolerateUnready = spec.path("publishNotReadyAddresses").asBoolean(false);
        // port (as canonical JSON; "" for a headless Service without ports) -> addresses offering it
        Map<String, Map<String, Address>> byPort = new LinkedHashMap<>();
        Map<String, ObjectNode> ports = new LinkedHashMap<>();
        for (StoredObject pod : pods) {
            if (!ServicePods.published(pod.json(), tolerateUnready)) {
                continue;
            }
            Address address = new Address(address(pod, svc), tolerateUnready || Pods.isReady(pod.json()));
            if (spec.path("ports").isEmpty()) {
                if (ServiceSpecs.isHeadless(spec)) {
                    byPort.computeIfAbsent("", k -> new TreeMap<>()).put(address.ip() + "/" + address.uid(), address);
                }
                continue;
            }
            for (JsonNode servicePort : spec.path("ports")) {
                int number = TargetPorts.find(pod.json(), servicePort);
                if (number < 0) {
                    continue;
                }
                ObjectNode port = Json.object();
                if (!servicePort.path("name").asText("").isEmpty()) {
                    port.put("name", servicePort.path("name").asText());
                }
                port.put("port", number).put("protocol", servicePort.path("protocol").asText("TCP"));
                if (servicePort.has("appProtocol")) {
                    port.put("appProtocol", servicePort.path("appProtocol").asText());
                }
                String key = Json.write(port);
                ports.put(key, port);
                byPort.computeIfAbsent(key, k -> new TreeMap<>()).put(address.ip() + "/" + address.uid(), address);
            }
        }
        return truncate(repack(byPort, ports));
    }

    /** Addresses offering the same set of ports become one subset; addresses sorted by IP, then uid. */
    private static List<ObjectNode> repack(Map<String, Map<String, Address>> byPort, Map<String, ObjectNode> ports) {
        Map<String, List<String>> portsByAddressSet = new TreeMap<>();
        Map<String, Map<String, Address>> addressSets = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Address>> e : byPort.entrySet()) {
            String setKey = String.join(",", e.getValue().entrySet().stream()
                    .map(a -> a.getKey() + (a.getValue().ready() ? "+" : "-")).toList());
            addressSets.putIfAbsent(setKey, e.getValue());
            List<String> list = portsByAddressSet.computeIfAbsent(setKey, k -> new ArrayList<>());
            if (!e.getKey().isEmpty()) {
                list.add(e.getKey());
            }
        }
        List<ObjectNode> subsets = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : portsByAddressSet.entrySet()) {
            ObjectNode subset = Json.object();
            List<Address> addresses = new ArrayList<>(addressSets.get(e.getKey()).values());
            addresses.sort(Comparator.comparing(Address::ip).thenComparing(Address::uid));
            ArrayNode ready = Json.array();
            ArrayNode notReady = Json.array();
            addresses.forEach(a -> (a.ready() ? ready : notReady).add(a.json()));
            if (!ready.isEmpty()) {
                subset.set("addresses", ready);
            }
            if (!notReady.isEmpty()) {
                subset.set("notReadyAddresses", notReady);
            }
            ArrayNode portList = subset.putArray("ports");
            e.getValue().stream().map(ports::get)
                    .sorted(Comparator.comparing((ObjectNode p) -> p.path("name").asText())
                            .thenComparingInt(p -> p.path("port").asInt())
                            .thenComparing(p -> p.path("protocol").asText()))
                    .forEach(portList::add);
            if (portList.isEmpty()) {
                subset.remove("ports");
            }
            subsets.add(subset);
        }
        return subsets;
    }

    /** truncateEndpoints: over 1000 addresses, each subset keeps its proportional share (not-ready ones go first). */
    private static Result truncate(List<ObjectNode> subsets) {
        int totalReady = 0;
        int totalNotReady = 0;
        for (ObjectNode s : subsets) {
            totalReady += s.path("addresses").size();
            totalNotReady += s.path("notReadyAddresses").size();
        }
        ArrayNode out = Json.array();
        if (totalReady + totalNotReady <= MAX_CAPACITY) {
            subsets.forEach(out::add);
            return new Result(out, false);
        }
        boolean truncateReady = totalReady > MAX_CAPACITY;
        int max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
        int total = truncateReady ? totalReady : totalNotReady;
        int canBeAdded = max;
        for (ObjectNode s : subsets) {
            ArrayNode list = Json.arrayAt(s, truncateReady ? "addresses" : "notReadyAddresses");
            int toBeAdded = Math.min((int) Math.ceil((double) list.size() / total * max), canBeAdded);
            ArrayNode kept = Json.array();
            for (int i = 0; i < Math.min(toBeAdded, list.size()); i++) {
                kept.add(list.get(i));
            }
            canBeAdded -= kept.size();
            ObjectNode subset = Json.object();
            JsonNode ready = truncateReady ? kept : s.path("addresses");
            if (!ready.isEmpty()) {
                subset.set("addresses", ready);
            }
            if (!truncateReady && !kept.isEmpty()) {
                subset.set("notReadyAddresses", kept);
            }
            if (s.has("ports")) {
                subset.set("ports", s.get("ports"));
            }
            out.add(subset);
        }
        return new Result(out, true);
    }

    /** EndpointAddress for a pod: ip, hostname (when it applies), nodeName, targetRef. */
    private static ObjectNode address(StoredObject pod, StoredObject svc) {
        ObjectNode a = Json.object().put("ip", ServicePods.podIp(pod.json()));
        String hostname = ServicePods.hostname(pod.json(), svc);
        if (hostname != null) {
            a.put("hostname", hostname);
        }
        a.put("nodeName", Pods.nodeName(pod.json()));
        a.putObject("targetRef").put("kind", "Pod").put("namespace", pod.namespace()).put("name", pod.name())
                .put("uid", pod.uid());
        return a;
    }
}
