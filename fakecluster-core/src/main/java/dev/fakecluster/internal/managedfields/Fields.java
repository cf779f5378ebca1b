package dev.fakecluster.internal.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.managedfields.Schema.ListType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Walks over objects that structured-merge-diff does: the set of fields an applied configuration
 * names, and the comparison of two versions of an object.
 */
final class Fields {

    private Fields() {
    }

    /**
     * The fields {@code config} sets: its leaves, atomic lists and maps, empty maps, list items
     * (as members themselves) and the entries of free-form maps.
     */
    static FieldSet of(Schema schema, JsonNode config) {
        FieldSet set = FieldSet.empty();
        collect(schema, config, new ArrayList<>(), new ArrayList<>(), set);
        return set;
    }

    private static void collect(Schema schema, JsonNode node, List<String> path, List<String> names, FieldSet out) {
        if (node.isObject()) {
            if (!names.isEmpty() && schema.atomicMap(names)) {
                out.add(path);
                return;
            }
            boolean freeForm = !names.isEmpty() && schema.freeForm(names);
            node.properties().forEach(e -> {
                path.add("f:" + e.getKey());
                names.add(e.getKey());
                JsonNode v = e.getValue();
                collect(schema, v, path, names, out);
                if (v.isNull() || v.isObject() && v.isEmpty() || freeForm) {
                    out.add(path);
                }
                path.remove(path.size() - 1);
                names.remove(names.size() - 1);
            });
        } else if (node.isArray()) {
            ListType type = schema.list(names);
            if (type.atomic()) {
                out.add(path);
                return;
            }
            for (JsonNode item : node) {
                path.add(Schema.element(type, item));
                if (!type.set()) {
                    collect(schema, item, path, names, out);
                }
                out.add(path);
                path.remove(path.size() - 1);
            }
        } else {
            out.add(path);
        }
    }

    /**
     * What changed from {@code lhs} to {@code rhs}: leaves, atomic values and list items added,
     * modified or removed; a whole list or free-form map that appears or disappears counts too,
     * structs do not (Go's zero value has them).
     */
    static Comparison compare(Schema schema, JsonNode lhs, JsonNode rhs) {
        Comparison c = new Comparison(FieldSet.empty(), FieldSet.empty(), FieldSet.empty());
        compare(schema, lhs, rhs, new ArrayList<>(), new ArrayList<>(), false, c);
        return c;
    }

    private static void compare(Schema schema, JsonNode l, JsonNode r, List<String> path, List<String> names,
            boolean wholeNode, Comparison out) {
        JsonNode shape = r != null ? r : l;
        boolean bothObjects = (l == null || l.isObject()) && (r == null || r.isObject());
        boolean bothArrays = (l == null || l.isArray()) && (r == null || r.isArray());
        boolean empty = (l == null || l.isEmpty()) && (r == null || r.isEmpty());
        if (shape.isObject() && bothObjects && !empty && (names.isEmpty() || !schema.atomicMap(names))) {
            boolean freeForm = !names.isEmpty() && schema.freeForm(names);
            for (String key : keys(l, r)) {
                path.add("f:" + key);
                names.add(key);
                compare(schema, child(l, key), child(r, key), path, names, freeForm, out);
                path.remove(path.size() - 1);
                names.remove(names.size() - 1);
            }
            markPresence(l, r, path, wholeNode || freeForm, out);
        } else if (shape.isArray() && bothArrays && !empty && !schema.list(names).atomic()) {
            ListType type = schema.list(names);
            Map<String, JsonNode> left = items(type, l);
            Map<String, JsonNode> right = items(type, r);
            List<String> elements = new ArrayList<>(left.keySet());
            right.keySet().stream().filter(k -> !left.containsKey(k)).forEach(elements::add);
            for (String e : elements) {
                path.add(e);
                if (type.set()) {
                    markPresence(left.get(e), right.get(e), path, true, out);
                } else {
                    compare(schema, left.get(e), right.get(e), path, names, true, out);
                }
                path.remove(path.size() - 1);
            }
            markPresence(l, r, path, true, out);
        } else if (l == null) {
            out.added().add(path);
        } else if (r == null) {
            out.removed().add(path);
        } else if (!l.equals(r)) {
            out.modified().add(path);
        }
    }

    private static void markPresence(JsonNode l, JsonNode r, List<String> path, boolean counts, Comparison out) {
        if (!counts || path.isEmpty()) {
            return;
        }
        if (l == null) {
            out.added().add(path);
        } else if (r == null) {
            out.removed().add(path);
        }
    }

    private static List<String> keys(JsonNode l, JsonNode r) {
        List<String> keys = new ArrayList<>();
        if (l != null) {
            l.fieldNames().forEachRemaining(keys::add);
        }
        if (r != null) {
            r.fieldNames().forEachRemaining(k -> {
                if (l == null || !l.has(k)) {
                    keys.add(k);
                }
            });
        }
        return keys;
    }

    private static JsonNode child(JsonNode n, String key) {
        return n == null ? null : n.get(key);
    }

    /** A granular list's items by path element; a repeated key keeps its first item. */
    static Map<String, JsonNode> items(ListType type, JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (list != null) {
            list.forEach(item -> out.putIfAbsent(Schema.element(type, item), item));
        }
        return out;
    }

    /**
     * The outcome of a comparison; a field is in at most one of the sets.
     *
     * @param added fields only the new version has
     * @param modified fields both have, with different values
     * @param removed fields only the old version has
     */
    record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
        boolean same() {
            return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
        }

        /** Added and modified: what the new version sets. */
        FieldSet changed() {
            return added.union(modified);
        }

        Comparison filter(Predicate<List<String>> keep) {
            return new Comparison(added.filter(keep), modified.filter(keep), removed.filter(keep));
        }
    }
}
