package dev.fakecluster.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindRegistry;
import dev.fakecluster.internal.persistent.PersistentSortedMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole cluster at one resourceVersion: every object, the indexes over them, the kinds served
 * and the recent change history. Immutable; each write returns a new state that shares everything
 * untouched with this one.
 *
 * <p>Every write ({@link #put}, {@link #remove}) takes the next resourceVersion, so a transaction
 * that writes three objects produces three consecutive resourceVersions and three history entries,
 * exactly as three etcd writes would. The indexes (uid, owner) live inside the state so that each
 * snapshot is self-consistent.
 */
public final class ClusterState {

    private static final String CRD_PREFIX = "customresourcedefinitions.apiextensions.k8s.io/";

    private final long resourceVersion;
    private final PersistentSortedMap<String, StoredObject> objects;
    private final PersistentSortedMap<String, String> byUid;
    /** Keys {@code <ownerUid>|<dependentKey>}; values the dependent's key. */
    private final PersistentSortedMap<String, String> byOwner;
    private final PersistentSortedMap<Long, Change> history;
    private final long compactedThrough;
    private final int historyLimit;
    private final KindRegistry kinds;

    private ClusterState(long resourceVersion, PersistentSortedMap<String, StoredObject> objects,
            PersistentSortedMap<String, String> byUid, PersistentSortedMap<String, String> byOwner,
            PersistentSortedMap<Long, Change> history, long compactedThrough, int historyLimit, KindRegistry kinds) {
        this.resourceVersion = resourceVersion;
        this.objects = objects;
        this.byUid = byUid;
        this.byOwner = byOwner;
        this.history = history;
        this.compactedThrough = compactedThrough;
        this.historyLimit = historyLimit;
        this.kinds = kinds;
    }

    /** An empty cluster whose history keeps the last {@code historyLimit} changes. */
    public static ClusterState empty(int historyLimit) {
        if (historyLimit < 1) {
            throw new IllegalArgumentException("history limit must be at least 1, was " + historyLimit);
        }
        return new ClusterState(0, PersistentSortedMap.empty(), PersistentSortedMap.empty(), PersistentSortedMap.empty(),
                PersistentSortedMap.empty(), 0, historyLimit, KindRegistry.builtIns());
    }

    /** The resourceVersion of the last commit. */
    public long resourceVersion() {
        return resourceVersion;
    }

    public KindRegistry kinds() {
        return kinds;
    }

    public StoredObject get(String key) {
        return objects.get(key);
    }

    public StoredObject byUid(String uid) {
        String key = byUid.get(uid);
        return key == null ? null : objects.get(key);
    }

    /** Objects of a resource, in one namespace or (null) all, in storage-key order. */
    public List<StoredObject> list(String resource, String namespace) {
        String prefix = StoredObject.prefix(resource, namespace);
        return objects.values(prefix, true, prefix + Character.MAX_VALUE);
    }

    /**
     * Objects of a resource, in one namespace or (null) all, as they were at resourceVersion
     * {@code at}, in storage-key order; empty when the history no longer reaches back to {@code at}.
     *
     * <p>No old state is kept: the current objects are taken and every change committed after
     * {@code at} is undone. The first such change of a key carries the object as it was at
     * {@code at} (null when the change created it), and the maps are persistent, so this costs one
     * path copy per changed key and nothing between reads.
     */
    public Optional<List<StoredObject>> listAt(String resource, String namespace, long at) {
        if (at > resourceVersion) {
            throw new IllegalArgumentException("resourceVersion " + at + " is newer than the state's " + resourceVersion);
        }
        if (at < compactedThrough) {
            return Optional.empty();
        }
        String prefix = StoredObject.prefix(resource, namespace);
        PersistentSortedMap<String, StoredObject> past = objects;
        Set<String> undone = new HashSet<>();
        for (Change c : changesAfter(at)) {
            String key = c.object().key();
            if (key.startsWith(prefix) && undone.add(key)) {
                past = c.previous() == null ? past.minus(key) : past.plus(key, c.previous());
            }
        }
        return Optional.of(past.values(prefix, true, prefix + Character.MAX_VALUE));
    }

    /** Number of objects of every kind. */
    public int size() {
        return objects.size();
    }

    /** Objects whose ownerReferences name {@code ownerUid}, in key order. */
    public List<StoredObject> dependents(String ownerUid) {
        String prefix = ownerUid + "|";
        List<StoredObject> out = new ArrayList<>();
        for (Map.Entry<String, String> e : byOwner.range(prefix, true, prefix + Character.MAX_VALUE)) {
            StoredObject o = objects.get(e.getValue());
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    /** Changes committed after {@code resourceVersion}, oldest first. */
    public List<Change> changesAfter(long resourceVersion) {
        return history.values(resourceVersion, false, null);
    }

    /**
     * The newest resourceVersion whose change is no longer in the history: a watch or controller
     * positioned before it has missed changes and must start over.
     */
    public long compactedThrough() {
        return compactedThrough;
    }

    /**
     * Writes {@code json} (which the caller hands over and must not change again) as the object of
     * {@code resource}, stamping the next resourceVersion into its metadata.
     */
    public ClusterState put(String resource, ObjectNode json) {
        long rv = resourceVersion + 1;
        Json.with(json, "metadata").put("resourceVersion", Long.toString(rv));
        StoredObject now = StoredObject.freeze(resource, json);
        StoredObject before = objects.get(now.key());
        PersistentSortedMap<String, String> owners = byOwner;
        if (before != null) {
            owners = withoutOwners(owners, before);
        }
        for (String uid : now.ownerUids()) {
            owners = owners.plus(uid + "|" + now.key(), now.key());
        }
        Change change = new Change(before == null ? Change.Type.ADDED : Change.Type.MODIFIED, rv, now, before);
        return next(rv, objects.plus(now.key(), now), byUid.plus(now.uid(), now.key()), owners, change);
    }

    /** Removes the object at {@code key}; its DELETED change carries the last state at the new resourceVersion. */
    public ClusterState remove(String key) {
        StoredObject before = objects.get(key);
        if (before == null) {
            return this;
        }
        long rv = resourceVersion + 1;
        ObjectNode last = before.mutableCopy();
        Json.with(last, "metadata").put("resourceVersion", Long.toString(rv));
        StoredObject gone = StoredObject.freeze(before.resource(), last);
        Change change = new Change(Change.Type.DELETED, rv, gone, before);
        return next(rv, objects.minus(key), byUid.minus(before.uid()), withoutOwners(byOwner, before), change);
    }

    private static PersistentSortedMap<String, String> withoutOwners(PersistentSortedMap<String, String> owners,
            StoredObject o) {
        for (String uid : o.ownerUids()) {
            owners = owners.minus(uid + "|" + o.key());
        }
        return owners;
    }

    private ClusterState next(long rv, PersistentSortedMap<String, StoredObject> objs,
            PersistentSortedMap<String, String> uids, PersistentSortedMap<String, String> owners, Change change) {
        PersistentSortedMap<Long, Change> h = history.plus(rv, change);
        long compacted = compactedThrough;
        while (h.size() > historyLimit) {
            compacted = h.firstKey();
            h = h.minus(compacted);
        }
        KindRegistry k = kinds;
        if (change.object().key().startsWith(CRD_PREFIX)) {
            List<JsonNode> crds = new ArrayList<>();
            objs.values(CRD_PREFIX, true, CRD_PREFIX + Character.MAX_VALUE).forEach(o -> crds.add(o.json()));
            k = KindRegistry.withDefinitions(crds);
        }
        return new ClusterState(rv, objs, uids, owners, h, compacted, historyLimit, k);
    }
}
