package dev.fakecluster.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Puts an object's top-level and metadata fields in the order the API server serializes them
 * ({@code kind, apiVersion, metadata, spec, ..., status}), so output is stable and reads like
 * {@code kubectl get -o json}.
 */
final class Canonical {

    private static final List<String> METADATA_ORDER = List.of("name", "generateName", "namespace", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

    private Canonical() {
    }

    static ObjectNode order(ObjectNode obj) {
        ObjectNode out = Json.object();
        copy(obj, out, "kind");
        copy(obj, out, "apiVersion");
        ObjectNode meta = Json.objectAt(obj, "metadata");
        if (meta != null) {
            ObjectNode m = out.putObject("metadata");
            METADATA_ORDER.forEach(f -> copy(meta, m, f));
            rest(meta, m);
        }
        copy(obj, out, "spec");
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!out.has(e.getKey()) && !e.getKey().equals("status")) {
                out.set(e.getKey(), e.getValue());
            }
        }
        copy(obj, out, "status");
        return out;
    }

    private static void copy(ObjectNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null) {
            to.set(field, v);
        }
    }

    private static void rest(ObjectNode from, ObjectNode to) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!to.has(e.getKey())) {
                to.set(e.getKey(), e.getValue());
            }
        }
    }
}
