package dev.fakecluster.internal.namespace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import dev.fakecluster.internal.runtime.Controller;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Empties a Terminating namespace (pkg/controller/namespace): deletes every namespaced object in
 * it (pods terminate gracefully, so this can take their grace period), records what remains in the
 * namespace's conditions, and when nothing is left removes the {@code kubernetes} finalizer, at
 * which point the namespace is gone.
 */
public final class NamespaceController implements Controller {

    private static final String NAMESPACES = "namespaces";

    private final ApiServer api;
    private final Set<String> queue = new LinkedHashSet<>();

    public NamespaceController(ApiServer api) {
        this.api = api;
    }

    @Override
    public void observe(Change change) {
        StoredObject o = change.object();
        if (o.resource().equals(NAMESPACES)) {
            if (o.isDeleting()) {
                queue.add(o.name());
            }
        } else if (!o.namespace().isEmpty() && change.type() == Change.Type.DELETED) {
            StoredObject ns = api.state().get(StoredObject.key(NAMESPACES, "", o.namespace()));
            if (ns != null && ns.isDeleting()) {
                queue.add(ns.name());
            }
        }
    }

    @Override
    public void resync(ClusterState state) {
        queue.clear();
        state.list(NAMESPACES, null).stream().filter(StoredObject::isDeleting).forEach(n -> queue.add(n.name()));
    }

    @Override
    public void reconcile() {
        while (!queue.isEmpty()) {
            String name = queue.iterator().next();
            queue.remove(name);
            StoredObject ns = api.state().get(StoredObject.key(NAMESPACES, "", name));
            if (ns != null && ns.isDeleting()) {
                empty(ns);
            }
        }
    }

    private void empty(StoredObject ns) {
        TreeMap<String, Integer> remaining = new TreeMap<>();
        for (KindInfo kind : api.state().kinds().all()) {
            if (!kind.namespaced() || kind.kind().equals("Event")) {
                continue;
            }
            for (StoredObject o : api.state().list(kind.resource(), ns.name())) {
                if (!o.isDeleting()) {
                    try {
                        api.delete(kind, ns.name(), o.name(), DeleteOptions.propagation(Propagation.BACKGROUND));
                    } catch (ApiException e) {
                        if (!"NotFound".equals(e.reason())) {
                            throw e;
                        }
                    }
                }
            }
            int left = api.state().list(kind.resource(), ns.name()).size();
            if (left > 0) {
                remaining.put(kind.resource(), left);
            }
        }
        KindInfo namespaces = api.resolveKind(NAMESPACES);
        if (remaining.isEmpty()) {
            api.state().kinds().resolve("events").ifPresent(events ->
                    api.state().list(events.resource(), ns.name()).forEach(e ->
                            api.delete(events, ns.name(), e.name(), DeleteOptions.defaults())));
            api.mutate(namespaces, "", ns.name(), obj -> {
                Json.with(obj, "spec").putArray("finalizers");
                return obj;
            });
            return;
        }
        StringBuilder message = new StringBuilder("Some resources are remaining:");
        remaining.forEach((resource, count) -> message.append(' ').append(resource).append(" has ").append(count)
                .append(count == 1 ? " resource instance" : " resource instances").append(','));
        message.setLength(message.length() - 1);
        api.mutate(namespaces, "", ns.name(), obj -> {
            ObjectNode condition = Json.object();
            condition.put("type", "NamespaceContentRemaining").put("status", "True")
                    .put("lastTransitionTime", Json.text(obj, "metadata", "deletionTimestamp"))
                    .put("reason", "SomeResourcesRemain").put("message", message.toString());
            Json.with(obj, "status").putArray("conditions").add(condition);
            return obj;
        });
    }
}
