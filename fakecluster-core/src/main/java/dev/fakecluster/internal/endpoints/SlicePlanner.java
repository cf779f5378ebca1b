package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which EndpointSlices to create, rewrite and delete so that a Service's slices hold the desired
 * endpoints (the endpointslice reconciler, simplified): endpoints with the same port list share
 * slices of at most 100; an endpoint stays in the slice it is in, new ones fill existing slices
 * first; a Service with no endpoints keeps one placeholder slice; a slice that would be deleted
 * while another is created is rewritten instead, keeping its name.
 */
final class SlicePlanner {

    static final int MAX_ENDPOINTS_PER_SLICE = 100;

    /**
     * A slice's payload.
     *
     * @param endpoints its endpoints
     * @param ports its ports
     */
    record Content(ArrayNode endpoints, ArrayNode ports) {
        static Content placeholder() {
            return new Content(Json.array(), Json.array());
        }
    }

    /**
     * The outcome.
     *
     * @param creates slices to create
     * @param keeps existing slices (by name) with their new payload, written when it changed
     * @param deletes slices to delete
     */
    record Plan(List<Content> creates, Map<String, Content> keeps, List<String> deletes) {
    }

    private SlicePlanner() {
    }

    /**
     * Plans from the Service's {@code existing} slices (in name order) and the desired endpoints
     * grouped by their port list (keyed by the list's JSON).
     */
    static Plan plan(List<StoredObject> existing, Map<String, Content> desired) {
        Map<String, List<StoredObject>> existingByPorts = new LinkedHashMap<>();
        for (StoredObject slice : existing) {
            existingByPorts.computeIfAbsent(Json.write(slice.json().path("ports")), k -> new ArrayList<>()).add(slice);
        }
        List<Content> creates = new ArrayList<>();
        Map<String, Content> keeps = new LinkedHashMap<>();
        List<String> deletes = new ArrayList<>();
        for (Map.Entry<String, Content> group : desired.entrySet()) {
            List<StoredObject> slices = existingByPorts.remove(group.getKey());
            fill(slices == null ? List.of() : slices, group.getValue(), creates, keeps, deletes);
        }
        existingByPorts.values().forEach(list -> list.forEach(s -> deletes.add(s.name())));
        if (keeps.isEmpty() && creates.isEmpty()) {
            if (deletes.size() == 1 && isPlaceholder(existing.get(0))) {
                keeps.put(deletes.remove(0), Content.placeholder());
            } else {
                creates.add(Content.placeholder());
            }
        }
        while (!deletes.isEmpty() && !creates.isEmpty()) {
            keeps.put(deletes.remove(0), creates.remove(creates.size() - 1));
        }
        return new Plan(creates, keeps, deletes);
    }

    /** Keeps each wanted endpoint in the slice it is in, then tops slices up and opens new ones. */
    private static void fill(List<StoredObject> slices, Content group, List<Content> creates, Map<String, Content> keeps,
            List<String> deletes) {
        Map<String, JsonNode> wanted = new LinkedHashMap<>();
        group.endpoints().forEach(e -> wanted.put(address(e), e));
        Set<String> placed = new HashSet<>();
        Map<String, ArrayNode> filled = new LinkedHashMap<>();
        for (StoredObject slice : slices) {
            ArrayNode endpoints = Json.array();
            for (JsonNode e : slice.json().path("endpoints")) {
                String address = address(e);
                if (wanted.containsKey(address) && placed.add(address)) {
                    endpoints.add(wanted.get(address));
                }
            }
            filled.put(slice.name(), endpoints);
        }
        List<JsonNode> remaining = new ArrayList<>();
        wanted.forEach((address, e) -> {
            if (!placed.contains(address)) {
                remaining.add(e);
            }
        });
        int next = 0;
        for (ArrayNode endpoints : filled.values()) {
            while (endpoints.size() < MAX_ENDPOINTS_PER_SLICE && next < remaining.size()) {
                endpoints.add(remaining.get(next++));
            }
        }
        filled.forEach((name, endpoints) -> {
            if (endpoints.isEmpty()) {
                deletes.add(name);
            } else {
                keeps.put(name, new Content(endpoints, group.ports()));
            }
        });
        while (next < remaining.size()) {
            ArrayNode endpoints = Json.array();
            while (endpoints.size() < MAX_ENDPOINTS_PER_SLICE && next < remaining.size()) {
                endpoints.add(remaining.get(next++));
            }
            creates.add(new Content(endpoints, group.ports()));
        }
    }

    private static boolean isPlaceholder(StoredObject slice) {
        return slice.json().path("endpoints").isEmpty() && slice.json().path("ports").isEmpty();
    }

    private static String address(JsonNode endpoint) {
        return endpoint.path("addresses").path(0).asText();
    }

    /** A fresh group's payload. */
    static Content group(ArrayNode ports) {
        return new Content(Json.array(), ports);
    }

    /** Adds an endpoint to a group's payload. */
    static void add(Content group, ObjectNode endpoint) {
        group.endpoints().add(endpoint);
    }
}
