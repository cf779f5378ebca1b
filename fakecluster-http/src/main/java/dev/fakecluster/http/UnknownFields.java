package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds the fields of a JSON tree that a {@link SchemaNode} does not know, by their paths as the
 * API server writes them ({@code spec.template.spec.containers[0].imagePullPolicyy}), and drops
 * them as typed decoding (built-ins) or pruning (custom resources) would. Keys are visited in
 * sorted order at each level, the order of the JSON that Go writes from a map.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    /** The unknown fields' paths; those {@code drop} accepts are removed from the tree. */
    static List<String> find(JsonNode tree, SchemaNode schema, Predicate<String> drop) {
        List<String> found = new ArrayList<>();
        walk(tree, schema, "", found, drop);
        return found;
    }

    private static void walk(JsonNode value, SchemaNode schema, String path, List<String> found, Predicate<String> drop) {
        if (schema.any()) {
            return;
        }
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                String child = path.isEmpty() ? name : path + "." + name;
                SchemaNode field = schema.field(name);
                if (field != null) {
                    walk(object.get(name), field, child, found, drop);
                } else if (!schema.preservesUnknown()) {
                    found.add(child);
                    if (drop.test(child)) {
                        object.remove(name);
                    }
                }
            }
        } else if (value.isArray() && schema.items() != null) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), schema.items(), path + "[" + i + "]", found, drop);
            }
        }
    }
}
