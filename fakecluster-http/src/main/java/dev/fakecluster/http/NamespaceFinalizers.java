package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import mockwebserver3.MockResponse;

/**
 * The {@code namespaces/finalize} subresource: a PUT of the Namespace that changes only its
 * {@code spec.finalizers} — how the namespace controller (or an operator clearing a stuck
 * {@code Terminating} namespace) removes the {@code kubernetes} finalizer. A namespace being
 * deleted whose last finalizer goes is then removed.
 */
final class NamespaceFinalizers {

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
        JsonNode wanted = body.path("spec").path("finalizers");
        String rv = body.path("metadata").path("resourceVersion").asText("");
        boolean dryRun = "All".equals(request.query("dryRun"));
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

    private static ObjectNode withFinalizers(ObjectNode ns, JsonNode wanted) {
        ArrayNode finalizers = Json.with(ns, "spec").putArray("finalizers");
        wanted.forEach(f -> finalizers.add(f.asText()));
        return ns;
    }
}
