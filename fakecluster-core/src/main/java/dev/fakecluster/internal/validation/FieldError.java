package dev.fakecluster.internal.validation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One field-level validation error, rendered exactly as the API server renders it, e.g.
 * {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}.
 *
 * @param type what is wrong
 * @param field the field path ({@code spec.containers[0].image})
 * @param value the offending value, already formatted as Go prints it (see {@link #quote}), or null
 * @param detail the explanation, or ""
 */
public record FieldError(Type type, String field, String value, String detail) {

    /** The kinds of field error, with their Status cause reasons. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        NOT_FOUND("FieldValueNotFound", "Not found"),
        TOO_LONG("FieldValueTooLong", "Too long");

        private final String causeReason;
        private final String text;

        Type(String causeReason, String text) {
            this.causeReason = causeReason;
            this.text = text;
        }

        public String causeReason() {
            return causeReason;
        }
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, null, detail);
    }

    public static FieldError invalid(String field, String formattedValue, String detail) {
        return new FieldError(Type.INVALID, field, formattedValue, detail);
    }

    public static FieldError notSupported(String field, String value, List<String> supported) {
        return new FieldError(Type.NOT_SUPPORTED, field, quote(value),
                "supported values: " + supported.stream().map(FieldError::quote).collect(Collectors.joining(", ")));
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, null, detail);
    }

    public static FieldError duplicate(String field, String formattedValue) {
        return new FieldError(Type.DUPLICATE, field, formattedValue, "");
    }

    public static FieldError notFound(String field, String formattedValue) {
        return new FieldError(Type.NOT_FOUND, field, formattedValue, "");
    }

    public static FieldError tooLong(String field, String detail) {
        return new FieldError(Type.TOO_LONG, field, null, detail);
    }

    /** A string as Go's {@code %q} prints it. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A string map as Go's {@code %#v} prints it: {@code map[string]string{"app":"web"}}. */
    public static String goMap(Map<String, String> map) {
        return new TreeMap<>(map).entrySet().stream().map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }

    /** A string slice as Go's {@code %#v} prints it: {@code []string{"10.1.0.5"}}, or {@code []string(nil)} when empty. */
    public static String goStrings(List<String> values) {
        return values.isEmpty() ? "[]string(nil)"
                : values.stream().map(FieldError::quote).collect(Collectors.joining(", ", "[]string{", "}"));
    }

    /** Several errors as Go's aggregate error prints them: the one error, or {@code [err1, err2]}. */
    public static String aggregate(List<FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The cause text, which is the error without its field prefix. */
    public String causeMessage() {
        StringBuilder b = new StringBuilder(type.text);
        if (value != null) {
            b.append(": ").append(value);
        }
        if (detail != null && !detail.isEmpty()) {
            b.append(": ").append(detail);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return field + ": " + causeMessage();
    }
}
