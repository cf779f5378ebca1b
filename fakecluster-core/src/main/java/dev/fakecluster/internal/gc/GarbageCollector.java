package dev.fakecluster.internal.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The garbage collector: deletes dependents whose owners are all gone, and carries out the
 * {@code orphan} and {@code foregroundDeletion} finalizers (pkg/controller/garbagecollector).
 *
 * <ul>
 *   <li>A dependent none of whose owners exists any more is deleted (in the background); one that
 *       still has a live owner just loses the dangling references.</li>
 *   <li>An owner being deleted with {@code orphan}: its dependents lose their references to it,
 *       then the finalizer is removed.</li>
 *   <li>An owner being deleted with {@code foregroundDeletion}: its dependents are deleted
 *       (foreground too); the finalizer is removed once no dependent with
 *       {@code blockOwnerDeletion: true} remains.</li>
 * </ul>
 */
public final class GarbageCollector implements Controller {

    private static final String ORPHAN = "orphan";
    private static final String FOREGROUND = "foregroundDeletion";

    private final ApiServer api;
    /** Keys of objects to look at, in the order they came up. */
    private final Set<String> queue = new LinkedHashSet<>();

    public GarbageCollector(ApiServer api) {
        this.api = api;
    }

    @Override
    public void observe(Change change) {
        StoredObject o = change.object();
        if (change.type() == Change.Type.DELETED) {
            ClusterState s = api.state();
            s.dependents(o.uid()).forEach(d -> queue.add(d.key()));
            queueOwners(s, o);
            return;
        }
        if (!o.ownerUids().isEmpty() || o.hasFinalizer(ORPHAN) || o.hasFinalizer(FOREGROUND)) {
            queue.add(o.key());
        }
        if (o.isDeleting()) {
            queueOwners(api.state(), o);
        }
    }

    private void queueOwners(ClusterState s, StoredObject dependent) {
        for (String uid : dependent.ownerUids()) {
            StoredObject owner = s.byUid(uid);
            if (owner != null && owner.hasFinalizer(FOREGROUND)) {
                queue.add(owner.key());
            }
        }
    }

    @Override
    public void resync(ClusterState state) {
        queue.clear();
        for (KindInfo kind : state.kinds().all()) {
            for (StoredObject o : state.list(kind.resource(), null)) {
                if (!o.ownerUids().isEmpty() || o.isDeleting()) {
                    queue.add(o.key());
                }
            }
        }
    }

    @Override
    public void reconcile() {
        while (!queue.isEmpty()) {
            String key = queue.iterator().next();
            queue.remove(key);
            StoredObject o = api.state().get(key);
            if (o == null) {
                continue;
            }
            if (o.isDeleting() && o.hasFinalizer(ORPHAN)) {
                orphanDependents(o);
            } else if (o.isDeleting() && o.hasFinalizer(FOREGROUND)) {
                deleteDependentsFirst(o);
            }
            if (!o.ownerUids().isEmpty()) {
                checkOwners(o);
            }
        }
    }

    private void checkOwners(StoredObject dependent) {
        ClusterState s = api.state();
        List<String> dangling = new ArrayList<>();
        boolean solidOwner = false;
        boolean ownerWaiting = false;
        for (JsonNode ref : dependent.json().path("metadata").path("ownerReferences")) {
            StoredObject owner = s.byUid(ref.path("uid").asText());
            if (owner == null) {
                dangling.add(ref.path("uid").asText());
            } else if (owner.isDeleting() && owner.hasFinalizer(FOREGROUND)) {
                ownerWaiting = true;
            } else {
                solidOwner = true;
            }
        }
        if (solidOwner) {
            if (!dangling.isEmpty()) {
                removeReferences(dependent, dangling);
            }
            return;
        }
        if (dangling.isEmpty() && !ownerWaiting) {
            return;
        }
        if (dependent.isDeleting() && !ownerWaiting) {
            return;
        }
        Propagation policy = ownerWaiting ? Propagation.FOREGROUND : Propagation.BACKGROUND;
        delete(dependent, policy);
    }

    private void orphanDependents(StoredObject owner) {
        for (StoredObject d : api.state().dependents(owner.uid())) {
            removeReferences(d, List.of(owner.uid()));
        }
        removeFinalizer(owner, ORPHAN);
    }

    private void deleteDependentsFirst(StoredObject owner) {
        boolean blocked = false;
        for (StoredObject d : api.state().dependents(owner.uid())) {
            if (!d.isDeleting()) {
                delete(d, Propagation.FOREGROUND);
            }
            StoredObject still = api.state().get(d.key());
            if (still != null && blocksOwner(still, owner.uid())) {
                blocked = true;
            }
        }
        if (!blocked) {
            removeFinalizer(owner, FOREGROUND);
        }
    }

    private static boolean blocksOwner(StoredObject dependent, String ownerUid) {
        for (JsonNode ref : dependent.json().path("metadata").path("ownerReferences")) {
            if (ownerUid.equals(ref.path("uid").asText()) && ref.path("blockOwnerDeletion").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private void delete(StoredObject o, Propagation policy) {
        KindInfo kind = kindOf(o);
        try {
            api.delete(kind, o.namespace(), o.name(), DeleteOptions.propagation(policy));
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }

    private void removeReferences(StoredObject o, List<String> uids) {
        removeFromMetadataList(o, "ownerReferences", ref -> uids.contains(ref.path("uid").asText()));
    }

    private void removeFinalizer(StoredObject o, String finalizer) {
        removeFromMetadataList(o, "finalizers", f -> finalizer.equals(f.asText()));
    }

    /** Drops the matching entries of a metadata list, removing the list when it becomes empty. */
    private void removeFromMetadataList(StoredObject o, String field, Predicate<JsonNode> drop) {
        api.mutate(kindOf(o), o.namespace(), o.name(), obj -> {
            ArrayNode kept = Json.array();
            for (JsonNode entry : Json.arrayAt(obj, "metadata", field)) {
                if (!drop.test(entry)) {
                    kept.add(entry);
                }
            }
            ObjectNode meta = Json.with(obj, "metadata");
            if (kept.isEmpty()) {
                meta.remove(field);
            } else {
                meta.set(field, kept);
            }
            return obj;
        });
    }

    private KindInfo kindOf(StoredObject o) {
        return api.state().kinds().forResource(o.resource())
                .orElseThrow(() -> new IllegalStateException("no kind for stored resource " + o.resource()));
    }
}
