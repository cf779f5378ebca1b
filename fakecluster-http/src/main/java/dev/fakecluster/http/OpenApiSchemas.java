package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.fakecluster.internal.json.Json;
import io.kubernetes.client.proto.Meta.ListMeta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code components.schemas} of an OpenAPI v3 document, shaped as the API server publishes them
 * and as {@code kubectl explain} reads them: one schema per Go type, named by its package
 * ({@code io.k8s.api.apps.v1.Deployment}), fields under their JSON names with their types, other
 * types reached through {@code allOf: [{$ref}]}, and the kinds marked with
 * {@code x-kubernetes-group-version-kind}. Built-in types are read from the generated protobuf
 * messages with {@link ProtoJson}'s naming rules (as {@link BuiltInSchemas} reads them for field
 * validation); custom resources are their CRD version's {@code openAPIV3Schema}, completed as the
 * apiextensions server completes it ({@code apiVersion}, {@code kind}, {@code metadata}, a list type).
 * The messages carry no comments, so no schema has a {@code description}.
 */
final class OpenApiSchemas {

    private static final String GVK = "x-kubernetes-group-version-kind";
    private static final String REF_PREFIX = "#/components/schemas/";

    private OpenApiSchemas() {
    }

    /** Adds a built-in kind served in group/version, its list, and every schema they refer to. */
    static void builtIn(ObjectNode schemas, Descriptor kind, String group, String version) {
        markKind(schemas, message(schemas, kind), group, version, kind.getName());
        Descriptor list = kind.getFile().findMessageTypeByName(kind.getName() + "List");
        if (list != null) {
            markKind(schemas, message(schemas, list), group, version, list.getName());
        }
    }

    /** Adds a custom resource's kind and list from its {@code openAPIV3Schema} (missing: any object), with the metadata schemas. */
    static void custom(ObjectNode schemas, JsonNode openAPIV3Schema, String group, String version, String kind) {
        ObjectNode schema = openAPIV3Schema.isObject() ? ((ObjectNode) openAPIV3Schema).deepCopy()
                : Json.object().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        String name = customName(group, version, kind);
        typeMeta(properties(schema), ObjectMeta.getDescriptor(), schemas);
        schema.set(GVK, gvk(group, version, kind));
        schemas.set(name, schema);

        ObjectNode list = schemas.putObject(name + "List");
        list.put("type", "object");
        ObjectNode properties = list.putObject("properties");
        typeMeta(properties, ListMeta.getDescriptor(), schemas);
        ObjectNode items = properties.putObject("items");
        items.put("type", "array");
        items.set("items", ref(name));
        list.putArray("required").add("items");
        list.set(GVK, gvk(group, version, kind + "List"));
    }

    /** A type's schema name: its Go package, as the generated messages' proto package spells it reversed at the front. */
    private static String name(Descriptor type) {
        return type.getFullName().replaceFirst("^k8s\\.io\\.", "io.k8s.");
    }

    /**
     * A custom kind's schema name: the group's domain reversed, then version and kind
     * ({@code stable.example.com}, {@code v1}, {@code CronTab}: {@code com.example.stable.v1.CronTab}).
     */
    private static String customName(String group, String version, String kind) {
        List<String> labels = new ArrayList<>(List.of(group.split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels) + "." + version + "." + kind;
    }

    /** The name of a message's schema, adding it (and what it refers to) when the document does not have it yet. */
    private static String message(ObjectNode schemas, Descriptor type) {
        String name = name(type);
        if (schemas.has(name)) {
            return name;
        }
        ObjectNode schema = schemas.putObject(name);
        switch (type.getFullName()) {
            case ProtoJson.TIME, ProtoJson.MICRO_TIME_TYPE -> schema.put("type", "string").put("format", "date-time");
            case ProtoJson.QUANTITY -> oneOf(schema, "string", "number");
            case ProtoJson.INT_OR_STRING -> oneOf(schema.put("format", "int-or-string"), "integer", "string");
            case ProtoJson.RAW_EXTENSION, ProtoJson.FIELDS_V1 -> schema.put("type", "object");
            default -> {
                schema.put("type", "object");
                ObjectNode properties = schema.putObject("properties");
                if (ProtoJson.hasTypeMeta(type)) {
                    properties.putObject("apiVersion").put("type", "string");
                    properties.putObject("kind").put("type", "string");
                }
                fields(schemas, properties, type);
            }
        }
        return name;
    }

    private static void fields(ObjectNode schemas, ObjectNode properties, Descriptor type) {
        for (FieldDescriptor field : type.getFields()) {
            if (ProtoJson.inline(field)) {
                fields(schemas, properties, field.getMessageType());
            } else {
                properties.set(ProtoJson.jsonName(field), field(schemas, field));
            }
        }
    }

    private static ObjectNode field(ObjectNode schemas, FieldDescriptor field) {
        ObjectNode schema = Json.object();
        if (field.isMapField()) {
            schema.put("type", "object");
            schema.set("additionalProperties", value(schemas, field.getMessageType().findFieldByName("value")));
        } else if (field.isRepeated()) {
            schema.put("type", "array");
            schema.set("items", value(schemas, field));
        } else {
            return value(schemas, field);
        }
        return schema;
    }

    private static ObjectNode value(ObjectNode schemas, FieldDescriptor field) {
        ObjectNode schema = Json.object();
        switch (field.getJavaType()) {
            case STRING, ENUM -> schema.put("type", "string");
            case BYTE_STRING -> schema.put("type", "string").put("format", "byte");
            case INT -> schema.put("type", "integer").put("format", "int32");
            case LONG -> schema.put("type", "integer").put("format", "int64");
            case BOOLEAN -> schema.put("type", "boolean");
            case FLOAT, DOUBLE -> schema.put("type", "number").put("format", "double");
            case MESSAGE -> {
                Descriptor type = field.getMessageType();
                if (ProtoJson.namedSlice(type)) {
                    schema.put("type", "array").putObject("items").put("type", "string");
                } else {
                    return ref(message(schemas, type));
                }
            }
        }
        return schema;
    }

    /** {@code apiVersion}, {@code kind} and {@code metadata} of an object or list whose metadata is {@code meta}. */
    private static void typeMeta(ObjectNode properties, Descriptor meta, ObjectNode schemas) {
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.set("metadata", ref(message(schemas, meta)));
    }

    private static ObjectNode properties(ObjectNode schema) {
        JsonNode properties = schema.get("properties");
        return properties instanceof ObjectNode o ? o : schema.putObject("properties");
    }

    /** A reference as the API server writes it in v3: wrapped in {@code allOf}, where its siblings (descriptions, defaults) may sit. */
    private static ObjectNode ref(String name) {
        ObjectNode schema = Json.object();
        schema.putArray("allOf").addObject().put("$ref", REF_PREFIX + name);
        return schema;
    }

    private static void oneOf(ObjectNode schema, String... types) {
        ArrayNode oneOf = schema.putArray("oneOf");
        for (String t : types) {
            oneOf.addObject().put("type", t);
        }
    }

    private static void markKind(ObjectNode schemas, String name, String group, String version, String kind) {
        ((ObjectNode) schemas.get(name)).set(GVK, gvk(group, version, kind));
    }

    private static ArrayNode gvk(String group, String version, String kind) {
        ArrayNode list = Json.array();
        list.addObject().put("group", group).put("kind", kind).put("version", version);
        return list;
    }
}
