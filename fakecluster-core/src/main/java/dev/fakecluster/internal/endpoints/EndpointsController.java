package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.runtime.QueueController;
import dev.fakecluster.internal.services.ServiceSpecs;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The endpoints controller (pkg/controller/endpoint): one v1 Endpoints per Service with a selector,
 * of the same name, listing its pods ({@link Subsets}); rewritten as pods come, go and change
 * readiness, deleted with its Service. Services without a selector are left to whoever writes
 * their Endpoints.
 */
public final class EndpointsController extends QueueController {

    static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

    private final ApiServer api;
    private final KindInfo endpointsKind;

    public EndpointsController(ApiServer api, VirtualClock clock) {
        super(clock);
        this.api = api;
        this.endpointsKind = api.resolveKind("endpoints");
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        switch (o.resource()) {
            case "services" -> enqueue.accept(o.key());
            case "pods" -> ServicePods.servicesOfPod(api.state(), change, enqueue);
            case "endpoints" -> {
                if (change.type() == Change.Type.DELETED) {
                    enqueue.accept(StoredObject.key("services", o.namespace(), o.name()));
                }
            }
            default -> {
            }
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list("services", null).forEach(svc -> enqueue.accept(svc.key()));
        state.list("endpoints", null).forEach(ep -> enqueue.accept(StoredObject.key("services", ep.namespace(), ep.name())));
    }

    @Override
    protected void sync(String key) {
        ClusterState state = api.state();
        StoredObject svc = state.get(key);
        String namespace = key.substring(key.indexOf('/') + 1, key.lastIndexOf('/'));
        String name = key.substring(key.lastIndexOf('/') + 1);
        StoredObject current = state.get(StoredObject.key("endpoints", namespace, name));
        if (svc == null) {
            if (current != null) {
                delete(namespace, name);
            }
            return;
        }
        if (ServiceSpecs.selector(svc.json().path("spec")) == null) {
            return;
        }
        Subsets.Result subsets = Subsets.of(svc, ServicePods.selected(state, svc));
        Map<String, String> labels = labels(svc);
        if (current != null && current.json().path("subsets").equals(subsets.subsets())
                && current.labels().equals(labels) && subsets.truncated() == hasOverCapacity(current.json())) {
            return;
        }
        ObjectNode desired = current != null ? current.mutableCopy() : fresh(namespace, name);
        ObjectNode meta = Json.with(desired, "metadata");
        meta.set("labels", Json.toObject(labels));
        if (labels.isEmpty()) {
            meta.remove("labels");
        }
        ObjectNode annotations = Json.with(meta, "annotations");
        annotations.put(TriggerTime.ANNOTATION, TriggerTime.format(now()));
        if (subsets.truncated()) {
            annotations.put(OVER_CAPACITY, "truncated");
        } else {
            annotations.remove(OVER_CAPACITY);
        }
        desired.remove("subsets");
        if (!subsets.subsets().isEmpty()) {
            desired.set("subsets", subsets.subsets());
        }
        if (current == null) {
            api.create(desired, namespace, false);
        } else {
            api.mutate(endpointsKind, namespace, name, o -> desired);
        }
    }

    /** The Service's labels, plus the headless marker when it has no ClusterIP. */
    private static Map<String, String> labels(StoredObject svc) {
        Map<String, String> labels = new LinkedHashMap<>(svc.labels());
        String clusterIp = Json.text(svc.json(), "spec", "clusterIP");
        if (clusterIp == null || clusterIp.isEmpty() || clusterIp.equals("None")) {
            labels.put(HEADLESS_LABEL, "");
        } else {
            labels.remove(HEADLESS_LABEL);
        }
        return labels;
    }

    private static boolean hasOverCapacity(JsonNode endpoints) {
        return "truncated".equals(Json.text(endpoints, "metadata", "annotations", OVER_CAPACITY));
    }

    private static ObjectNode fresh(String namespace, String name) {
        ObjectNode ep = Json.object().put("apiVersion", "v1").put("kind", "Endpoints");
        ep.putObject("metadata").put("name", name).put("namespace", namespace);
        return ep;
    }

    private void delete(String namespace, String name) {
        try {
            api.delete(endpointsKind, namespace, name, DeleteOptions.defaults());
        } catch (ApiException e) {
            if (!"NotFound".equals(e.reason())) {
                throw e;
            }
        }
    }
}
