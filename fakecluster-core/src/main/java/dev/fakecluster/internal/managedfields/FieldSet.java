package dev.fakecluster.internal.managedfields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A set of field paths, as structured-merge-diff keeps them: a tree whose edges are path elements
 * in their {@code fieldsV1} spelling ({@code f:spec}, {@code k:{"name":"nginx"}}, {@code v:"a"},
 * {@code i:0}) and whose nodes are members or mere prefixes of members. Mutable while it is built;
 * sets taken from or put into an object are never changed afterwards.
 */
final class FieldSet {

    private final TreeMap<String, FieldSet> children = new TreeMap<>();
    private boolean member;

    static FieldSet empty() {
        return new FieldSet();
    }

    /** Parses a {@code fieldsV1} object; {@code "."} marks a node that is a member as well as a prefix. */
    static FieldSet fromJson(JsonNode fieldsV1) {
        FieldSet s = new FieldSet();
        for (Iterator<Map.Entry<String, JsonNode>> it = fieldsV1.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(".")) {
                s.member = true;
            } else {
                FieldSet child = fromJson(e.getValue());
                if (e.getValue().isEmpty()) {
                    child.member = true;
                }
                s.children.put(e.getKey(), child);
            }
        }
        return s;
    }

    /** The {@code fieldsV1} form. */
    ObjectNode toJson() {
        ObjectNode out = Json.object();
        if (member && !children.isEmpty()) {
            out.putObject(".");
        }
        children.forEach((k, v) -> out.set(k, v.toJson()));
        return out;
    }

    void add(List<String> path) {
        FieldSet node = this;
        for (String e : path) {
            node = node.children.computeIfAbsent(e, k -> new FieldSet());
        }
        node.member = true;
    }

    boolean contains(List<String> path) {
        FieldSet node = node(path);
        return node != null && node.member;
    }

    /** Whether the path is a member or leads to one. */
    boolean reaches(List<String> path) {
        return node(path) != null;
    }

    private FieldSet node(List<String> path) {
        FieldSet node = this;
        for (String e : path) {
            node = node.children.get(e);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    boolean isEmpty() {
        return !member && children.isEmpty();
    }

    /** Every member, in order. */
    List<List<String>> paths() {
        List<List<String>> out = new ArrayList<>();
        collect(new ArrayList<>(), out);
        return out;
    }

    private void collect(List<String> prefix, List<List<String>> out) {
        if (member) {
            out.add(List.copyOf(prefix));
        }
        children.forEach((k, v) -> {
            prefix.add(k);
            v.collect(prefix, out);
            prefix.remove(prefix.size() - 1);
        });
    }

    FieldSet union(FieldSet other) {
        FieldSet out = copy();
        other.paths().forEach(out::add);
        return out;
    }

    /** The members of this set that are not members of {@code other}. */
    FieldSet minus(FieldSet other) {
        FieldSet out = new FieldSet();
        paths().stream().filter(p -> !other.contains(p)).forEach(out::add);
        return out;
    }

    FieldSet intersect(FieldSet other) {
        FieldSet out = new FieldSet();
        paths().stream().filter(other::contains).forEach(out::add);
        return out;
    }

    /** The members for which {@code keep} holds. */
    FieldSet filter(Predicate<List<String>> keep) {
        FieldSet out = new FieldSet();
        paths().stream().filter(keep).forEach(out::add);
        return out;
    }

    FieldSet copy() {
        FieldSet out = new FieldSet();
        out.member = member;
        children.forEach((k, v) -> out.children.put(k, v.copy()));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet s && s.member == member && s.children.equals(children);
    }

    @Override
    public int hashCode() {
        return children.hashCode() * 31 + (member ? 1 : 0);
    }

    @Override
    public String toString() {
        return Json.write(toJson());
    }

    /**
     * A path as messages print it: {@code .spec.template.spec.containers[name="nginx"].image},
     * {@code .metadata.finalizers[="a"]}, {@code .spec.args[0]}.
     */
    static String display(List<String> path) {
        StringBuilder b = new StringBuilder();
        for (String e : path) {
            String body = e.substring(2);
            switch (e.charAt(0)) {
                case 'f' -> b.append('.').append(body);
                case 'v' -> b.append("[=").append(body).append(']');
                case 'i' -> b.append('[').append(body).append(']');
                default -> {
                    List<String> parts = new ArrayList<>();
                    readKey(body).properties().forEach(kv -> parts.add(kv.getKey() + "=" + kv.getValue()));
                    b.append('[').append(String.join(",", parts)).append(']');
                }
            }
        }
        return b.toString();
    }

    private static JsonNode readKey(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Json.object();
        }
    }
}
