package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.ApiServer.DeleteResult;
import dev.fakecluster.internal.apiserver.ApiServer.ListResult;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.managedfields.Manager;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;

/**
 * The REST verbs on resources: get, list, create, update, patch (server-side apply included), delete
 * and deletecollection, with the {@code status} and {@code scale} subresources and
 * {@code dryRun=All}. Every write records its field manager in managedFields and goes
 * through the cluster's {@link ApiServer} and is followed by a settle of the controllers, exactly
 * as a {@code Cluster} call.
 */
final class Resources {

    private static final int PATCH_ATTEMPTS = 16;

    private final ApiServer api;
    private final Runnable settle;
    private final Supplier<Instant> now;
    private final Watches watches;
    private final PodLogs logs;
    private final PodEvictions evictions;
    private final PodBindings bindings;
    private final NamespaceFinalizers finalizers;
    private final FieldValidation validation;
    private final ListReads lists;

    Resources(ApiServer api, Runnable settle, Supplier<Instant> now, Watches watches, PodLogs logs) {
        this.api = api;
        this.settle = settle;
        this.now = now;
        this.watches = watches;
        this.logs = logs;
        this.evictions = new PodEvictions(api, settle, now);
        this.bindings = new PodBindings(api, settle, now);
        this.finalizers = new NamespaceFinalizers(api, settle);
        this.validation = new FieldValidation(api);
        this.lists = new ListReads(api);
    }

    MockResponse handle(Request request, ResourcePath path) {
        String sub = path.subresource();
        if ("log".equals(sub) && path.kind().resource().equals("pods")) {
            return logs.serve(request, path);
        }
        if ("eviction".equals(sub) && path.kind().resource().equals("pods")) {
            return evictions.serve(request, path);
        }
        if ("binding".equals(sub) && path.kind().resource().equals("pods")) {
            return bindings.serve(request, path);
        }
        if ("finalize".equals(sub) && path.kind().resource().equals("namespaces")) {
            return finalizers.serve(request, path);
        }
        if (sub != null && !sub.equals("status") && !(sub.equals("scale") && ApiCatalog.scalable(path.kind()))) {
            throw Statuses.pathNotFound();
        }
        if (path.legacyWatch()) {
            if (!request.method().equals("GET")) {
                throw Statuses.methodNotAllowed(request.method(), path.kind().plural());
            }
            return watches.serve(request, path);
        }
        if (path.name() == null) {
            return switch (request.method()) {
                case "GET" -> request.flag("watch") ? watches.serve(request, path) : list(request, path);
                case "POST" -> create(request, path);
                case "DELETE" -> deleteCollection(request, path);
                default -> throw Statuses.methodNotAllowed(request.method(), path.kind().plural());
            };
        }
        return switch (request.method()) {
            case "GET" -> request.flag("watch") ? watches.serve(request, path) : get(request, path);
            case "PUT" -> update(request, path);
            case "PATCH" -> patch(request, path);
            case "DELETE" -> {
                if (sub != null) {
                    throw Statuses.methodNotAllowed("DELETE", path.kind().plural() + "/" + sub);
                }
                yield delete(request, path);
            }
            default -> throw Statuses.methodNotAllowed(request.method(), path.kind().plural());
        };
    }

    // ---- reads ----------------------------------------------------------------------------------

    /** GET: {@code resourceVersion} "0" reads any state, N one not older than N; ours is always the latest. */
    private MockResponse get(Request request, ResourcePath path) {
        String version = request.query("resourceVersion");
        if (version != null) {
            ResourceVersions.requireReached(ResourceVersions.parse(version), api.state().resourceVersion());
        }
        StoredObject o = current(path);
        if ("scale".equals(path.subresource())) {
            return Replies.json(200, Scales.of(o));
        }
        JsonNode view = Views.object(o, path.apiVersion());
        if (request.wantsTable()) {
            ObjectNode meta = Json.object();
            meta.put("resourceVersion", Long.toString(o.resourceVersion()));
            return Replies.json(200, Tables.table(path.kind(), List.of(view), now.get(), meta));
        }
        return Replies.json(200, view);
    }

    private MockResponse list(Request request, ResourcePath path) {
        KindInfo kind = path.kind();
        ListReads.Page page = lists.read(request, path);
        ObjectNode meta = Json.object();
        meta.put("resourceVersion", Long.toString(page.resourceVersion()));
        if (page.continueToken() != null) {
            meta.put("continue", page.continueToken());
        }
        if (page.remainingItemCount() != null) {
            meta.put("remainingItemCount", page.remainingItemCount());
        }
        if (request.wantsTable()) {
            List<JsonNode> views = page.items().stream().map(o -> Views.object(o, path.apiVersion())).toList();
            return Replies.json(200, Tables.table(kind, views, now.get(), meta));
        }
        ObjectNode list = Json.object();
        list.put("kind", kind.kind() + "List");
        list.put("apiVersion", path.apiVersion());
        list.set("metadata", meta);
        ArrayNode array = list.putArray("items");
        boolean builtIn = ApiCatalog.builtIn(kind);
        page.items().forEach(o -> array.add(Views.listItem(o, path.apiVersion(), builtIn)));
        return Replies.json(200, list);
    }

    // ---- writes ---------------------------------------------------------------------------------

    private MockResponse create(Request request, ResourcePath path) {
        ObjectNode obj = Bodies.object(request);
        checkIdentity(obj, path, null);
        FieldValidation.Warnings warnings = validation.body(request, path, obj);
        boolean dryRun = request.dryRun();
        StoredObject created = api.create(obj, path.namespaceOrDefault(), dryRun, FieldManagers.of(request, path));
        written(dryRun);
        return warnings.on(Replies.json(201, Views.object(answer(created, dryRun), path.apiVersion())));
    }

    private MockResponse update(Request request, ResourcePath path) {
        boolean dryRun = request.dryRun();
        if ("scale".equals(path.subresource())) {
            JsonNode scale = Bodies.object(request);
            StoredObject o = current(path);
            StoredObject updated = api.update(Scales.apply(o, scale), path.namespaceOrDefault(), dryRun,
                    FieldManagers.of(request, path));
            written(dryRun);
            return Replies.json(200, Scales.of(answer(updated, dryRun)));
        }
        ObjectNode obj = Bodies.object(request);
        checkIdentity(obj, path, path.name());
        FieldValidation.Warnings warnings = validation.body(request, path, obj);
        Manager manager = FieldManagers.of(request, path);
        StoredObject updated = "status".equals(path.subresource()) ? writeStatus(obj, path, dryRun, manager)
                : api.update(obj, path.namespaceOrDefault(), dryRun, manager);
        written(dryRun);
        return warnings.on(Replies.json(200, Views.object(answer(updated, dryRun), path.apiVersion())));
    }

    /**
     * PATCH: applied to the object as served at the URL, then written as an update conditioned on
     * the resourceVersion it was read at; a conflict with another writer re-reads and re-applies.
     * A patch that sets {@code metadata.resourceVersion} itself makes that a precondition (409).
     */
    private MockResponse patch(Request request, ResourcePath path) {
        if (request.contentType().equals(ApplyPatches.TYPE) && !"scale".equals(path.subresource())) {
            return apply(request, path);
        }
        Patches.Patch patch = Patches.parse(request, path.kind());
        Manager manager = FieldManagers.of(request, path);
        boolean dryRun = request.dryRun();
        boolean scale = "scale".equals(path.subresource());
        for (int attempt = 1; ; attempt++) {
            StoredObject o = current(path);
            long readAt = o.resourceVersion();
            try {
                StoredObject updated;
                FieldValidation.Warnings warnings = FieldValidation.Warnings.NONE;
                if (scale) {
                    JsonNode patched = patch.apply(Scales.of(o));
                    updated = api.update(Scales.apply(o, patched), path.namespaceOrDefault(), dryRun, manager);
                } else {
                    JsonNode view = Views.object(o, path.apiVersion());
                    JsonNode patched = patch.apply(view);
                    if (!patched.isObject()) {
                        throw Statuses.badRequest("the patched object is not a JSON object");
                    }
                    ObjectNode obj = (ObjectNode) patched;
                    checkIdentity(obj, path, path.name());
                    warnings = validation.patched(request, path, view, obj);
                    updated = "status".equals(path.subresource()) ? writeStatus(obj, path, dryRun, manager)
                            : api.update(obj, path.namespaceOrDefault(), dryRun, manager);
                }
                written(dryRun);
                StoredObject result = answer(updated, dryRun);
                return warnings.on(Replies.json(200, scale ? Scales.of(result) : Views.object(result, path.apiVersion())));
            } catch (ApiException e) {
                boolean ourConflict = "Conflict".equals(e.reason()) && current(path).resourceVersion() != readAt;
                if (!ourConflict || attempt == PATCH_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Server-side apply: 201 when it created the object, 200 when it changed or kept it; 409 on a
     * conflict with another manager's fields.
     */
    private MockResponse apply(Request request, ResourcePath path) {
        if ("status".equals(path.subresource()) && !path.kind().statusSubresource()) {
            throw Statuses.pathNotFound();
        }
        ObjectNode config = ApplyPatches.config(request, path);
        FieldValidation.Warnings warnings = validation.applied(request, path, config);
        boolean dryRun = request.dryRun();
        ApiServer.Applied applied = api.serverSideApply(config, path.namespaceOrDefault(),
                FieldManagers.of(request, path), request.flag("force"), dryRun);
        written(dryRun);
        return warnings.on(Replies.json(applied.created() ? 201 : 200,
                Views.object(answer(applied.object(), dryRun), path.apiVersion())));
    }

    private StoredObject writeStatus(ObjectNode obj, ResourcePath path, boolean dryRun, Manager manager) {
        if (!path.kind().statusSubresource()) {
            throw Statuses.pathNotFound();
        }
        if (dryRun) {
            return current(path);
        }
        return api.updateStatus(obj, path.namespaceOrDefault(), manager);
    }

    private MockResponse delete(Request request, ResourcePath path) {
        DeleteOptions options = DeleteRequests.options(request);
        DeleteResult result = api.delete(path.kind(), path.namespaceOrDefault(), path.name(), options);
        written(options.dryRun());
        return Replies.json(200, deleted(path, result));
    }

    private MockResponse deleteCollection(Request request, ResourcePath path) {
        if (path.kind().kind().equals("Namespace") && path.kind().group().isEmpty()) {
            throw Statuses.methodNotAllowed("deletecollection", path.kind().plural());
        }
        DeleteOptions options = DeleteRequests.options(request);
        ListResult targets = api.list(path.kind(), path.namespace(), request.query("labelSelector"),
                request.query("fieldSelector"));
        ObjectNode list = Json.object();
        list.put("kind", path.kind().kind() + "List");
        list.put("apiVersion", path.apiVersion());
        ArrayNode items = list.putArray("items");
        for (StoredObject o : targets.items()) {
            try {
                DeleteResult r = api.delete(path.kind(), o.namespace(), o.name(), options);
                items.add(Views.listItem(r.object(), path.apiVersion(), ApiCatalog.builtIn(path.kind())));
            } catch (ApiException e) {
                if (!"NotFound".equals(e.reason())) {
                    throw e;
                }
            }
        }
        written(options.dryRun());
        list.putObject("metadata").put("resourceVersion", Long.toString(api.state().resourceVersion()));
        return Replies.json(200, list);
    }

    /** What a DELETE answers: the object while deletion is pending (or for kinds that return it), else a Success Status. */
    private static JsonNode deleted(ResourcePath path, DeleteResult result) {
        StoredObject o = result.object();
        if (!result.removed() || path.kind().returnsDeletedObject()) {
            return Views.object(o, path.apiVersion());
        }
        return Statuses.success(o.name(), path.kind().group(), path.kind().plural(), o.uid());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private StoredObject current(ResourcePath path) {
        return api.get(path.kind(), path.namespaceOrDefault(), path.name())
                .orElseThrow(() -> Errors.notFound(path.kind(), path.name()));
    }

    /** After a real write the controllers settle, as after every {@code Cluster} call. */
    private void written(boolean dryRun) {
        if (!dryRun) {
            settle.run();
        }
    }

    /**
     * What a write answers with: the object as committed; for a dry run, as computed, keeping the
     * resourceVersion the object had (none for a create), since nothing was stored.
     */
    private StoredObject answer(StoredObject written, boolean dryRun) {
        if (!dryRun) {
            return written;
        }
        ObjectNode copy = written.mutableCopy();
        ObjectNode meta = Json.with(copy, "metadata");
        KindInfo kind = api.state().kinds().forResource(written.resource()).orElse(null);
        StoredObject before = kind == null ? null : api.get(kind, written.namespace(), written.name()).orElse(null);
        if (before == null) {
            meta.remove("resourceVersion");
        } else {
            meta.put("resourceVersion", Long.toString(before.resourceVersion()));
        }
        return new StoredObject(written.key(), copy, written.namespace(), written.name(), written.uid(),
                before == null ? 0 : before.resourceVersion(), written.labels());
    }

    /**
     * Drops null fields (unset, for typed decoding), fills in apiVersion and kind from the URL when
     * absent, and checks that the body belongs at this URL: same apiVersion and kind, same
     * namespace, and on PUT the same name.
     */
    private static void checkIdentity(ObjectNode obj, ResourcePath path, String urlName) {
        Bodies.withoutNulls(obj);
        String apiVersion = Json.text(obj, "apiVersion");
        String kind = Json.text(obj, "kind");
        if (apiVersion == null || apiVersion.isEmpty()) {
            obj.put("apiVersion", path.apiVersion());
        } else if (!apiVersion.equals(path.apiVersion())) {
            throw Statuses.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + path.apiVersion() + ")");
        }
        if (kind == null || kind.isEmpty()) {
            obj.put("kind", path.kind().kind());
        } else if (!kind.equals(path.kind().kind())) {
            throw Statuses.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + path.kind().kind() + ")");
        }
        ObjectNode meta = Json.with(obj, "metadata");
        if (path.kind().namespaced()) {
            String ns = meta.path("namespace").asText("");
            if (!ns.isEmpty() && path.namespace() != null && !ns.equals(path.namespace())) {
                throw Statuses.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            if (ns.isEmpty()) {
                meta.put("namespace", path.namespaceOrDefault());
            }
        }
        if (urlName != null) {
            String name = meta.path("name").asText("");
            if (!name.equals(urlName)) {
                throw Statuses.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                        + urlName + ")");
            }
        }
    }
}
