package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.validation.FieldError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The errors of a value whose JSON type the schema does not take, in the words of the decoder
 * that meets it: Go's JSON decoding of a built-in ({@code json: cannot unmarshal string into Go
 * struct field DeploymentSpec.spec.replicas of type int32}), structured-merge-diff's typed
 * conversion of an apply configuration ({@code .spec.replicas: expected numeric (int or float),
 * got string}) and the OpenAPI validation of a custom resource ({@code spec.size in body must be
 * of type integer: "string"}).
 */
final class FieldTypes {

    private static final String QUANTITY_FORMAT =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private FieldTypes() {
    }

    /**
     * A value of the wrong type.
     *
     * @param path the API server's path ({@code spec.template.spec.containers[0].image})
     * @param goPath the declared fields only ({@code spec.template.spec.containers.image})
     * @param struct the Go struct declaring the innermost field ({@code Container}), null for a custom resource
     * @param schema what the value should have been
     * @param value the value
     */
    record Mismatch(String path, String goPath, String struct, SchemaNode schema, JsonNode value) {
    }

    /** Go's JSON decoding error (the first mismatch it meets stops the decoding). */
    static String decodeError(Mismatch m) {
        SchemaNode.Type type = m.schema().type();
        JsonNode v = m.value();
        if (type == SchemaNode.Type.QUANTITY) {
            return QUANTITY_FORMAT;
        }
        if (type == SchemaNode.Type.BYTES && v.isTextual()) {
            return "illegal base64 data at input byte " + badBase64At(v.textValue());
        }
        String found = v.isTextual() ? "string" : v.isBoolean() ? "bool" : v.isArray() ? "array" : v.isObject() ? "object"
                : type == SchemaNode.Type.INTEGER || type == SchemaNode.Type.INT_OR_STRING ? "number " + v.asText() : "number";
        return "json: cannot unmarshal " + found + " into Go struct field " + m.struct() + "." + m.goPath() + " of type "
                + m.schema().goType();
    }

    /** structured-merge-diff's errors for the mismatches its schema does not take either. */
    static List<String> applyErrors(List<Mismatch> mismatches) {
        List<String> errors = new ArrayList<>();
        for (Mismatch m : mismatches) {
            JsonNode v = m.value();
            if (!m.schema().type().appliable(v)) {
                errors.add("." + m.path() + ": " + switch (m.schema().type()) {
                    case INTEGER, NUMBER -> "expected numeric (int or float), got " + goTypeOf(v);
                    case STRING, BYTES -> "expected string, got &value.valueUnstructured{Value:" + goSyntax(v) + "}";
                    case BOOLEAN -> "expected boolean, got &{" + GoText.value(v) + "}";
                    case OBJECT -> "expected map, got &{" + GoText.value(v) + "}";
                    case ARRAY -> "expected list, got &{" + GoText.value(v) + "}";
                    default -> "expected any scalar, got &{" + GoText.value(v) + "}";
                });
            }
        }
        return errors;
    }

    /** The custom resource validation's error: {@code spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"}. */
    static FieldError invalid(Mismatch m) {
        JsonNode v = m.value();
        String found = v.isTextual() ? "string" : v.isBoolean() ? "boolean" : v.isArray() ? "array" : v.isObject() ? "object"
                : v.isIntegralNumber() ? "integer" : "number";
        String expected = m.schema().type() == SchemaNode.Type.INT_OR_STRING ? "integer,string"
                : m.schema().type().name().toLowerCase(java.util.Locale.ROOT);
        return FieldError.invalid(m.path(), GoText.quote(found),
                m.path() + " in body must be of type " + expected + ": " + GoText.quote(found));
    }

    /**
     * Where Go's standard base64 decoding fails, or -1 when it does not: the first character out of
     * the alphabet, else the first padding character or the start of an incomplete last quantum.
     * Line breaks are skipped, as Go skips them.
     */
    static int badBase64At(String s) {
        String text = s.replace("\r", "").replace("\n", "");
        try {
            Base64.getDecoder().decode(text);
            if (text.length() % 4 == 0) {
                return -1;
            }
        } catch (IllegalArgumentException e) {
            // located below
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (BASE64.indexOf(c) < 0 && c != '=' && c != '\r' && c != '\n') {
                return i;
            }
        }
        int pad = s.indexOf('=');
        return pad >= 0 ? pad : text.length() / 4 * 4;
    }

    /** {@code %T} of a value decoded from JSON into {@code interface{}}. */
    private static String goTypeOf(JsonNode v) {
        return v.isTextual() ? "string" : v.isBoolean() ? "bool" : v.isArray() ? "[]interface {}"
                : v.isObject() ? "map[string]interface {}" : v.isIntegralNumber() ? "int64" : "float64";
    }

    /** {@code %#v} of a value decoded from JSON into {@code interface{}}. */
    private static String goSyntax(JsonNode v) {
        if (v.isTextual()) {
            return GoText.quote(v.textValue());
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(goSyntax(i)));
            return "[]interface {}{" + String.join(", ", items) + "}";
        }
        if (v.isObject()) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                entries.add(GoText.quote(e.getKey()) + ":" + goSyntax(e.getValue()));
            }
            entries.sort(null);
            return "map[string]interface {}{" + String.join(", ", entries) + "}";
        }
        return GoText.value(v);
    }
}
