package dev.fakecluster.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import mockwebserver3.MockResponse;

/**
 * A minimal OpenAPI v3: the index and one document per group/version whose operations carry
 * {@code x-kubernetes-group-version-kind} and the {@code fieldValidation} parameter. That is what
 * {@code kubectl apply}/{@code create -f} need to validate server-side; schemas are left empty. The
 * PATCH operations do not claim strategic merge patch, so kubectl builds it from its compiled-in types.
 */
final class OpenApi {

    private OpenApi() {
    }

    /** {@code GET /openapi/v3}. */
    static MockResponse index(ApiCatalog catalog) {
        ObjectNode n = Json.object();
        ObjectNode paths = n.putObject("paths");
        add(paths, catalog, "", "v1");
        for (String g : catalog.groups()) {
            for (String v : catalog.versions(g)) {
                add(paths, catalog, g, v);
            }
        }
        return Replies.json(200, n);
    }

    private static void add(ObjectNode paths, ApiCatalog catalog, String group, String version) {
        String key = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
        paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash(document(catalog, group, version)));
    }

    /** {@code GET /openapi/v3/api/v1}, {@code GET /openapi/v3/apis/<group>/<version>}. */
    static MockResponse document(ApiCatalog catalog, List<String> segments) {
        String group;
        String version;
        if (segments.size() == 2 && segments.get(0).equals("api")) {
            group = "";
            version = segments.get(1);
        } else if (segments.size() == 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            version = segments.get(2);
        } else {
            throw Statuses.pathNotFound();
        }
        if (!catalog.serves(group, version)) {
            throw Statuses.pathNotFound();
        }
        return Replies.json(200, document(catalog, group, version));
    }

    private static ObjectNode document(ApiCatalog catalog, String group, String version) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", Router.GIT_VERSION);
        ObjectNode paths = doc.putObject("paths");
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        for (KindInfo k : catalog.resources(group, version)) {
            String collection = prefix + (k.namespaced() ? "/namespaces/{namespace}/" : "/") + k.plural();
            ObjectNode c = paths.putObject(collection);
            c.set("get", operation("list", group, version, k, false));
            c.set("post", operation("post", group, version, k, true));
            ObjectNode item = paths.putObject(collection + "/{name}");
            item.set("get", operation("get", group, version, k, false));
            item.set("put", operation("put", group, version, k, true));
            item.set("patch", operation("patch", group, version, k, true));
            item.set("delete", operation("delete", group, version, k, true));
        }
        doc.putObject("components").putObject("schemas");
        return doc;
    }

    private static ObjectNode operation(String action, String group, String version, KindInfo k, boolean write) {
        ObjectNode op = Json.object();
        op.put("operationId", action + k.kind());
        op.put("x-kubernetes-action", action);
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", group);
        gvk.put("version", version);
        gvk.put("kind", k.kind());
        ArrayNode params = op.putArray("parameters");
        if (write) {
            for (String p : List.of("dryRun", "fieldManager", "fieldValidation")) {
                ObjectNode param = params.addObject();
                param.put("name", p);
                param.put("in", "query");
                param.putObject("schema").put("type", "string");
            }
        }
        if (action.equals("patch")) {
            ObjectNode content = op.putObject("requestBody").putObject("content");
            content.putObject("application/json-patch+json");
            content.putObject("application/merge-patch+json");
        }
        op.putObject("responses").putObject("200").put("description", "OK");
        return op;
    }

    private static String hash(ObjectNode doc) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(Json.write(doc).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new ApiException("InternalError", 500, e.toString(), null);
        }
    }
}
