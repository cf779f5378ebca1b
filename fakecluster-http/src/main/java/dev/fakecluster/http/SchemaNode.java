package dev.fakecluster.http;

import java.util.HashMap;
import java.util.Map;

/**
 * What the API server knows about the fields of one value in an object: the fields of a struct,
 * the values of a map (free keys: labels, {@code data}, {@code additionalProperties}), the items of
 * a list. Built once per kind from the generated protobuf messages ({@link BuiltInSchemas}) or per
 * request from a CRD's {@code openAPIV3Schema} ({@link CustomResourceSchemas}).
 */
final class SchemaNode {

    /** A value decoded as a whole (times, quantities, int-or-strings, embedded JSON, scalars): never looked into. */
    static final SchemaNode ANY = new SchemaNode(true, false);

    /** A value decoded into maps and lists (an unstructured object): every key is known, at every depth. */
    static final SchemaNode UNSTRUCTURED = new SchemaNode(false, false);

    static {
        UNSTRUCTURED.values = UNSTRUCTURED;
        UNSTRUCTURED.items = UNSTRUCTURED;
    }

    private final boolean any;
    private final boolean preservesUnknown;
    private final Map<String, SchemaNode> fields = new HashMap<>();
    private SchemaNode values;
    private SchemaNode items;

    private SchemaNode(boolean any, boolean preservesUnknown) {
        this.any = any;
        this.preservesUnknown = preservesUnknown;
    }

    /** A struct (or schema object) whose fields are added by its builder; unknown keys are kept silently when {@code preservesUnknown}. */
    static SchemaNode object(boolean preservesUnknown) {
        return new SchemaNode(false, preservesUnknown);
    }

    /** A map with free keys whose values are {@code values}. */
    static SchemaNode map(SchemaNode values) {
        SchemaNode n = new SchemaNode(false, false);
        n.values = values;
        return n;
    }

    /** A list of {@code items}. */
    static SchemaNode list(SchemaNode items) {
        SchemaNode n = new SchemaNode(false, false);
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

    /** The node of a list value's items; null when lists are not looked into here. */
    SchemaNode items() {
        return items;
    }
}
