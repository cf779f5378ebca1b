package dev.fakecluster.internal.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.managedfields.Schema.ListType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two changes an apply makes to the live object: merging the configuration in, and pruning
 * what the manager applied last time, no longer applies and nobody else owns
 * (structured-merge-diff's {@code Merge} and {@code prune}).
 */
final class ApplyMerge {

    private ApplyMerge() {
    }

    /**
     * {@code config} merged into {@code live}: the configuration's values win, objects merge field
     * by field, associative lists and sets item by item, atomic lists and maps are replaced.
     */
    static JsonNode merge(Schema schema, JsonNode live, JsonNode config) {
        return merge(schema, live, config, new ArrayList<>());
    }

    private static JsonNode merge(Schema schema, JsonNode l, JsonNode r, List<String> names) {
        if (l == null) {
            return r.deepCopy();
        }
        if (l.isObject() && r.isObject() && (names.isEmpty() || !schema.atomicMap(names))) {
            ObjectNode out = ((ObjectNode) l).deepCopy();
            r.properties().forEach(e -> {
                names.add(e.getKey());
                out.set(e.getKey(), merge(schema, l.get(e.getKey()), e.getValue(), names));
                names.remove(names.size() - 1);
            });
            return out;
        }
        if (l.isArray() && r.isArray() && !schema.list(names).atomic()) {
            return mergeList(schema, schema.list(names), l, r, names);
        }
        return r.deepCopy();
    }

    /**
     * Merges two granular lists the way structured-merge-diff orders them: the configuration's
     * items in its order, each merged with its live counterpart, and live-only items kept where
     * they stood relative to the shared ones.
     */
    private static ArrayNode mergeList(Schema schema, ListType type, JsonNode l, JsonNode r, List<String> names) {
        Map<String, JsonNode> left = Fields.items(type, l);
        Map<String, JsonNode> right = Fields.items(type, r);
        List<String> lhs = new ArrayList<>(left.keySet());
        List<String> rhs = new ArrayList<>(right.keySet());
        List<String> shared = rhs.stream().filter(left::containsKey).toList();
        int nextShared = 0;
        Set<String> done = new HashSet<>();
        ArrayNode out = Json.array();
        int li = 0;
        int ri = 0;
        while (li < lhs.size() || ri < rhs.size()) {
            if (li < lhs.size() && ri < rhs.size()) {
                String pe = lhs.get(li);
                if (pe.equals(rhs.get(ri))) {
                    done.add(pe);
                    out.add(item(schema, type, left.get(pe), right.get(pe), names));
                    li++;
                    ri++;
                    nextShared++;
                    continue;
                }
                if (right.containsKey(pe) && nextShared < shared.size() && !shared.get(nextShared).equals(pe)) {
                    li++;
                    continue;
                }
            }
            if (li < lhs.size()) {
                String pe = lhs.get(li);
                if (!right.containsKey(pe)) {
                    out.add(left.get(pe).deepCopy());
                    li++;
                    continue;
                } else if (done.contains(pe)) {
                    li++;
                }
            }
            if (ri < rhs.size()) {
                String pe = rhs.get(ri);
                done.add(pe);
                out.add(item(schema, type, left.get(pe), right.get(pe), names));
                ri++;
                if (nextShared < shared.size() && shared.get(nextShared).equals(pe)) {
                    nextShared++;
                }
            }
        }
        return out;
    }

    private static JsonNode item(Schema schema, ListType type, JsonNode l, JsonNode r, List<String> names) {
        return type.set() ? r.deepCopy() : merge(schema, l, r, names);
    }

    /**
     * Removes from {@code merged}, in place, every field or item that {@code lastApplied} reaches
     * and {@code owned} (every manager's fields, the applier's new ones included) does not. A map
     * or list left empty by the removal goes too.
     */
    static void prune(Schema schema, ObjectNode merged, FieldSet lastApplied, FieldSet owned) {
        if (!lastApplied.isEmpty()) {
            prune(schema, merged, new ArrayList<>(), new ArrayList<>(), lastApplied, owned);
        }
    }

    /** Returns whether the node lost something to pruning. */
    private static boolean prune(Schema schema, JsonNode node, List<String> path, List<String> names,
            FieldSet last, FieldSet owned) {
        boolean changed = false;
        if (node instanceof ObjectNode o && (names.isEmpty() || !schema.atomicMap(names))) {
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                path.add("f:" + e.getKey());
                names.add(e.getKey());
                if (last.reaches(path)) {
                    boolean childChanged = owned.reaches(path) && prune(schema, e.getValue(), path, names, last, owned);
                    if (!owned.reaches(path) || childChanged && e.getValue().isContainerNode() && e.getValue().isEmpty()) {
                        gone.add(e.getKey());
                    }
                    changed |= childChanged || !owned.reaches(path);
                }
                path.remove(path.size() - 1);
                names.remove(names.size() - 1);
            }
            o.remove(gone);
        } else if (node instanceof ArrayNode a && !schema.list(names).atomic()) {
            ListType type = schema.list(names);
            for (int i = a.size() - 1; i >= 0; i--) {
                path.add(Schema.element(type, a.get(i)));
                if (last.reaches(path)) {
                    if (!owned.reaches(path)) {
                        a.remove(i);
                        changed = true;
                    } else if (!type.set()) {
                        changed |= prune(schema, a.get(i), path, names, last, owned);
                    }
                }
                path.remove(path.size() - 1);
            }
        }
        return changed;
    }
}
