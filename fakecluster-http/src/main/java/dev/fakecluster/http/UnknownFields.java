package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Walks a JSON tree along a {@link SchemaNode}, once, and finds the fields the schema does not
 * know, by their paths as the API server writes them
 * ({@code spec.template.spec.containers[0].imagePullPolicyy}), dropping them as typed decoding
 * (built-ins) or pruning (custom resources) would, and the values whose JSON type the schema does
 * not take ({@link FieldTypes}). Keys are visited in sorted order at each level, the order of the
 * JSON that Go writes from a map.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    /**
     * What one walk found.
     *
     * @param unknown the unknown fields' paths
     * @param mismatches the values of the wrong type, not looked into further
     */
    record Findings(List<String> unknown, List<FieldTypes.Mismatch> mismatches) {
    }

    /** The unknown fields' paths; those {@code drop} accepts are removed from the tree. */
    static List<String> find(JsonNode tree, SchemaNode schema, Predicate<String> drop) {
        return check(tree, schema, drop).unknown();
    }

    /** The unknown fields (those {@code drop} accepts removed from the tree) and the values of the wrong type. */
    static Findings check(JsonNode tree, SchemaNode schema, Predicate<String> drop) {
        Findings found = new Findings(new ArrayList<>(), new ArrayList<>());
        walk(tree, schema, new Place("", "", null), found, drop);
        return found;
    }

    /**
     * Where a value is.
     *
     * @param path the API server's path, with list indexes
     * @param goPath the declared fields' names only, as Go's JSON decoder names the field
     * @param struct the Go struct that declares the innermost field, or null
     */
    private record Place(String path, String goPath, String struct) {

        Place field(String name, SchemaNode parent) {
            String child = path.isEmpty() ? name : path + "." + name;
            if (!parent.declares(name)) {
                return new Place(child, goPath, struct);
            }
            String type = parent.goType();
            return new Place(child, goPath.isEmpty() ? name : goPath + "." + name,
                    type == null ? struct : type.substring(type.lastIndexOf('.') + 1));
        }

        Place item(int i) {
            return new Place(path + "[" + i + "]", goPath, struct);
        }
    }

    private static void walk(JsonNode value, SchemaNode schema, Place place, Findings found, Predicate<String> drop) {
        if (!schema.type().accepts(value, schema.goType())) {
            found.mismatches().add(new FieldTypes.Mismatch(place.path(), place.goPath(), place.struct(), schema, value));
            return;
        }
        if (schema.any()) {
            return;
        }
        if (value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                Place child = place.field(name, schema);
                SchemaNode field = schema.field(name);
                if (field != null) {
                    walk(object.get(name), field, child, found, drop);
                } else if (!schema.preservesUnknown()) {
                    found.unknown().add(child.path());
                    if (drop.test(child.path())) {
                        object.remove(name);
                    }
                }
            }
        } else if (value.isArray() && schema.items() != null) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), schema.items(), place.item(i), found, drop);
            }
        }
    }
}
