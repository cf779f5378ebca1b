package dev.fakecluster.internal.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.services.ServiceSpecs;
import dev.fakecluster.internal.store.Change;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Which pods a Service selects, which Services a pod change concerns, and whether a pod is published at all. */
final class ServicePods {

    private ServicePods() {
    }

    /** The pods in the Service's namespace that its selector matches, in storage order; empty without a selector. */
    static List<StoredObject> selected(ClusterState state, StoredObject svc) {
        Map<String, String> selector = ServiceSpecs.selector(svc.json().path("spec"));
        List<StoredObject> out = new ArrayList<>();
        if (selector == null) {
            return out;
        }
        for (StoredObject pod : state.list("pods", svc.namespace())) {
            if (matches(selector, pod.labels())) {
                out.add(pod);
            }
        }
        return out;
    }

    /** Queues the Services whose selector matches the pod before or after {@code change}. */
    static void servicesOfPod(ClusterState state, Change change, Consumer<String> enqueue) {
        StoredObject pod = change.object();
        for (StoredObject svc : state.list("services", pod.namespace())) {
            Map<String, String> selector = ServiceSpecs.selector(svc.json().path("spec"));
            if (selector != null && (matches(selector, pod.labels())
                    || change.previous() != null && matches(selector, change.previous().labels()))) {
                enqueue.accept(svc.key());
            }
        }
    }

    /**
     * ShouldPodBeInEndpoints: not finished, has an IP, and — unless {@code includeTerminating} —
     * not being deleted.
     */
    static boolean published(JsonNode pod, boolean includeTerminating) {
        if (Pods.isTerminal(pod) || podIp(pod) == null) {
            return false;
        }
        return includeTerminating || !Pods.isTerminating(pod);
    }

    /** {@code status.podIP}, or null. */
    static String podIp(JsonNode pod) {
        String ip = Json.text(pod, "status", "podIP");
        return ip == null || ip.isEmpty() ? null : ip;
    }

    /** ShouldSetHostname: the pod names a hostname and its subdomain is this Service (in its namespace). */
    static String hostname(JsonNode pod, StoredObject svc) {
        String hostname = Json.text(pod, "spec", "hostname");
        return hostname != null && !hostname.isEmpty() && svc.name().equals(Json.text(pod, "spec", "subdomain"))
                && svc.namespace().equals(Json.text(pod, "metadata", "namespace")) ? hostname : null;
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
