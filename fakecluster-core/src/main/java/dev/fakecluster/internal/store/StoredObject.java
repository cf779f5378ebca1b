package dev.fakecluster.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One committed API object: its JSON tree (never mutated after commit) and the fields the store
 * indexes and filters on, extracted once.
 *
 * @param key the storage key, {@code <resource>/<namespace>/<name>} ({@code nodes//node1} when cluster-scoped)
 * @param json the object as the API server serves it; treat as read-only
 * @param namespace the namespace, "" for cluster-scoped objects
 * @param name the name
 * @param uid the uid
 * @param resourceVersion the resourceVersion of the commit that wrote it
 * @param labels its labels
 */
public record StoredObject(String key, ObjectNode json, String namespace, String name, String uid,
        long resourceVersion, Map<String, String> labels) {

    /** The storage key of an object: resources sort by name, then namespace, then object name. */
    public static String key(String resource, String namespace, String name) {
        return resource + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    /** The key prefix of a resource in one namespace, or in all namespaces when namespace is null. */
    public static String prefix(String resource, String namespace) {
        return namespace == null ? resource + "/" : resource + "/" + namespace + "/";
    }

    /** Wraps a tree that the caller hands over (and must no longer change). */
    static StoredObject freeze(String resource, ObjectNode json) {
        JsonNode meta = json.path("metadata");
        String namespace = meta.path("namespace").asText("");
        String name = meta.path("name").asText("");
        return new StoredObject(key(resource, namespace, name), json, namespace, name, meta.path("uid").asText(""),
                meta.path("resourceVersion").asLong(0), Map.copyOf(Json.stringMap(meta, "labels")));
    }

    public String kind() {
        return json.path("kind").asText();
    }

    /** The storage resource this object belongs to (the key's first segment). */
    public String resource() {
        return key.substring(0, key.indexOf('/'));
    }

    /** The uids named in {@code metadata.ownerReferences}. */
    public List<String> ownerUids() {
        JsonNode refs = json.path("metadata").path("ownerReferences");
        if (refs.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(refs.size());
        refs.forEach(r -> out.add(r.path("uid").asText()));
        return out;
    }

    public boolean isDeleting() {
        return json.path("metadata").hasNonNull("deletionTimestamp");
    }

    public boolean hasFinalizer(String finalizer) {
        for (JsonNode f : json.path("metadata").path("finalizers")) {
            if (finalizer.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    /** A deep copy to change and write back. */
    public ObjectNode mutableCopy() {
        return json.deepCopy();
    }
}
