package dev.fakecluster.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small helpers over Jackson trees, shared by every internal package.
 *
 * <p>API objects are kept as generic JSON trees so that unknown fields and custom resources
 * round-trip unchanged. Trees handed to the store are frozen by convention: nothing mutates a tree
 * after it has been committed; every change works on {@link ObjectNode#deepCopy()}.
 */
public final class Json {

    /** The one mapper: key order is kept as written (insertion order), like the API server's output. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writePretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text at {@code path} (field names), or null when any step is missing or not a value. */
    public static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /** The node at {@code path}, or null when a step is missing. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(p);
        }
        return n;
    }

    /** The object at {@code path}, created (replacing non-objects) where missing. */
    public static ObjectNode with(ObjectNode node, String... path) {
        ObjectNode n = node;
        for (String p : path) {
            JsonNode child = n.get(p);
            if (child == null || !child.isObject()) {
                child = n.putObject(p);
            }
            n = (ObjectNode) child;
        }
        return n;
    }

    /** The object at {@code path}, or null. */
    public static ObjectNode objectAt(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isObject() ? (ObjectNode) n : null;
    }

    /** The array at {@code path}, or an empty (detached) array. */
    public static ArrayNode arrayAt(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n != null && n.isArray() ? (ArrayNode) n : array();
    }

    /** A string-to-string map (labels, annotations, nodeSelector) at {@code path}; empty when absent. */
    public static Map<String, String> stringMap(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        if (n == null || !n.isObject() || n.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        return out;
    }

    /** An instant as the API server writes timestamps: RFC 3339, UTC, whole seconds. */
    public static String time(java.time.Instant t) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    public static ObjectNode toObject(Map<String, String> map) {
        ObjectNode n = object();
        map.forEach(n::put);
        return n;
    }
}
