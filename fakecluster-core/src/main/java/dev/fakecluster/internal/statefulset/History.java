package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Owners;
import dev.fakecluster.internal.workload.PodTemplateHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A StatefulSet's ControllerRevisions (pkg/controller/history and the revision half of
 * stateful_set_control.go). A revision {@code <set>-<hash>} stores the pod template as the patch
 * {@code {"spec":{"template":{..., "$patch":"replace"}}}} with its keys sorted, as Go marshals a
 * map; its hash is FNV-1 (32 bit) over that JSON and the decimal collision count, safe-encoded.
 * The bytes differ from a real cluster's (Go's encoding of the template), the rules do not.
 */
final class History {

    static final String HASH_LABEL = "controller.kubernetes.io/hash";
    private static final Comparator<StoredObject> BY_REVISION = Comparator.comparingLong(History::revision)
            .thenComparing(r -> Instant.parse(Json.text(r.json(), "metadata", "creationTimestamp")))
            .thenComparing(StoredObject::name);
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private final ApiServer api;
    private final KindInfo kind;

    History(ApiServer api) {
        this.api = api;
        this.kind = api.resolveKind("controllerrevisions.apps");
    }

    /** The revisions the set controls or nobody does that match its selector, oldest revision first. */
    List<StoredObject> list(StoredObject set, LabelSelector selector) {
        List<StoredObject> out = new ArrayList<>();
        for (StoredObject r : api.state().list(kind.resource(), set.namespace())) {
            String owner = Owners.controllerUid(r.json());
            if (selector.matches(r.labels()) && (owner == null || owner.equals(set.uid()))) {
                out.add(r);
            }
        }
        out.sort(BY_REVISION);
        return out;
    }

    /** Makes the set the controller of its matching orphan revisions; a set being deleted may not adopt. */
    void adoptOrphans(StoredObject set, LabelSelector selector) {
        for (StoredObject r : list(set, selector)) {
            if (Owners.controllerUid(r.json()) != null) {
                continue;
            }
            if (set.isDeleting()) {
                throw new SyncError("can't adopt ControllerRevisions: " + set.namespace() + "/" + set.name()
                        + " has just been deleted at " + Json.text(set.json(), "metadata", "deletionTimestamp"));
            }
            api.mutate(kind, r.namespace(), r.name(), o -> {
                Owners.adopt(o, Owners.controllerRef(set));
                return o;
            });
        }
    }

    /**
     * The current and update revisions (getStatefulSetRevisions): the update revision is the newest
     * one when its template is the set's, an older equal one renumbered as the newest (a rollback),
     * or a new one; the current one is {@code status.currentRevision}, else the update revision.
     */
    Revisions resolve(StoredObject set, List<StoredObject> revisions) {
        int collisionCount = set.json().path("status").path("collisionCount").asInt(0);
        long next = revisions.isEmpty() ? 1 : revision(revisions.get(revisions.size() - 1)) + 1;
        ObjectNode candidate = newRevision(set, next, collisionCount);
        JsonNode data = candidate.get("data");
        StoredObject lastEqual = null;
        for (StoredObject r : revisions) {
            if (data.equals(r.json().get("data"))) {
                lastEqual = r;
            }
        }
        StoredObject newest = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
        StoredObject update;
        if (lastEqual != null && data.equals(newest.json().get("data"))) {
            update = newest;
        } else if (lastEqual != null) {
            update = renumber(lastEqual, next);
        } else {
            Created created = create(set, candidate, collisionCount);
            update = created.revision();
            collisionCount = created.collisionCount();
        }
        String currentName = Json.text(set.json(), "status", "currentRevision");
        StoredObject current = update;
        for (StoredObject r : revisions) {
            if (r.name().equals(currentName)) {
                current = r;
                break;
            }
        }
        return new Revisions(current, update, collisionCount);
    }

    /**
     * Deletes the oldest revisions beyond {@code revisionHistoryLimit} among those no pod, nor the
     * current or update revision, uses (truncateHistory); {@code chosen} is null when resolving failed.
     */
    void truncate(StoredObject set, List<StoredObject> pods, List<StoredObject> revisions, Revisions chosen) {
        Set<String> live = new HashSet<>();
        if (chosen != null) {
            live.add(chosen.current().name());
            live.add(chosen.update().name());
        }
        pods.forEach(p -> live.add(PodState.revision(p.json())));
        List<StoredObject> history = revisions.stream().filter(r -> !live.contains(r.name())).toList();
        int limit = set.json().path("spec").path("revisionHistoryLimit").asInt(10);
        if (limit < 0 || history.size() <= limit) {
            return;
        }
        for (StoredObject r : history.subList(0, history.size() - limit)) {
            try {
                api.delete(kind, r.namespace(), r.name(), DeleteOptions.defaults());
            } catch (ApiException e) {
                throw new SyncError(e.getMessage());
            }
        }
    }

    /** The revision number. */
    static long revision(StoredObject r) {
        return r.json().path("revision").asLong(0);
    }

    /** The pod template a revision restores (ApplyRevision: the set's template replaced by the stored one). */
    static JsonNode template(StoredObject r) {
        ObjectNode t = r.json().path("data").path("spec").path("template").deepCopy();
        t.remove("$patch");
        return t;
    }

    /** newRevision: the template as a replace patch, labelled like the template plus the hash, owned by the set. */
    private static ObjectNode newRevision(StoredObject set, long revision, int collisionCount) {
        ObjectNode template = set.json().path("spec").path("template").deepCopy();
        template.put("$patch", "replace");
        ObjectNode patch = Json.object();
        patch.putObject("spec").set("template", template);
        JsonNode data = sorted(patch);
        String hash = hash(data, collisionCount);
        Map<String, String> labels = new TreeMap<>(Json.stringMap(template, "metadata", "labels"));
        labels.put(HASH_LABEL, hash);
        ObjectNode r = Json.object().put("apiVersion", "apps/v1").put("kind", "ControllerRevision");
        ObjectNode meta = r.putObject("metadata").put("name", name(set, hash)).put("namespace", set.namespace());
        meta.set("labels", Json.toObject(labels));
        Map<String, String> annotations = Json.stringMap(set.json(), "metadata", "annotations");
        if (!annotations.isEmpty()) {
            meta.set("annotations", Json.toObject(new TreeMap<>(annotations)));
        }
        meta.putArray("ownerReferences").add(Owners.controllerRef(set));
        r.set("data", data);
        r.put("revision", revision);
        return r;
    }

    /** A revision as created, with the collision count that named it. */
    private record Created(StoredObject revision, int collisionCount) {
    }

    /**
     * CreateControllerRevision: an existing revision of that name with the same data is reused;
     * another one is a collision, counted and hashed around.
     */
    private Created create(StoredObject set, ObjectNode revision, int collisionCount) {
        JsonNode data = revision.get("data");
        for (int count = collisionCount; ; count++) {
            ObjectNode attempt = revision.deepCopy();
            String name = name(set, hash(data, count));
            Json.with(attempt, "metadata").put("name", name);
            try {
                StoredObject created = api.create(attempt, set.namespace(), false);
                return new Created(created, count);
            } catch (ApiException e) {
                if (!"AlreadyExists".equals(e.reason())) {
                    throw new SyncError(e.getMessage());
                }
            }
            StoredObject exists = api.state().get(StoredObject.key(kind.resource(), set.namespace(), name));
            if (exists != null && data.equals(exists.json().get("data"))) {
                return new Created(exists, count);
            }
        }
    }

    /** UpdateControllerRevision: gives an older revision the newest number. */
    private StoredObject renumber(StoredObject r, long revision) {
        StoredObject updated = api.mutate(kind, r.namespace(), r.name(), o -> {
            if (o.path("revision").asLong(0) == revision) {
                return null;
            }
            o.put("revision", revision);
            return o;
        });
        if (updated == null) {
            throw new SyncError("controllerrevisions.apps \"" + r.name() + "\" not found");
        }
        return updated;
    }

    /** ControllerRevisionName: the prefix is cut to 223 characters so the name stays within 253. */
    private static String name(StoredObject set, String hash) {
        String prefix = set.name().length() > 223 ? set.name().substring(0, 223) : set.name();
        return prefix + "-" + hash;
    }

    /** HashControllerRevision: FNV-1 over the data's JSON, then the collision count in decimal. */
    static String hash(JsonNode data, int collisionCount) {
        int h = FNV_OFFSET;
        for (byte b : (Json.write(data) + collisionCount).getBytes(StandardCharsets.UTF_8)) {
            h = (h * FNV_PRIME) ^ (b & 0xff);
        }
        return PodTemplateHash.safeEncode(Integer.toUnsignedString(h));
    }

    /** A copy with every object's keys in sorted order. */
    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            ObjectNode out = Json.object();
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), e.getValue());
            }
            fields.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (n.isArray()) {
            ArrayNode out = Json.array();
            n.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return n;
    }
}
