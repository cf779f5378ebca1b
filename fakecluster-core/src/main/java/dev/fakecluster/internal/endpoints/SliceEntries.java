package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.services.ServiceSpecs;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;

/** One pod as an EndpointSlice sees it (endpointslice utils podToEndpoint, getEndpointPorts). */
final class SliceEntries {

    private SliceEntries() {
    }

    /**
     * The pod's endpoint: its address, the conditions ({@code serving} = Ready, {@code terminating}
     * = being deleted, {@code ready} = serving and not terminating; all but terminating true with
     * {@code publishNotReadyAddresses}), hostname when it applies, targetRef, nodeName and zone.
     */
    static ObjectNode endpoint(ClusterState state, StoredObject pod, StoredObject svc) {
        JsonNode p = pod.json();
        boolean publishNotReady = svc.json().path("spec").path("publishNotReadyAddresses").asBoolean(false);
        boolean serving = publishNotReady || Pods.isReady(p);
        boolean terminating = Pods.isTerminating(p);
        boolean ready = publishNotReady || serving && !terminating;
        ObjectNode ep = Json.object();
        ep.putArray("addresses").add(ServicePods.podIp(p));
        ep.putObject("conditions").put("ready", ready).put("serving", serving).put("terminating", terminating);
        String hostname = ServicePods.hostname(p, svc);
        if (hostname != null) {
            ep.put("hostname", hostname);
        }
        ep.putObject("targetRef").put("kind", "Pod").put("namespace", pod.namespace()).put("name", pod.name())
                .put("uid", pod.uid());
        String node = Pods.nodeName(p);
        if (node != null) {
            ep.put("nodeName", node);
            StoredObject n = state.get(StoredObject.key("nodes", "", node));
            String zone = n == null ? null : n.labels().get(EndpointSliceController.ZONE_LABEL);
            if (zone != null && !zone.isEmpty()) {
                ep.put("zone", zone);
            }
        }
        return ep;
    }

    /** The Service's ports as resolved on this pod; a port whose named targetPort the pod lacks is left out. */
    static ArrayNode ports(StoredObject pod, StoredObject svc) {
        ArrayNode out = Json.array();
        JsonNode spec = svc.json().path("spec");
        if (spec.path("ports").isEmpty() && ServiceSpecs.isHeadless(spec)) {
            return out;
        }
        for (JsonNode servicePort : spec.path("ports")) {
            int number = TargetPorts.find(pod.json(), servicePort);
            if (number < 0) {
                continue;
            }
            ObjectNode port = out.addObject().put("name", servicePort.path("name").asText(""))
                    .put("protocol", servicePort.path("protocol").asText("TCP")).put("port", number);
            if (servicePort.has("appProtocol")) {
                port.put("appProtocol", servicePort.path("appProtocol").asText());
            }
        }
        return out;
    }
}
