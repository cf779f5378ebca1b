package dev.fakecluster.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.ApiException.Cause;
import dev.fakecluster.ApiException.Details;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.manifest.ManifestReader;
import java.util.List;

/**
 * Reads a server-side apply request ({@code application/apply-patch+yaml}, YAML or JSON): the
 * required {@code fieldManager}, and the applied configuration, which must be in the URL's API
 * version and name the object at the URL (or no object: the URL's name is taken).
 */
final class ApplyPatches {

    static final String TYPE = "application/apply-patch+yaml";

    private ApplyPatches() {
    }

    /** The configuration to apply, checked against the URL; a 422 without {@code fieldManager}. */
    static ObjectNode config(Request request, ResourcePath path) {
        if (request.query("fieldManager") == null) {
            String message = "Required value: is required for apply patch";
            throw new ApiException("Invalid", 422, "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: " + message,
                    new Details("", "meta.k8s.io", "PatchOptions", List.of(new Cause("FieldValueRequired", message,
                            "fieldManager"))));
        }
        if (request.body().length == 0) {
            throw Statuses.badRequest("the body of the request is empty");
        }
        List<ObjectNode> docs = ManifestReader.read(request.bodyText());
        if (docs.size() != 1) {
            throw Statuses.badRequest("the body of the request must hold exactly one object, found " + docs.size());
        }
        ObjectNode config = Bodies.withoutNulls(docs.get(0));
        String apiVersion = config.path("apiVersion").asText("");
        if (!apiVersion.equals(path.apiVersion())) {
            throw Statuses.badRequest("Incorrect version specified in apply patch. Specified patch version: "
                    + apiVersion + ", expected: " + path.apiVersion());
        }
        String kind = Json.text(config, "kind");
        if (kind != null && !kind.equals(path.kind().kind())) {
            throw Statuses.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + path.kind().kind() + ")");
        }
        ObjectNode meta = Json.with(config, "metadata");
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            meta.put("name", path.name());
        } else if (!name.equals(path.name())) {
            throw Statuses.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + path.name() + ")");
        }
        String ns = meta.path("namespace").asText("");
        if (path.kind().namespaced() && !ns.isEmpty() && !ns.equals(path.namespaceOrDefault())) {
            throw Statuses.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
        }
        return config;
    }
}
