package dev.fakecluster.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.ApiException.Cause;
import dev.fakecluster.ApiException.Details;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.validation.FieldError;
import java.util.List;

/** Kubernetes {@code Status} objects: errors from {@link ApiException}s and the HTTP layer's own. */
final class Statuses {

    /** Largest request body accepted, as the API server's default (3 MiB). */
    static final long MAX_BODY = 3 * 1024 * 1024;

    private Statuses() {
    }

    /** The {@code Status} an error answers with: reason, code, message and details as the exception carries them. */
    static ObjectNode failure(ApiException e) {
        ObjectNode s = base("Failure");
        s.put("message", e.getMessage());
        if (!e.reason().isEmpty()) {
            s.put("reason", e.reason());
        }
        ObjectNode details = details(e.details());
        if (e instanceof ReadFailure f && f.retryAfterSeconds() > 0) {
            details = details == null ? Json.object() : details;
            details.put("retryAfterSeconds", f.retryAfterSeconds());
        }
        if (e instanceof ReadFailure f && f.continueToken() != null) {
            Json.with(s, "metadata").put("continue", f.continueToken());
        }
        if (details != null) {
            s.set("details", details);
        }
        s.put("code", e.code());
        return s;
    }

    /** {@code Status{status: Success}} with the deleted object's identity, as a DELETE answers for most kinds. */
    static ObjectNode success(String name, String group, String plural, String uid) {
        ObjectNode s = base("Success");
        ObjectNode d = s.putObject("details");
        d.put("name", name);
        if (!group.isEmpty()) {
            d.put("group", group);
        }
        d.put("kind", plural);
        if (uid != null && !uid.isEmpty()) {
            d.put("uid", uid);
        }
        return s;
    }

    private static ObjectNode base(String status) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", status);
        return s;
    }

    private static ObjectNode details(Details d) {
        if (d == null || (d.name().isEmpty() && d.group().isEmpty() && d.kind().isEmpty() && d.causes().isEmpty())) {
            return null;
        }
        ObjectNode n = Json.object();
        if (!d.name().isEmpty()) {
            n.put("name", d.name());
        }
        if (!d.group().isEmpty()) {
            n.put("group", d.group());
        }
        if (!d.kind().isEmpty()) {
            n.put("kind", d.kind());
        }
        if (!d.causes().isEmpty()) {
            ArrayNode causes = n.putArray("causes");
            for (Cause c : d.causes()) {
                ObjectNode cause = causes.addObject();
                if (!c.reason().isEmpty()) {
                    cause.put("reason", c.reason());
                }
                cause.put("message", c.message());
                if (!c.field().isEmpty()) {
                    cause.put("field", c.field());
                }
            }
        }
        return n;
    }

    // ---- the HTTP layer's own errors, with the API server's texts ---------------------------------

    static ApiException pathNotFound() {
        return new ApiException("NotFound", 404, "the server could not find the requested resource",
                new Details("", "", "", List.of()));
    }

    static ApiException methodNotAllowed(String verb, String resource) {
        return new ApiException("MethodNotAllowed", 405,
                verb + " is not supported on resources of kind \"" + resource + "\"", null);
    }

    static ApiException unsupportedMediaType(String contentType, List<String> accepted) {
        return new ApiException("UnsupportedMediaType", 415, "the body of the request was in an unknown format - "
                + "accepted media types include: " + String.join(", ", accepted)
                + (contentType.isEmpty() ? "" : " (got " + contentType + ")"), null);
    }

    /** 406 for an Accept header the server cannot answer: responses are JSON only. */
    static ApiException notAcceptable() {
        return new ApiException("NotAcceptable", 406, "only the following media types are accepted: application/json", null);
    }

    static ApiException tooLarge() {
        return new ApiException("RequestEntityTooLarge", 413, "Request entity too large: limit is " + MAX_BODY, null);
    }

    static ApiException badRequest(String message) {
        return new ApiException("BadRequest", 400, message, null);
    }

    /** 422 on the options of a request ({@code ListOptions.meta.k8s.io}, {@code PatchOptions.meta.k8s.io}). */
    static ApiException invalidOptions(String optionsKind, List<FieldError> errors) {
        return new ApiException("Invalid", 422,
                optionsKind + ".meta.k8s.io \"\" is invalid: " + FieldError.aggregate(errors),
                new Details("", "meta.k8s.io", optionsKind,
                        errors.stream().map(e -> new Cause(e.type().causeReason(), e.causeMessage(), e.field())).toList()));
    }

    static ApiException unprocessable(String message) {
        return new ApiException("Invalid", 422, message, null);
    }

    static ApiException internal(Throwable t) {
        return new ApiException("InternalError", 500, "Internal error occurred: " + t, null);
    }
}
