package dev.fakecluster.internal.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;

/** ownerReferences as controllers write and read them. */
public final class Owners {

    private Owners() {
    }

    /** The reference a controller puts on what it creates: {@code controller} and {@code blockOwnerDeletion} true. */
    public static ObjectNode controllerRef(StoredObject owner) {
        JsonNode o = owner.json();
        return Json.object().put("apiVersion", Json.text(o, "apiVersion")).put("kind", Json.text(o, "kind"))
                .put("name", owner.name()).put("uid", owner.uid()).put("controller", true)
                .put("blockOwnerDeletion", true);
    }

    /** The uid of the object's controller, or null when it has none. */
    public static String controllerUid(JsonNode obj) {
        for (JsonNode ref : Json.arrayAt(obj, "metadata", "ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return ref.path("uid").asText();
            }
        }
        return null;
    }

    /** The object's controller when it is stored and of {@code resource} (e.g. {@code replicasets.apps}), else null. */
    public static StoredObject controllerOf(ClusterState state, JsonNode obj, String resource) {
        String uid = controllerUid(obj);
        StoredObject owner = uid == null ? null : state.byUid(uid);
        return owner != null && owner.resource().equals(resource) ? owner : null;
    }

    /** The controller's kind, or null when it has none. */
    public static String controllerKind(JsonNode obj) {
        for (JsonNode ref : Json.arrayAt(obj, "metadata", "ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return ref.path("kind").asText();
            }
        }
        return null;
    }

    /** Adds {@code ref} as the controller reference of {@code obj} (adoption). */
    public static void adopt(ObjectNode obj, ObjectNode ref) {
        Json.with(obj, "metadata").withArray("ownerReferences").add(ref);
    }

    /** Removes the reference to {@code ownerUid} (release); drops an emptied list. */
    public static void release(ObjectNode obj, String ownerUid) {
        ObjectNode meta = Json.with(obj, "metadata");
        var refs = Json.arrayAt(meta, "ownerReferences");
        for (int i = refs.size() - 1; i >= 0; i--) {
            if (ownerUid.equals(refs.get(i).path("uid").asText())) {
                refs.remove(i);
            }
        }
        if (refs.isEmpty()) {
            meta.remove("ownerReferences");
        }
    }
}
