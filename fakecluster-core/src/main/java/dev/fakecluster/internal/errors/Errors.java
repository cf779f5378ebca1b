package dev.fakecluster.internal.errors;

import dev.fakecluster.ApiException;
import dev.fakecluster.ApiException.Cause;
import dev.fakecluster.ApiException.Details;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.validation.FieldError;
import java.util.List;

/** Builds {@link ApiException}s with the API server's exact reasons, codes and message texts. */
public final class Errors {

    private Errors() {
    }

    public static ApiException notFound(KindInfo kind, String name) {
        return new ApiException("NotFound", 404, kind.resource() + " \"" + name + "\" not found",
                new Details(name, kind.group(), kind.plural(), List.of()));
    }

    public static ApiException namespaceNotFound(String namespace) {
        return new ApiException("NotFound", 404, "namespaces \"" + namespace + "\" not found",
                new Details(namespace, "", "namespaces", List.of()));
    }

    public static ApiException alreadyExists(KindInfo kind, String name) {
        return new ApiException("AlreadyExists", 409, kind.resource() + " \"" + name + "\" already exists",
                new Details(name, kind.group(), kind.plural(), List.of()));
    }

    public static ApiException conflict(KindInfo kind, String name) {
        return conflict(kind, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static ApiException conflict(KindInfo kind, String name, String why) {
        return new ApiException("Conflict", 409,
                "Operation cannot be fulfilled on " + kind.resource() + " \"" + name + "\": " + why,
                new Details(name, kind.group(), kind.plural(), List.of()));
    }

    public static ApiException invalid(KindInfo kind, String name, List<FieldError> errors) {
        List<Cause> causes = errors.stream().map(e -> new Cause(e.type().causeReason(), e.causeMessage(), e.field()))
                .toList();
        return new ApiException("Invalid", 422, kind.qualifiedKind() + " \"" + name + "\" is invalid: " + FieldError.aggregate(errors),
                new Details(name, kind.group(), kind.kind(), causes));
    }

    public static ApiException forbidden(KindInfo kind, String name, String why) {
        return new ApiException("Forbidden", 403, kind.resource() + " \"" + name + "\" is forbidden: " + why,
                new Details(name, kind.group(), kind.plural(), List.of()));
    }

    public static ApiException namespaceTerminating(KindInfo kind, String name, String namespace) {
        return new ApiException("Forbidden", 403, kind.resource() + " \"" + name
                + "\" is forbidden: unable to create new content in namespace " + namespace
                + " because it is being terminated",
                new Details(name, kind.group(), kind.plural(), List.of(new Cause("NamespaceTerminating",
                        "namespace " + namespace + " is being terminated", "metadata.namespace"))));
    }

    public static ApiException badRequest(String message) {
        return new ApiException("BadRequest", 400, message, null);
    }

    public static ApiException unknownKind(String apiVersion, String kind) {
        return new ApiException("NotFound", 404,
                "no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"", null);
    }

    public static ApiException unknownResource(String name) {
        return new ApiException("NotFound", 404,
                "the server doesn't have a resource type \"" + name + "\"", null);
    }

    /** 500 InternalError: {@code Internal error occurred: <why>}, the cause carrying {@code why}. */
    public static ApiException internalError(String why) {
        return new ApiException("InternalError", 500, "Internal error occurred: " + why,
                new Details("", "", "", List.of(new Cause("", why, ""))));
    }

    public static ApiException expired(String message) {
        return new ApiException("Expired", 410, message, null);
    }
}
