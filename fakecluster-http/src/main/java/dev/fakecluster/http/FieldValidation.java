package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.ApiException.Cause;
import dev.fakecluster.ApiException.Details;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.kinds.KindInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import mockwebserver3.MockResponse;

/**
 * Server-side field validation, the {@code fieldValidation} parameter of create, update and patch:
 * {@code Strict} rejects a body with unknown or duplicate fields, {@code Warn} (the default)
 * accepts it with one {@code Warning} header per problem, {@code Ignore} accepts it silently.
 * Unknown fields are dropped in every case, as typed decoding drops them for built-in kinds and
 * pruning drops them for custom resources. The errors, their order and their wrapping follow the
 * API server's handlers ({@code k8s.io/apiserver/pkg/endpoints/handlers}: create, update, patch).
 * Protobuf bodies cannot carry unknown fields, and kinds without a schema here (old API versions,
 * CRD versions without {@code openAPIV3Schema}) are not checked.
 */
final class FieldValidation {

    private static final String CRDS = "customresourcedefinitions.apiextensions.k8s.io";
    private static final String YAML_ERRORS = "yaml: unmarshal errors:\n  ";
    /** A JSON patch decoded strictly: a list of operations. */
    private static final SchemaNode JSON_PATCH = jsonPatchOperations();

    private final Map<String, CrdSchema> crdSchemas = new java.util.concurrent.ConcurrentHashMap<>();
    private final ApiServer api;

    FieldValidation(ApiServer api) {
        this.api = api;
    }

    private enum Directive { IGNORE, WARN, STRICT }

    /**
     * A create or update body ({@code obj}, already decoded from the request): a value of the wrong
     * type is a 400 whatever the directive ({@code Deployment in version "v1" cannot be handled as a
     * Deployment: json: cannot unmarshal ...}; for a custom resource its schema validation's 422);
     * unknown fields are a 400 under Strict ({@code ...: strict decoding error: unknown field
     * "spec.replica"}), else the warnings; unknown fields are dropped from {@code obj}.
     */
    Warnings body(Request request, ResourcePath path, ObjectNode obj) {
        Directive directive = directive(request, request.method().equals("POST") ? "CreateOptions" : "UpdateOptions");
        SchemaNode schema = schema(path);
        if (schema == null || request.contentType().equals(ProtobufBodies.MEDIA_TYPE)) {
            return Warnings.NONE;
        }
        UnknownFields.Findings found = UnknownFields.check(obj, schema, p -> true);
        if (!found.mismatches().isEmpty()) {
            throw ApiCatalog.builtIn(path.kind())
                    ? cannotBeHandled(path, FieldTypes.decodeError(found.mismatches().get(0)))
                    : invalidResource(path, obj, found.mismatches());
        }
        if (directive == Directive.IGNORE) {
            return Warnings.NONE;
        }
        boolean typed = ApiCatalog.builtIn(path.kind());
        boolean yaml = Bodies.isYaml(request);
        List<String> duplicates = yaml ? StrictDecoding.yamlDuplicates(request.bodyText()) : List.of();
        List<String> errors = new ArrayList<>();
        if (!yaml) {
            // in document order; for a custom resource (decoded into maps) duplicates only
            errors.addAll(StrictDecoding.json(request.bodyText(), typed ? schema : SchemaNode.UNSTRUCTURED));
        }
        if (yaml || !typed) {
            errors.addAll(unknownErrors(found.unknown(), typed));
        }
        return outcome(directive, duplicates, errors, text -> cannotBeHandled(path, "strict decoding error: " + text));
    }

    /**
     * A JSON, merge or strategic merge patch's result ({@code patched}, from {@code current}): a
     * value of the wrong type is a 422 naming the patch (a custom resource's validation error)
     * whatever the directive; under Strict a 422 naming the patch, else the warnings: duplicate fields in the patch itself, then
     * the unknown fields of the result, which are dropped from {@code patched}. Unknown fields the
     * stored object already had are not the patch's doing and stay.
     */
    Warnings patched(Request request, ResourcePath path, JsonNode current, ObjectNode patched) {
        Directive directive = directive(request, "PatchOptions");
        SchemaNode schema = schema(path);
        if (schema == null) {
            return Warnings.NONE;
        }
        UnknownFields.Findings found = UnknownFields.check(patched, schema, p -> false);
        if (!found.mismatches().isEmpty()) {
            throw ApiCatalog.builtIn(path.kind())
                    ? invalidPatch(request, patched, FieldTypes.decodeError(found.mismatches().get(0)))
                    : invalidResource(path, patched, found.mismatches());
        }
        List<String> unknown = found.unknown();
        if (unknown.isEmpty() && directive == Directive.IGNORE) {
            return Warnings.NONE;
        }
        Set<String> stored = unknown.isEmpty() ? Set.of() : new HashSet<>(UnknownFields.find(current, schema, p -> false));
        unknown.removeAll(stored);
        List<String> errors = new ArrayList<>();
        if (directive != Directive.IGNORE) {
            errors.addAll(patchErrors(request));
            errors.addAll(unknownErrors(unknown, ApiCatalog.builtIn(path.kind())));
        }
        Warnings warnings = outcome(directive, List.of(), errors,
                text -> invalidPatch(request, patched, "strict decoding error: " + text));
        if (!unknown.isEmpty()) {
            UnknownFields.find(patched, schema, p -> !stored.contains(p));
        }
        return warnings;
    }

    /**
     * A server-side apply configuration: unknown fields and values of the wrong type fail the apply
     * whatever the directive (a 500 without a reason, as structured-merge-diff's type conversion
     * fails); keys given twice
     * are yaml.v2's strict errors: a 400 under Strict, else warnings.
     */
    Warnings applied(Request request, ResourcePath path, ObjectNode config) {
        Directive directive = directive(request, "PatchOptions");
        SchemaNode schema = schema(path);
        if (schema != null) {
            UnknownFields.Findings found = UnknownFields.check(config, schema, p -> false);
            List<String> errors = new ArrayList<>();
            found.unknown().forEach(p -> errors.add("." + p + ": field not declared in schema"));
            errors.addAll(FieldTypes.applyErrors(found.mismatches()));
            if (!errors.isEmpty()) {
                throw typedPatchError(path, errors);
            }
            if (!found.mismatches().isEmpty()) {
                // taken by the apply schema (1.5 as an int32), refused when the result is decoded
                throw cannotBeHandled(path, FieldTypes.decodeError(found.mismatches().get(0)));
            }
        }
        if (directive == Directive.IGNORE) {
            return Warnings.NONE;
        }
        List<String> duplicates = StrictDecoding.yamlDuplicates(request.bodyText());
        return outcome(directive, duplicates, List.of(), text -> Statuses.badRequest("error strict decoding YAML: " + text));
    }

    // ---- the pieces -----------------------------------------------------------------------------

    /** The query parameter; anything but the three values (or none) is the options' 422. */
    private static Directive directive(Request request, String options) {
        String value = request.url().queryParameter("fieldValidation");
        if (value == null || value.isEmpty() || value.equals("Warn")) {
            return Directive.WARN;
        }
        if (value.equals("Strict")) {
            return Directive.STRICT;
        }
        if (value.equals("Ignore")) {
            return Directive.IGNORE;
        }
        String message = "Unsupported value: " + GoText.quote(value) + ": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"";
        throw new ApiException("Invalid", 422, options + ".meta.k8s.io \"\" is invalid: fieldValidation: " + message,
                new Details("", "meta.k8s.io", options, List.of(new Cause("FieldValueNotSupported", message, "fieldValidation"))));
    }

    /** The fields of the kind served at the URL: a built-in's message, a custom resource's schema; null when unknown. */
    private SchemaNode schema(ResourcePath path) {
        KindInfo kind = path.kind();
        if (ApiCatalog.builtIn(kind)) {
            return BuiltInSchemas.of(path.apiVersion(), kind.kind());
        }
        KindInfo crds = api.state().kinds().forResource(CRDS).orElse(null);
        JsonNode crd = crds == null ? null : api.get(crds, null, kind.resource()).map(o -> o.json()).orElse(null);
        if (crd == null) {
            return null;
        }
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals(path.version())) {
                JsonNode openApi = version.path("schema").get("openAPIV3Schema");
                String key = kind.resource() + "/" + path.version();
                CrdSchema known = crdSchemas.get(key);
                if (known != null && known.source() == openApi) {
                    return known.schema();
                }
                SchemaNode built = CustomResourceSchemas.of(openApi);
                crdSchemas.put(key, new CrdSchema(openApi, built));
                return built;
            }
        }
        return null;
    }

    /**
     * A custom resource version's schema tree, and the stored {@code openAPIV3Schema} it was built
     * from: stored objects never change, so while the CRD's stays the same object the tree holds.
     */
    private record CrdSchema(JsonNode source, SchemaNode schema) {
    }

    /**
     * The unknown fields as errors: a built-in's in the order found; a custom resource's sorted, as
     * pruning reports them.
     */
    private static List<String> unknownErrors(List<String> paths, boolean typed) {
        List<String> sorted = new ArrayList<>(paths);
        if (!typed) {
            sorted.sort(null);
        }
        return sorted.stream().map(p -> "unknown field " + GoText.quote(p)).toList();
    }

    /** The patch body's own strict errors: its operations' fields for a JSON patch, duplicate keys otherwise. */
    private static List<String> patchErrors(Request request) {
        if (request.contentType().equals(Patches.JSON_PATCH)) {
            return StrictDecoding.json(request.bodyText(), JSON_PATCH).stream().map(e -> "json patch " + e).toList();
        }
        return StrictDecoding.json(request.bodyText(), SchemaNode.UNSTRUCTURED);
    }

    /**
     * No problem: no warnings; Strict: the error made of the problems joined by commas (yaml.v2's
     * duplicate keys as one); otherwise one warning per problem.
     */
    private static Warnings outcome(Directive directive, List<String> duplicates, List<String> errors,
            Function<String, ApiException> strictError) {
        if (duplicates.isEmpty() && errors.isEmpty()) {
            return Warnings.NONE;
        }
        List<String> all = new ArrayList<>();
        if (directive == Directive.STRICT) {
            if (!duplicates.isEmpty()) {
                all.add("error converting YAML to JSON: " + YAML_ERRORS + String.join("\n  ", duplicates));
            }
            all.addAll(errors);
            throw strictError.apply(String.join(", ", all));
        }
        all.addAll(duplicates);
        all.addAll(errors);
        return new Warnings(all);
    }

    /**
     * The patch handler's 422: an Invalid naming no kind, on the field {@code patch}, whose value is
     * the patched object's JSON (the patch map's {@code %+v} for a strategic merge patch).
     */
    private static ApiException invalidPatch(Request request, JsonNode patched, String text) {
        String value = request.contentType().equals(Patches.STRATEGIC_MERGE_PATCH)
                ? GoText.value(Bodies.json(request.bodyText())) : GoText.json(patched);
        String detail = "Invalid value: " + GoText.quote(value) + ": " + text;
        return new ApiException("Invalid", 422, " \"\" is invalid: patch: " + detail,
                new Details("", "", "", List.of(new Cause("FieldValueInvalid", detail, "patch"))));
    }

    /**
     * structured-merge-diff's conversion errors ({@code .spec.replica: field not declared in
     * schema}), several as a list. The 1.32 API server lets them through as a reason-less 500
     * (kubernetes/kubernetes#139253); like the pending fix, this answers 400 BadRequest with the same text.
     */
    private static ApiException typedPatchError(ResourcePath path, List<String> errors) {
        String namespace = path.kind().namespaced() ? path.namespaceOrDefault() : "";
        KindInfo kind = path.kind();
        return new ApiException("BadRequest", 400, "failed to create typed patch object (" + namespace + "/" + path.name() + "; "
                + kind.group() + "/" + path.version() + ", Kind=" + kind.kind() + "): "
                + (errors.size() == 1 ? errors.get(0) : "errors:\n  " + String.join("\n  ", errors)), null);
    }

    /** The create and update handlers' decoding error: a 400 {@code Deployment in version "v1" cannot be handled as a Deployment: <text>}. */
    private static ApiException cannotBeHandled(ResourcePath path, String text) {
        String kind = path.kind().kind();
        return Statuses.badRequest(kind + " in version " + GoText.quote(path.version()) + " cannot be handled as a " + kind + ": " + text);
    }

    /** A custom resource's schema validation: a 422 with one cause per value of the wrong type. */
    private static ApiException invalidResource(ResourcePath path, JsonNode obj, List<FieldTypes.Mismatch> mismatches) {
        String name = obj.path("metadata").path("name").asText(path.name() == null ? "" : path.name());
        return Errors.invalid(path.kind(), name, mismatches.stream().map(FieldTypes::invalid).toList());
    }

    private static SchemaNode jsonPatchOperations() {
        SchemaNode operation = SchemaNode.object(false);
        for (String field : List.of("op", "path", "from", "value")) {
            operation.put(field, SchemaNode.ANY);
        }
        return SchemaNode.list(operation);
    }

    /**
     * The warnings a write answers with, as the API server's {@code Warning: 299 - "<text>"} headers.
     *
     * @param texts one per problem, in order
     */
    record Warnings(List<String> texts) {

        static final Warnings NONE = new Warnings(List.of());

        Warnings {
            texts = List.copyOf(new LinkedHashSet<>(texts));
        }

        /** The response with a {@code Warning} header per text (quotes and backslashes escaped). */
        MockResponse on(MockResponse response) {
            if (texts.isEmpty()) {
                return response;
            }
            MockResponse.Builder b = response.newBuilder();
            for (String t : texts) {
                b.addHeaderLenient("Warning", "299 - \"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
            return b.build();
        }
    }
}
