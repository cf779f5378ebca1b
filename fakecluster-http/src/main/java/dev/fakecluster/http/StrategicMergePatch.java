package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch for the built-in kinds: a merge patch whose lists of objects merge by their
 * patch merge key (containers, env, volumes by {@code name}, container ports by
 * {@code containerPort}, Service ports by {@code port}, conditions by {@code type}, ...), with the
 * directives {@code $patch} (replace, delete), {@code $retainKeys}, {@code $setElementOrder/<list>}
 * and {@code $deleteFromPrimitiveList/<list>}. Lists without a key are replaced whole; metadata
 * finalizers merge as a set.
 */
final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String ORDER = "$setElementOrder/";
    private static final String DELETE_PRIMITIVES = "$deleteFromPrimitiveList/";
    private static final Set<String> BY_NAME = Set.of("containers", "initContainers", "ephemeralContainers", "env",
            "volumes", "imagePullSecrets", "resourceClaims", "schedulingGates");
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");

    private StrategicMergePatch() {
    }

    /** The patched object; {@code target} is not changed. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            throw Statuses.badRequest("strategic merge patch must be a JSON object");
        }
        ObjectNode base = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        ObjectNode result = merge(base, (ObjectNode) patch, List.of());
        return result == null ? Json.object() : result;
    }

    /** Merges {@code patch} into {@code target} (a private copy); null when the patch deletes the map. */
    private static ObjectNode merge(ObjectNode target, ObjectNode patch, List<String> path) {
        String directive = patch.path(PATCH).asText("");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace")) {
            ObjectNode replaced = Json.object();
            return merge(replaced, without(patch, PATCH), path);
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(ORDER) || key.startsWith(DELETE_PRIMITIVES)) {
                continue;
            }
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject()) {
                JsonNode current = target.get(key);
                ObjectNode base = current != null && current.isObject() ? (ObjectNode) current : Json.object();
                ObjectNode merged = merge(base, (ObjectNode) value, append(path, key));
                if (merged == null) {
                    target.remove(key);
                } else {
                    target.set(key, merged);
                }
            } else if (value.isArray()) {
                target.set(key, mergeList(target.get(key), (ArrayNode) value, path, key));
            } else {
                target.set(key, value.deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getKey().startsWith(DELETE_PRIMITIVES)) {
                deleteFromPrimitiveList(target, e.getKey().substring(DELETE_PRIMITIVES.length()), e.getValue());
            } else if (e.getKey().startsWith(ORDER)) {
                String field = e.getKey().substring(ORDER.length());
                order(target, field, e.getValue(), mergeKey(path, field));
            }
        }
        if (patch.has(RETAIN_KEYS)) {
            Set<String> keep = new LinkedHashSet<>();
            patch.get(RETAIN_KEYS).forEach(k -> keep.add(k.asText()));
            List<String> drop = new ArrayList<>();
            target.fieldNames().forEachRemaining(f -> {
                if (!keep.contains(f)) {
                    drop.add(f);
                }
            });
            target.remove(drop);
        }
        return target;
    }

    private static ArrayNode mergeList(JsonNode current, ArrayNode patch, List<String> path, String field) {
        ArrayNode base = current != null && current.isArray() ? (ArrayNode) current : Json.array();
        for (JsonNode e : patch) {
            if (e.isObject() && "replace".equals(e.path(PATCH).asText())) {
                return strip(patch, path, field);
            }
        }
        String key = mergeKey(path, field);
        if (key == null) {
            if (field.equals("finalizers") && path.equals(List.of("metadata"))) {
                ArrayNode union = base.deepCopy();
                for (JsonNode v : patch) {
                    if (!contains(union, v)) {
                        union.add(v.deepCopy());
                    }
                }
                return union;
            }
            return strip(patch, path, field);
        }
        List<JsonNode> result = new ArrayList<>();
        base.forEach(result::add);
        List<String> elementPath = append(path, field);
        for (JsonNode e : patch) {
            if (!e.isObject()) {
                continue;
            }
            JsonNode id = e.get(key);
            int at = indexOf(result, key, id);
            if ("delete".equals(e.path(PATCH).asText())) {
                if (at >= 0) {
                    result.remove(at);
                }
                continue;
            }
            if (at >= 0) {
                ObjectNode merged = merge((ObjectNode) result.get(at).deepCopy(), (ObjectNode) e, elementPath);
                if (merged == null) {
                    result.remove(at);
                } else {
                    result.set(at, merged);
                }
            } else {
                ObjectNode added = merge(Json.object(), (ObjectNode) e, elementPath);
                if (added != null) {
                    result.add(added);
                }
            }
        }
        ArrayNode out = Json.array();
        result.forEach(n -> out.add(n.deepCopy()));
        return out;
    }

    /** A replaced list: its object elements with the directives processed. */
    private static ArrayNode strip(ArrayNode patch, List<String> path, String field) {
        ArrayNode out = Json.array();
        for (JsonNode e : patch) {
            if (e.isObject()) {
                if (e.size() == 1 && e.has(PATCH)) {
                    continue;
                }
                ObjectNode m = merge(Json.object(), (ObjectNode) e, append(path, field));
                if (m != null) {
                    out.add(m);
                }
            } else {
                out.add(e.deepCopy());
            }
        }
        return out;
    }

    /** The patch merge key of a list field, by where it sits; null for lists that are replaced whole. */
    static String mergeKey(List<String> path, String field) {
        String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
        if (BY_NAME.contains(field)) {
            return "name";
        }
        return switch (field) {
            case "ports" -> CONTAINER_LISTS.contains(parent) ? "containerPort" : "port";
            case "volumeMounts" -> "mountPath";
            case "volumeDevices" -> "devicePath";
            case "hostAliases" -> "ip";
            case "ownerReferences" -> "uid";
            case "conditions" -> "type";
            case "addresses" -> path.equals(List.of("status")) ? "type" : null;
            case "topologySpreadConstraints" -> "topologyKey";
            default -> null;
        };
    }

    private static void order(ObjectNode target, String field, JsonNode order, String key) {
        JsonNode list = target.get(field);
        if (list == null || !list.isArray() || !order.isArray()) {
            return;
        }
        List<JsonNode> remaining = new ArrayList<>();
        list.forEach(remaining::add);
        ArrayNode out = Json.array();
        for (JsonNode o : order) {
            for (int i = 0; i < remaining.size(); i++) {
                JsonNode n = remaining.get(i);
                boolean same = key == null ? n.equals(o) : n.isObject() && o.has(key) && o.get(key).equals(n.get(key));
                if (same) {
                    out.add(n);
                    remaining.remove(i);
                    break;
                }
            }
        }
        remaining.forEach(out::add);
        target.set(field, out);
    }

    private static void deleteFromPrimitiveList(ObjectNode target, String field, JsonNode values) {
        JsonNode list = target.get(field);
        if (list == null || !list.isArray()) {
            return;
        }
        ArrayNode out = Json.array();
        list.forEach(v -> {
            if (!contains(values, v)) {
                out.add(v);
            }
        });
        target.set(field, out);
    }

    private static int indexOf(List<JsonNode> list, String key, JsonNode id) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            if (n.isObject() && id != null && id.equals(n.get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode v : array) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode without(ObjectNode o, String field) {
        ObjectNode copy = o.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static List<String> append(List<String> path, String field) {
        List<String> out = new ArrayList<>(path);
        out.add(field);
        return out;
    }
}
