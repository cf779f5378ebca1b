package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;

/** The {@code scale} subresource: an {@code autoscaling/v1} Scale view of a workload, and writing one back. */
final class Scales {

    private Scales() {
    }

    /** The Scale of a Deployment, ReplicaSet, StatefulSet or ReplicationController. */
    static ObjectNode of(StoredObject o) {
        JsonNode obj = o.json();
        ObjectNode s = Json.object();
        s.put("kind", "Scale");
        s.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = s.putObject("metadata");
        for (String f : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            JsonNode v = obj.path("metadata").get(f);
            if (v != null) {
                meta.set(f, v.deepCopy());
            }
        }
        s.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(1));
        ObjectNode status = s.putObject("status");
        status.put("replicas", obj.path("status").path("replicas").asInt(0));
        JsonNode selector = obj.path("spec").path("selector");
        String text = selector.has("matchLabels") || selector.has("matchExpressions") ? Selectors.format(selector)
                : selector.isObject() && !selector.isEmpty() ? Selectors.formatMap(selector) : "";
        if (!text.isEmpty()) {
            status.put("selector", text);
        }
        return s;
    }

    /**
     * The object with the Scale's replicas; the Scale's resourceVersion, when it has one, becomes
     * the update's precondition.
     */
    static ObjectNode apply(StoredObject o, JsonNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber()) {
            throw Statuses.badRequest("Scale.autoscaling \"" + o.name() + "\" is invalid: spec.replicas: Required value");
        }
        ObjectNode updated = o.mutableCopy();
        Json.with(updated, "spec").put("replicas", replicas.asInt());
        String rv = Json.text(scale, "metadata", "resourceVersion");
        Json.with(updated, "metadata").put("resourceVersion", rv != null ? rv : Long.toString(o.resourceVersion()));
        return updated;
    }
}
