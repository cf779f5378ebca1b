package dev.fakecluster;

import java.util.List;

/**
 * An error the Kubernetes API server would answer with: a reason, an HTTP status code and the API
 * server's own message text, e.g. {@code pods "web" not found} (reason {@code NotFound}, code 404).
 *
 * @since 0.1
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int code;
    private final Details details;

    /** Creates an error with the given API reason, HTTP code, message and details. */
    public ApiException(String reason, int code, String message, Details details) {
        super(message);
        this.reason = reason;
        this.code = code;
        this.details = details == null ? new Details("", "", "", List.of()) : details;
    }

    /** The machine-readable reason: {@code NotFound}, {@code AlreadyExists}, {@code Conflict}, {@code Invalid}, ... */
    public String reason() {
        return reason;
    }

    /** The HTTP status code the API server would answer with. */
    public int code() {
        return code;
    }

    /** What the error is about: the object's name, group and kind, and field-level causes. */
    public Details details() {
        return details;
    }

    /** The field-level causes (for {@code Invalid}), in the order the API server lists them. */
    public List<Cause> causes() {
        return details.causes();
    }

    /**
     * The {@code details} of a Kubernetes Status.
     *
     * @param name the object's name, or ""
     * @param group the API group, or "" for core
     * @param kind the resource plural ({@code pods}) except for Invalid, where it is the Kind
     * @param causes field-level causes
     */
    public record Details(String name, String group, String kind, List<Cause> causes) {
        public Details {
            causes = List.copyOf(causes);
        }
    }

    /**
     * One cause of a Status: e.g. reason {@code FieldValueRequired}, field {@code spec.containers}.
     *
     * @param reason the cause type
     * @param message the human-readable text
     * @param field the field path
     */
    public record Cause(String reason, String message, String field) {
    }
}
