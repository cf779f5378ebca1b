package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902): add, remove, replace, move, copy and test over JSON pointers. A malformed
 * patch is a 400 Status; an operation that does not apply (missing path, failed test) a 422.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    /** The patched document; {@code target} is not changed. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw Statuses.badRequest("json patch must be an array of operations");
        }
        JsonNode[] root = {target.deepCopy()};
        for (JsonNode op : patch) {
            String name = op.path("op").asText("");
            String path = op.path("path").asText(null);
            if (path == null || !op.isObject()) {
                throw Statuses.badRequest("json patch operation is missing a path: " + op);
            }
            switch (name) {
                case "add" -> add(root, path, value(op));
                case "remove" -> remove(root, path);
                case "replace" -> {
                    get(root[0], path, "replace");
                    remove(root, path);
                    add(root, path, value(op));
                }
                case "move" -> {
                    String from = from(op);
                    JsonNode v = get(root[0], from, "move");
                    remove(root, from);
                    add(root, path, v);
                }
                case "copy" -> add(root, path, get(root[0], from(op), "copy").deepCopy());
                case "test" -> {
                    if (!get(root[0], path, "test").equals(value(op))) {
                        throw Statuses.unprocessable("the server rejected our request due to an error in our request: "
                                + "testing value " + path + " failed");
                    }
                }
                default -> throw Statuses.badRequest("unexpected json patch operation \"" + name + "\"");
            }
        }
        return root[0];
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw Statuses.badRequest("json patch operation " + op.path("op").asText() + " is missing a value");
        }
        return op.get("value").deepCopy();
    }

    private static String from(JsonNode op) {
        String from = op.path("from").asText(null);
        if (from == null) {
            throw Statuses.badRequest("json patch operation " + op.path("op").asText() + " is missing from");
        }
        return from;
    }

    private static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw Statuses.badRequest("json patch path must start with '/': " + pointer);
        }
        List<String> out = new ArrayList<>();
        for (String t : pointer.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode root, String pointer, String op) {
        JsonNode n = root;
        for (String t : tokens(pointer)) {
            n = child(n, t);
            if (n == null) {
                throw missing(op, pointer);
            }
        }
        return n;
    }

    private static JsonNode child(JsonNode n, String token) {
        if (n.isObject()) {
            return n.get(token);
        }
        if (n.isArray()) {
            int i = index(token);
            return i >= 0 && i < n.size() ? n.get(i) : null;
        }
        return null;
    }

    private static void add(JsonNode[] root, String pointer, JsonNode value) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            root[0] = value;
            return;
        }
        JsonNode parent = get(root[0], join(t.subList(0, t.size() - 1)), "add");
        String last = t.get(t.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            if (last.equals("-")) {
                a.add(value);
            } else {
                int i = index(last);
                if (i < 0 || i > a.size()) {
                    throw missing("add", pointer);
                }
                a.insert(i, value);
            }
        } else {
            throw missing("add", pointer);
        }
    }

    private static void remove(JsonNode[] root, String pointer) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            throw Statuses.unprocessable("the server rejected our request due to an error in our request: "
                    + "cannot remove the whole document");
        }
        JsonNode parent = get(root[0], join(t.subList(0, t.size() - 1)), "remove");
        String last = t.get(t.size() - 1);
        if (parent.isObject() && parent.has(last)) {
            ((ObjectNode) parent).remove(last);
        } else if (parent.isArray() && index(last) >= 0 && index(last) < parent.size()) {
            ((ArrayNode) parent).remove(index(last));
        } else {
            throw missing("remove", pointer);
        }
    }

    private static String join(List<String> tokens) {
        StringBuilder b = new StringBuilder();
        tokens.forEach(t -> b.append('/').append(t.replace("~", "~0").replace("/", "~1")));
        return b.toString();
    }

    private static int index(String token) {
        if (token.isEmpty() || !token.chars().allMatch(Character::isDigit) || token.length() > 9) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    private static RuntimeException missing(String op, String pointer) {
        return Statuses.unprocessable("the server rejected our request due to an error in our request: "
                + op + " operation does not apply: doc is missing path: \"" + pointer + "\"");
    }
}
