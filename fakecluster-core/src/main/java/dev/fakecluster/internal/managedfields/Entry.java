package dev.fakecluster.internal.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.util.Comparator;
import java.util.Optional;

/**
 * One {@code managedFields} entry: a manager, its operation ({@code Apply} or {@code Update}), the
 * API version and subresource it wrote through, when it last changed something, and its fields.
 * Entries with the same manager, operation, version and subresource are one.
 */
record Entry(String manager, String operation, String apiVersion, String time, String subresource, FieldSet fields) {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /** The order the API server writes entries in: Apply before Update, then by time, manager, version, subresource. */
    static final Comparator<Entry> ORDER = Comparator.comparing(Entry::operation)
            .thenComparing(e -> e.time() == null ? "" : e.time())
            .thenComparing(Entry::manager)
            .thenComparing(Entry::apiVersion)
            .thenComparing(Entry::subresource);

    static Entry of(Manager m, String operation, String time, FieldSet fields) {
        return new Entry(m.name(), operation, m.apiVersion(), time, m.subresource(), fields);
    }

    boolean sameIdentity(Entry other) {
        return manager.equals(other.manager) && operation.equals(other.operation)
                && apiVersion.equals(other.apiVersion) && subresource.equals(other.subresource);
    }

    Entry withFields(FieldSet f) {
        return new Entry(manager, operation, apiVersion, time, subresource, f);
    }

    Entry withTime(String t) {
        return new Entry(manager, operation, apiVersion, t, subresource, fields);
    }

    /** The entry in a Status message: {@code "kubectl" with subresource "scale" using apps/v1}. */
    String describe() {
        String s = Json.MAPPER.getNodeFactory().textNode(manager).toString();
        if (!subresource.isEmpty()) {
            s += " with subresource " + Json.MAPPER.getNodeFactory().textNode(subresource);
        }
        return operation.equals(UPDATE) ? s + " using " + apiVersion : s;
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("manager", manager);
        n.put("operation", operation);
        n.put("apiVersion", apiVersion);
        if (time != null) {
            n.put("time", time);
        }
        n.put("fieldsType", "FieldsV1");
        n.set("fieldsV1", fields.toJson());
        if (!subresource.isEmpty()) {
            n.put("subresource", subresource);
        }
        return n;
    }

    /** Reads an entry; empty when it is not one the API server would have written. */
    static Optional<Entry> fromJson(JsonNode n) {
        String operation = n.path("operation").asText("");
        if (!n.isObject() || !(operation.equals(APPLY) || operation.equals(UPDATE))
                || !"FieldsV1".equals(n.path("fieldsType").asText()) || !n.path("fieldsV1").isObject()) {
            return Optional.empty();
        }
        String time = n.hasNonNull("time") ? n.get("time").asText() : null;
        return Optional.of(new Entry(n.path("manager").asText(""), operation, n.path("apiVersion").asText(""), time,
                n.path("subresource").asText(""), FieldSet.fromJson(n.get("fieldsV1"))));
    }
}
