package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.fakecluster.internal.workload.Owners;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for each Service with a selector,
 * IPv4 EndpointSlices named {@code <service>-<5 random>}, owned by the Service (the garbage
 * collector removes them with it), labelled {@code kubernetes.io/service-name} and managed by
 * {@code endpointslice-controller.k8s.io}, listing every published pod — terminating ones too —
 * with its ready, serving and terminating conditions, node, zone and resolved ports
 * ({@link SlicePlanner}); a node's zone changing rewrites them.
 */
public final class EndpointSliceController extends QueueController {

    /** The resource EndpointSlices are stored under. */
    public static final String RESOURCE = "endpointslices.discovery.k8s.io";
    /** The label naming a slice's Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    private final ApiServer api;
    private final KindInfo sliceKind;

    public EndpointSliceController(ApiServer api, VirtualClock clock) {
        super(clock);
        this.api = api;
        this.sliceKind = api.resolveKind(RESOURCE);
    }

    @Override
    protected void keysFor(Change change, Consumer<String> enqueue) {
        StoredObject o = change.object();
        switch (o.resource()) {
            case "services" -> enqueue.accept(o.key());
            case "pods" -> ServicePods.servicesOfPod(api.state(), change, enqueue);
            case "nodes" -> {
                if (change.previous() != null && !java.util.Objects.equals(change.previous().labels().get(ZONE_LABEL),
                        o.labels().get(ZONE_LABEL))) {
                    api.state().list("services", null).forEach(svc -> enqueue.accept(svc.key()));
                }
            }
            case RESOURCE -> {
                String service = o.labels().get(SERVICE_NAME_LABEL);
                if (service != null && CONTROLLER_NAME.equals(o.labels().get(MANAGED_BY_LABEL))) {
                    enqueue.accept(StoredObject.key("services", o.namespace(), service));
                }
            }
            default -> {
            }
        }
    }

    @Override
    protected void allKeys(ClusterState state, Consumer<String> enqueue) {
        state.list("services", null).forEach(svc -> enqueue.accept(svc.key()));
    }

    @Override
    protected void sync(String key) {
        ClusterState state = api.state();
        StoredObject svc = state.get(key);
        if (svc == null || ServiceSpecs.selector(svc.json().path("spec")) == null) {
            return;
        }
        Map<String, SlicePlanner.Content> desired = new LinkedHashMap<>();
        for (StoredObject pod : ServicePods.selected(state, svc)) {
            if (!ServicePods.published(pod.json(), true)) {
                continue;
            }
            ArrayNode ports = SliceEntries.ports(pod, svc);
            SlicePlanner.add(desired.computeIfAbsent(Json.write(ports), k -> SlicePlanner.group(ports)),
                    SliceEntries.endpoint(state, pod, svc));
        }
        SlicePlanner.Plan plan = SlicePlanner.plan(owned(state, svc), desired);
        ObjectNode labels = labels(svc);
        for (SlicePlanner.Content content : plan.creates()) {
            api.create(slice(newSlice(svc), labels, content), svc.namespace(), false);
        }
        plan.keeps().forEach((name, content) -> {
            StoredObject current = state.get(StoredObject.key(RESOURCE, svc.namespace(), name));
            ObjectNode updated = slice(current.mutableCopy(), labels, content);
            if (!updated.equals(current.json())) {
                api.mutate(sliceKind, svc.namespace(), name, o -> updated);
            }
        });
        for (String name : plan.deletes()) {
            try {
                api.delete(sliceKind, svc.namespace(), name, DeleteOptions.defaults());
            } catch (ApiException e) {
                if (!"NotFound".equals(e.reason())) {
                    throw e;
                }
            }
        }
    }

    /** The slices this controller keeps for {@code svc}: its label and ours, and the Service as controller. */
    private static List<StoredObject> owned(ClusterState state, StoredObject svc) {
        List<StoredObject> out = new ArrayList<>();
        for (StoredObject slice : state.list(RESOURCE, svc.namespace())) {
            if (svc.name().equals(slice.labels().get(SERVICE_NAME_LABEL))
                    && CONTROLLER_NAME.equals(slice.labels().get(MANAGED_BY_LABEL))
                    && svc.uid().equals(Owners.controllerUid(slice.json()))) {
                out.add(slice);
            }
        }
        return out;
    }

    /** The Service's labels (less the reserved ones), the Service name, the manager, and the headless marker. */
    private static ObjectNode labels(StoredObject svc) {
        Map<String, String> labels = new LinkedHashMap<>();
        svc.labels().forEach((k, v) -> {
            if (!k.equals(SERVICE_NAME_LABEL) && !k.equals(MANAGED_BY_LABEL)) {
                labels.put(k, v);
            }
        });
        labels.put(SERVICE_NAME_LABEL, svc.name());
        labels.put(MANAGED_BY_LABEL, CONTROLLER_NAME);
        if (ServiceSpecs.isHeadless(svc.json().path("spec"))) {
            labels.put(EndpointsController.HEADLESS_LABEL, "");
        } else {
            labels.remove(EndpointsController.HEADLESS_LABEL);
        }
        return Json.toObject(labels);
    }

    private static ObjectNode newSlice(StoredObject svc) {
        ObjectNode slice = Json.object().put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice");
        ObjectNode meta = slice.putObject("metadata").put("generateName", svc.name() + "-")
                .put("namespace", svc.namespace());
        meta.putArray("ownerReferences").add(Owners.controllerRef(svc));
        return slice;
    }

    /** {@code slice} with the given labels and payload; a changed payload also gets a new trigger time. */
    private ObjectNode slice(ObjectNode slice, ObjectNode labels, SlicePlanner.Content content) {
        ObjectNode meta = Json.with(slice, "metadata");
        boolean changed = !content.endpoints().equals(slice.path("endpoints")) || !content.ports().equals(slice.path("ports"));
        meta.set("labels", labels.deepCopy());
        if (changed) {
            Json.with(meta, "annotations").put(TriggerTime.ANNOTATION, TriggerTime.format(now()));
        }
        slice.put("addressType", "IPv4");
        slice.set("endpoints", content.endpoints().deepCopy());
        slice.set("ports", content.ports().deepCopy());
        return slice;
    }
}
