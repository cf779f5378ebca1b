package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The fields of a custom resource, read from its CRD version's {@code openAPIV3Schema} as the API
 * server's pruning reads the structural schema: {@code properties}, {@code additionalProperties},
 * {@code items}, {@code x-kubernetes-preserve-unknown-fields} (unknown keys kept, declared ones
 * still checked) and {@code x-kubernetes-embedded-resource} (apiVersion, kind and an
 * {@code ObjectMeta}, as at the root), {@code type} (with {@code x-kubernetes-int-or-string}) for
 * the JSON a value must be. A list without {@code items} or an object without properties knows
 * no keys at all.
 */
final class CustomResourceSchemas {

    /** A value of which no key is known (shared, never added to). */
    private static final SchemaNode NOTHING = SchemaNode.object(false);

    private CustomResourceSchemas() {
    }

    /** The root of a custom resource, or null when the version has no schema. */
    static SchemaNode of(JsonNode openAPIV3Schema) {
        if (openAPIV3Schema == null || !openAPIV3Schema.isObject()) {
            return null;
        }
        return node(openAPIV3Schema, true);
    }

    private static SchemaNode node(JsonNode schema, boolean resource) {
        SchemaNode node = SchemaNode.object(schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false));
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            node.put(p.getKey(), node(p.getValue(), false));
        }
        JsonNode additional = schema.path("additionalProperties");
        if (additional.isObject()) {
            node.values(node(additional, false));
        } else if (additional.asBoolean(false)) {
            node.values(SchemaNode.ANY);
        }
        node.type(type(schema));
        JsonNode items = schema.path("items");
        node.items(items.isObject() ? node(items, false) : NOTHING);
        if (resource || schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            node.put("apiVersion", SchemaNode.ANY);
            node.put("kind", SchemaNode.ANY);
            node.put("metadata", BuiltInSchemas.objectMeta());
        }
        return node;
    }

    private static SchemaNode.Type type(JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return SchemaNode.Type.INT_OR_STRING;
        }
        return switch (schema.path("type").asText()) {
            case "string" -> SchemaNode.Type.STRING;
            case "integer" -> SchemaNode.Type.INTEGER;
            case "number" -> SchemaNode.Type.NUMBER;
            case "boolean" -> SchemaNode.Type.BOOLEAN;
            case "object" -> SchemaNode.Type.OBJECT;
            case "array" -> SchemaNode.Type.ARRAY;
            default -> SchemaNode.Type.ANY;
        };
    }
}
