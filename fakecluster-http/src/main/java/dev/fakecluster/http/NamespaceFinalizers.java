package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;

/**
 * The {@code namespaces/finalize} subresource: a PUT of the Namespace that changes only its
 * {@code spec.finalizers} — how the namespace controller (or an operator clearing a stuck
 * {@code Terminating} namespace) removes the {@code kubernetes} finalizer. A namespace being
 * deleted whose last finalizer goes is then removed.
 */
final class NamespaceFinalizers {

    /** The finalizer names Kubernetes itself defines; any other must be qualified ({@code example.com/x}). */
    private static final Set<String> STANDARD = Set.of("kubernetes", "orphan", "foregroundDeletion");

    private final ApiServer api;
    private final Runnable settle;

    NamespaceFinalizers(ApiServer api, Runnable settle) {
        this.api = api;
        this.settle = settle;
    }

    MockResponse serve(Request request, ResourcePath path) {
        if (!request.method().equals("PUT")) {
            throw Statuses.methodNotAllowed(request.method(), "namespaces/finalize");
        }
        ObjectNode body = Bodies.object(request);
        if (!path.name().equals(body.path("metadata").path("name").asText(path.name()))) {
            throw Statuses.badRequest("the name of the object (" + body.path("metadata").path("name").asText()
                    + ") does not match the name on the URL (" + path.name() + ")");
        }
        JsonNode wanted = finalizers(body, path);
        String rv = body.path("metadata").path("resourceVersion").asText("");
        boolean dryRun = request.dryRun();
        StoredObject current = api.get(path.kind(), null, path.name())
                .orElseThrow(() -> Errors.notFound(path.kind(), path.name()));
        if (!rv.isEmpty() && !rv.equals(Long.toString(current.resourceVersion()))) {
            throw Errors.conflict(path.kind(), path.name());
        }
        if (dryRun) {
            return Replies.json(200, withFinalizers(current.mutableCopy(), wanted));
        }
        StoredObject updated = api.mutate(path.kind(), null, path.name(), ns -> {
            if (!rv.isEmpty() && !rv.equals(ns.path("metadata").path("resourceVersion").asText())) {
                throw Errors.conflict(path.kind(), path.name());
            }
            return withFinalizers(ns, wanted);
        });
        settle.run();
        return Replies.json(200, api.get(path.kind(), null, path.name()).map(StoredObject::json)
                .orElse(updated == null ? current.json() : updated.json()));
    }

    /**
     * {@code spec.finalizers}, checked as the API server decodes and validates it: a list of
     * strings (else 400), each a standard finalizer name or a qualified one with a {@code /} (else 422).
     */
    private static JsonNode finalizers(ObjectNode body, ResourcePath path) {
        JsonNode spec = body.path("spec");
        JsonNode wanted = spec.path("finalizers");
        boolean shaped = (spec.isMissingNode() || spec.isObject())
                && (wanted.isMissingNode() || wanted.isArray() && java.util.stream.StreamSupport
                        .stream(wanted.spliterator(), false).allMatch(JsonNode::isTextual));
        if (!shaped) {
            throw Statuses.badRequest("Namespace in version \"v1\" cannot be handled as a Namespace: json: cannot "
                    + "unmarshal " + (spec.isObject() ? "spec.finalizers" : "spec") + " into Go struct field of type "
                    + (spec.isObject() ? "[]v1.FinalizerName" : "v1.NamespaceSpec"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String name = wanted.get(i).asText();
            if (!name.contains("/") && !STANDARD.contains(name)) {
                errors.add(FieldError.invalid("spec.finalizers[" + i + "]", FieldError.quote(name),
                        "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
        if (!errors.isEmpty()) {
            throw Errors.invalid(path.kind(), path.name(), errors);
        }
        return wanted;
    }

    private static ObjectNode withFinalizers(ObjectNode ns, JsonNode wanted) {
        ArrayNode finalizers = Json.with(ns, "spec").putArray("finalizers");
        wanted.forEach(f -> finalizers.add(f.asText()));
        return ns;
    }
}
