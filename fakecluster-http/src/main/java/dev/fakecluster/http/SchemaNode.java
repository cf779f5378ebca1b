package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * What the API server knows about the fields of one value in an object: the fields of a struct,
 * the values of a map (free keys: labels, {@code data}, {@code additionalProperties}), the items of
 * a list, and the JSON type its value must have ({@link Type}) with the Go type's name that
 * decoding errors show. Built once per kind from the generated protobuf messages ({@link BuiltInSchemas}) or per
 * request from a CRD's {@code openAPIV3Schema} ({@link CustomResourceSchemas}).
 */
final class SchemaNode {

    /** The JSON a value must be; the special ones name the Go types that decode themselves. */
    enum Type {
        /** Anything (embedded JSON, an untyped schema). */
        ANY,
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        /** A JSON object: a struct's fields or a map's free keys. */
        OBJECT,
        ARRAY,
        /** A string or an integer. */
        INT_OR_STRING,
        /** A string or a number. */
        QUANTITY,
        /** An RFC 3339 string. */
        TIME,
        /** A base64 string. */
        BYTES;

        /** Whether typed JSON decoding takes {@code v} (null is always "unset"). */
        boolean accepts(JsonNode v, String goType) {
            return v.isNull() || switch (this) {
                case ANY -> true;
                case STRING, TIME -> v.isTextual();
                case BYTES -> v.isTextual() && FieldTypes.badBase64At(v.textValue()) < 0;
                case INTEGER -> v.isIntegralNumber() && (!"int32".equals(goType) || v.canConvertToInt());
                case NUMBER -> v.isNumber();
                case BOOLEAN -> v.isBoolean();
                case OBJECT -> v.isObject();
                case ARRAY -> v.isArray();
                case INT_OR_STRING -> v.isTextual() || v.isIntegralNumber() && v.canConvertToInt();
                case QUANTITY -> v.isTextual() || v.isNumber();
            };
        }

        /** Whether server-side apply's schema takes {@code v}: any number is numeric, the special scalars are untyped. */
        boolean appliable(JsonNode v) {
            return v.isNull() || switch (this) {
                case INTEGER, NUMBER -> v.isNumber();
                case INT_OR_STRING, QUANTITY, TIME -> v.isValueNode();
                case BYTES -> v.isTextual();
                default -> accepts(v, null);
            };
        }
    }

    /** A value decoded as a whole (times, quantities, int-or-strings, embedded JSON, scalars): never looked into. */
    static final SchemaNode ANY = new SchemaNode(true, false, Type.ANY, null);

    /** A value decoded into maps and lists (an unstructured object): every key is known, at every depth. */
    static final SchemaNode UNSTRUCTURED = new SchemaNode(false, false, Type.ANY, null);

    static {
        UNSTRUCTURED.values = UNSTRUCTURED;
        UNSTRUCTURED.items = UNSTRUCTURED;
    }

    private final boolean any;
    private final boolean preservesUnknown;
    private final Map<String, SchemaNode> fields = new HashMap<>();
    private SchemaNode values;
    private SchemaNode items;
    private Type type;
    private String goType;

    private SchemaNode(boolean any, boolean preservesUnknown, Type type, String goType) {
        this.any = any;
        this.preservesUnknown = preservesUnknown;
        this.type = type;
        this.goType = goType;
    }

    /** A struct (or schema object) whose fields are added by its builder; unknown keys are kept silently when {@code preservesUnknown}. */
    static SchemaNode object(boolean preservesUnknown) {
        return new SchemaNode(false, preservesUnknown, Type.ANY, null);
    }

    /** A struct of the Go type {@code goType} ({@code v1.DeploymentSpec}), whose fields are added by its builder. */
    static SchemaNode struct(String goType) {
        return new SchemaNode(false, false, Type.OBJECT, goType);
    }

    /** A value with no fields, decoded whole, of the JSON {@code type} and the Go type {@code goType}. */
    static SchemaNode scalar(Type type, String goType) {
        return new SchemaNode(true, false, type, goType);
    }

    /** A map with free keys whose values are {@code values}. */
    static SchemaNode map(SchemaNode values) {
        SchemaNode n = new SchemaNode(false, false, Type.OBJECT, values.goType == null ? null : "map[string]" + values.goType);
        n.values = values;
        return n;
    }

    /** A list of {@code items}. */
    static SchemaNode list(SchemaNode items) {
        SchemaNode n = new SchemaNode(false, false, Type.ARRAY, items.goType == null ? null : "[]" + items.goType);
        n.items = items;
        return n;
    }

    // ---- building (only while a builder owns the node) ------------------------------------------

    void put(String name, SchemaNode node) {
        fields.put(name, node);
    }

    void putAll(SchemaNode other) {
        fields.putAll(other.fields);
    }

    void values(SchemaNode node) {
        values = node;
    }

    void items(SchemaNode node) {
        items = node;
    }

    void type(Type t) {
        type = t;
    }

    // ---- reading --------------------------------------------------------------------------------

    /** Whether the value is taken whole, without looking at its fields. */
    boolean any() {
        return any;
    }

    /** Whether keys this node does not know are kept without complaint ({@code x-kubernetes-preserve-unknown-fields}). */
    boolean preservesUnknown() {
        return preservesUnknown;
    }

    /** The node of the key {@code name} of an object value: a declared field or a map value; null when unknown. */
    SchemaNode field(String name) {
        SchemaNode f = fields.get(name);
        return f != null ? f : values;
    }

    /** Whether {@code name} is a declared field (not a map's free key). */
    boolean declares(String name) {
        return fields.containsKey(name);
    }

    /** The JSON type the value must have. */
    Type type() {
        return type;
    }

    /** The Go type's name as decoding errors write it ({@code int32}, {@code map[string]string}); null when not a Go type. */
    String goType() {
        return goType;
    }

    /** The node of a list value's items; null when lists are not looked into here. */
    SchemaNode items() {
        return items;
    }
}
