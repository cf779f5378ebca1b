package dev.fakecluster.internal.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A DaemonSet's ControllerRevisions ({@code update.go}): one per distinct pod template, named
 * {@code <ds>-<hash>} and labelled {@code controller-revision-hash}, numbered in the order the
 * templates were current, and pruned to {@code spec.revisionHistoryLimit} old ones.
 */
final class History {

    private static final Comparator<StoredObject> BY_REVISION = Comparator.comparingLong(History::revision);

    private final ApiServer api;
    private final KindInfo revisionKind;
    private final KindInfo podKind;
    private final KindInfo dsKind;

    /**
     * The revisions of one DaemonSet.
     *
     * @param current the revision of its current template
     * @param old the others
     */
    record Revisions(StoredObject current, List<StoredObject> old) {

        /** The current revision's hash, the label new pods carry. */
        String hash() {
            String hash = current.labels().get(DaemonPods.REVISION_HASH);
            return hash == null ? "" : hash;
        }
    }

    History(ApiServer api, KindInfo dsKind, KindInfo podKind) {
        this.api = api;
        this.revisionKind = api.resolveKind("controllerrevisions.apps");
        this.podKind = podKind;
        this.dsKind = dsKind;
    }

    KindInfo kind() {
        return revisionKind;
    }

    /**
     * Finds the current revision (creating it, or raising its number above the old ones'), labels
     * unlabelled revisions and removes duplicates of the current one (constructHistory). Null when
     * the name was taken by another template: the collision count went up and the next sync retries.
     */
    Revisions construct(StoredObject ds, List<StoredObject> pods) {
        List<StoredObject> current = new ArrayList<>();
        List<StoredObject> old = new ArrayList<>();
        for (StoredObject revision : claim(ds)) {
            if (!revision.labels().containsKey(DaemonPods.REVISION_HASH)) {
                revision = api.mutate(revisionKind, revision.namespace(), revision.name(), r -> {
                    Json.with(r, "metadata", "labels").put(DaemonPods.REVISION_HASH, Json.text(r, "metadata", "name"));
                    return r;
                });
            }
            (matches(ds, revision) ? current : old).add(revision);
        }
        long next = old.stream().mapToLong(History::revision).max().orElse(0) + 1;
        if (current.isEmpty()) {
            StoredObject created = snapshot(ds, next);
            return created == null ? null : new Revisions(created, old);
        }
        StoredObject keep = dedup(current, pods);
        if (revision(keep) < next) {
            keep = api.mutate(revisionKind, keep.namespace(), keep.name(), r -> r.put("revision", next));
        }
        return new Revisions(keep, old);
    }

    /** The ControllerRevisions this DaemonSet controls, adopting matching orphans and releasing mismatches. */
    private List<StoredObject> claim(StoredObject ds) {
        LabelSelector selector = LabelSelector.fromObject(ds.json().path("spec").path("selector"));
        List<StoredObject> claimed = new ArrayList<>();
        for (StoredObject revision : api.state().list(revisionKind.resource(), ds.namespace())) {
            String owner = Owners.controllerUid(revision.json());
            if (ds.uid().equals(owner)) {
                if (selector.matches(revision.labels())) {
                    claimed.add(revision);
                } else {
                    api.mutate(revisionKind, revision.namespace(), revision.name(), r -> {
                        Owners.release(r, ds.uid());
                        return r;
                    });
                }
            } else if (owner == null && !revision.isDeleting() && selector.matches(revision.labels())) {
                StoredObject adopted = api.mutate(revisionKind, revision.namespace(), revision.name(), r -> {
                    Owners.adopt(r, Owners.controllerRef(ds));
                    return r;
                });
                if (adopted != null) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    /** Keeps the highest-numbered of several current revisions; pods are relabelled with its hash first. */
    private StoredObject dedup(List<StoredObject> current, List<StoredObject> pods) {
        StoredObject keep = current.get(0);
        for (StoredObject r : current) {
            if (revision(r) >= revision(keep)) {
                keep = r;
            }
        }
        if (current.size() == 1) {
            return keep;
        }
        String hash = keep.labels().get(DaemonPods.REVISION_HASH);
        for (StoredObject pod : pods) {
            if (!hash.equals(pod.labels().get(DaemonPods.REVISION_HASH))) {
                api.mutate(podKind, pod.namespace(), pod.name(), p -> {
                    Json.with(p, "metadata", "labels").put(DaemonPods.REVISION_HASH, hash);
                    return p;
                });
            }
        }
        for (StoredObject r : current) {
            if (r != keep) {
                delete(r);
            }
        }
        return keep;
    }

    /** Creates the revision of the current template; on a name clash with another template, counts a collision. */
    private StoredObject snapshot(StoredObject ds, long number) {
        JsonNode template = ds.json().path("spec").path("template");
        JsonNode count = ds.json().path("status").path("collisionCount");
        String hash = PodTemplateHash.compute(template, count.isNumber() ? count.asInt() : null);
        String name = ds.name() + "-" + hash;
        ObjectNode revision = Json.object().put("apiVersion", "apps/v1").put("kind", "ControllerRevision");
        ObjectNode meta = revision.putObject("metadata").put("name", name).put("namespace", ds.namespace());
        Map<String, String> labels = new TreeMap<>(Json.stringMap(template, "metadata", "labels"));
        labels.put(DaemonPods.REVISION_HASH, hash);
        meta.set("labels", Json.toObject(labels));
        Map<String, String> annotations = Json.stringMap(ds.json(), "metadata", "annotations");
        if (!annotations.isEmpty()) {
            meta.set("annotations", Json.toObject(annotations));
        }
        meta.putArray("ownerReferences").add(Owners.controllerRef(ds));
        revision.set("data", patch(ds.json()));
        revision.put("revision", number);
        try {
            return api.create(revision, ds.namespace(), false);
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
        }
        StoredObject existing = api.state().get(StoredObject.key(revisionKind.resource(), ds.namespace(), name));
        if (existing != null && matches(ds, existing)) {
            return existing;
        }
        api.mutate(dsKind, ds.namespace(), ds.name(), d -> {
            ObjectNode status = Json.with(d, "status");
            status.put("collisionCount", status.path("collisionCount").asInt(0) + 1);
            return d;
        });
        return null;
    }

    /**
     * Deletes the oldest revisions beyond {@code spec.revisionHistoryLimit}, sparing those a pod
     * still runs (cleanupHistory).
     */
    void cleanup(StoredObject ds, List<StoredObject> old, Collection<StoredObject> pods) {
        int toKill = old.size() - ds.json().path("spec").path("revisionHistoryLimit").asInt(10);
        if (toKill <= 0) {
            return;
        }
        Set<String> liveHashes = new HashSet<>();
        pods.forEach(p -> {
            String hash = p.labels().get(DaemonPods.REVISION_HASH);
            if (hash != null && !hash.isEmpty()) {
                liveHashes.add(hash);
            }
        });
        for (StoredObject revision : old.stream().sorted(BY_REVISION).toList()) {
            if (toKill <= 0) {
                return;
            }
            if (!liveHashes.contains(revision.labels().get(DaemonPods.REVISION_HASH))) {
                delete(revision);
                toKill--;
            }
        }
    }

    private void delete(StoredObject revision) {
        try {
            api.delete(revisionKind, revision.namespace(), revision.name(), DeleteOptions.defaults());
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }

    /** Whether a revision holds the DaemonSet's current template (Match). */
    private static boolean matches(StoredObject ds, StoredObject revision) {
        return patch(ds.json()).equals(revision.json().path("data"));
    }

    /** {@code {"spec":{"template":{..., "$patch":"replace"}}}} with keys sorted, as getPatch marshals it. */
    private static ObjectNode patch(JsonNode ds) {
        ObjectNode template = ds.path("spec").path("template").deepCopy();
        template.put("$patch", "replace");
        ObjectNode data = Json.object();
        data.putObject("spec").set("template", sorted(template));
        return data;
    }

    private static ObjectNode sorted(JsonNode object) {
        ObjectNode out = Json.object();
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        names.stream().sorted().forEach(n -> out.set(n, sortedValue(object.get(n))));
        return out;
    }

    private static JsonNode sortedValue(JsonNode value) {
        if (value.isObject()) {
            return sorted(value);
        }
        if (value.isArray()) {
            var out = Json.array();
            value.forEach(v -> out.add(sortedValue(v)));
            return out;
        }
        return value;
    }

    private static long revision(StoredObject revision) {
        return revision.json().path("revision").asLong(0);
    }
}
