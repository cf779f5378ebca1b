package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;

/**
 * OpenAPI v3: the index and one document per group/version. The operations carry
 * {@code x-kubernetes-group-version-kind} and the {@code fieldValidation} parameter, which
 * {@code kubectl apply}/{@code create -f} need to validate server-side; the schemas
 * ({@link OpenApiSchemas}) are what {@code kubectl explain} prints. The PATCH operations do not
 * claim strategic merge patch, so kubectl builds it from its compiled-in types.
 *
 * <p>A document is built on its first request, once for what it is made of (the kinds served, the
 * CRDs' schemas), and kept: built-in documents are the same for every cluster and shared by all
 * servers in the JVM. The index's {@code hash} is taken from what a document is made of, not from
 * its text, so the index builds no document; it stays the same until a document would change.
 */
final class OpenApi {

    /** Enough for every built-in group/version and a test suite's CRDs; the least recently used goes first. */
    private static final int CACHED_DOCUMENTS = 64;

    /** A source's hash to the document's JSON text (by text: JSON nodes equal in another key order still hash apart). */
    private static final Map<String, String> DOCUMENTS = Collections.synchronizedMap(
            new LinkedHashMap<>(CACHED_DOCUMENTS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > CACHED_DOCUMENTS;
                }
            });

    /** What a group/version's document is made of: the same source, the same document. */
    private record Source(String group, String version, List<KindInfo> kinds, List<JsonNode> customSchemas) {

        static Source of(ApiCatalog catalog, String group, String version) {
            List<KindInfo> kinds = catalog.resources(group, version);
            return new Source(group, version, kinds, kinds.stream().map(k -> catalog.customSchema(k, version)).toList());
        }

        /** The SHA-512 of the source's text (records and JSON nodes print all they hold). */
        String hash() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-512").digest(toString().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().withUpperCase().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new ApiException("InternalError", 500, e.toString(), null);
            }
        }
    }

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
        paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + Source.of(catalog, group, version).hash());
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
        Source source = Source.of(catalog, group, version);
        return Replies.json(200, DOCUMENTS.computeIfAbsent(source.hash(), h -> build(source)));
    }

    private static String build(Source source) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", Router.GIT_VERSION);
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        String group = source.group();
        String version = source.version();
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        for (int i = 0; i < source.kinds().size(); i++) {
            KindInfo k = source.kinds().get(i);
            String collection = prefix + (k.namespaced() ? "/namespaces/{namespace}/" : "/") + k.plural();
            ObjectNode c = paths.putObject(collection);
            c.set("get", operation("list", group, version, k, false));
            c.set("post", operation("post", group, version, k, true));
            ObjectNode item = paths.putObject(collection + "/{name}");
            item.set("get", operation("get", group, version, k, false));
            item.set("put", operation("put", group, version, k, true));
            item.set("patch", operation("patch", group, version, k, true));
            item.set("delete", operation("delete", group, version, k, true));
            schemas(schemas, k, source.customSchemas().get(i), group, version);
        }
        return Json.write(doc);
    }

    /** A built-in kind's schemas from its generated message (none for kinds without one); a custom kind's from its CRD. */
    private static void schemas(ObjectNode schemas, KindInfo k, JsonNode customSchema, String group, String version) {
        if (ApiCatalog.builtIn(k)) {
            Descriptor message = ProtobufBodies.message(ApiCatalog.apiVersion(group, version), k.kind());
            if (message != null) {
                OpenApiSchemas.builtIn(schemas, message, group, version);
            }
        } else {
            OpenApiSchemas.custom(schemas, customSchema, group, version, k.kind());
        }
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
}
