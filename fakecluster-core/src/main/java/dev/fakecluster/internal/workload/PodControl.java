package dev.fakecluster.internal.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.events.EventRecorder;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;

/**
 * Creates and deletes a controller's pods the way {@code controller.RealPodControl} does, with its
 * {@code SuccessfulCreate} / {@code FailedCreate} / {@code SuccessfulDelete} events.
 */
public final class PodControl {

    private final ApiServer api;
    private final EventRecorder events;
    private final KindInfo podKind;

    public PodControl(ApiServer api, EventRecorder events) {
        this.api = api;
        this.events = events;
        this.podKind = api.resolveKind("pods");
    }

    /**
     * A new pod built from {@code template} for {@code owner}: the template's labels, annotations,
     * finalizers and spec, a controller reference, and {@code generateName = <owner>-}.
     */
    public static ObjectNode fromTemplate(StoredObject owner, JsonNode template) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("generateName", owner.name() + "-");
        meta.put("namespace", owner.namespace());
        JsonNode tmeta = template.path("metadata");
        for (String f : new String[] {"labels", "annotations", "finalizers"}) {
            if (tmeta.has(f)) {
                meta.set(f, tmeta.get(f).deepCopy());
            }
        }
        meta.putArray("ownerReferences").add(Owners.controllerRef(owner));
        pod.set("spec", template.path("spec").deepCopy());
        return pod;
    }

    /** Creates {@code pod}; records the outcome on {@code owner} from {@code component}. Null when refused. */
    public StoredObject create(StoredObject owner, ObjectNode pod, String component) {
        try {
            StoredObject created = api.create(pod, owner.namespace(), false);
            events.normal(owner, component, "SuccessfulCreate", "Created pod: " + created.name());
            return created;
        } catch (ApiException e) {
            events.warning(owner, component, "FailedCreate", "Error creating: " + e.getMessage());
            return null;
        }
    }

    /** Deletes {@code pod} (gracefully) on behalf of {@code owner}. */
    public void delete(StoredObject owner, StoredObject pod, String component) {
        try {
            api.delete(podKind, pod.namespace(), pod.name(), DeleteOptions.defaults());
            events.normal(owner, component, "SuccessfulDelete", "Deleted pod: " + pod.name());
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                events.warning(owner, component, "FailedDelete", "Error deleting: " + e.getMessage());
            }
        }
    }

    public KindInfo podKind() {
        return podKind;
    }
}
