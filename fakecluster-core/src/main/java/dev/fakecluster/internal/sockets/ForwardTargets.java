package dev.fakecluster.internal.sockets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.select.LabelSelector;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.time.Instant;
import java.util.Comparator;

/**
 * What {@code kubectl port-forward TYPE/NAME PORT} connects to: the pod itself, or for a Service
 * or a workload the most active of its pods (scheduled, running, ready longest, fewest restarts,
 * oldest — kubectl's choice), and for a Service the container port its service port targets.
 */
public final class ForwardTargets {

    private ForwardTargets() {
    }

    /**
     * A pod and the container port to reach.
     *
     * @param pod the pod's key
     * @param name the pod's name
     * @param port the port inside the pod
     */
    public record Forward(String pod, String name, int port) {
    }

    /**
     * Resolves {@code target} ({@code name}, {@code pod/name}, {@code svc/name}, {@code deploy/name}, ...).
     *
     * @throws dev.fakecluster.ApiException NotFound when the object does not exist
     * @throws IllegalStateException when it has no running pod or no such port, with kubectl's words
     */
    public static Forward resolve(ApiServer api, String namespace, String target, int port) {
        int slash = target.indexOf('/');
        KindInfo kind = api.resolveKind(slash < 0 ? "pods" : target.substring(0, slash));
        String name = target.substring(slash + 1);
        ClusterState state = api.state();
        StoredObject object = state.get(StoredObject.key(kind.resource(), namespace, name));
        if (object == null) {
            throw Errors.notFound(kind, name);
        }
        if (kind.plural().equals("pods")) {
            return running(object, port);
        }
        JsonNode spec = object.json().path("spec");
        boolean service = kind.plural().equals("services");
        LabelSelector selector = service
                ? (spec.path("selector").isEmpty() ? LabelSelector.NOTHING : LabelSelector.fromObject(toMatchLabels(spec)))
                : LabelSelector.fromObject(spec.path("selector"));
        StoredObject pod = state.list("pods", namespace).stream()
                .filter(p -> selector.matches(Json.stringMap(p.json(), "metadata", "labels")))
                .min(MOST_ACTIVE)
                .orElseThrow(() -> new IllegalStateException("no pods found for " + kind.singular() + "/" + name));
        return running(pod, service ? targetPort(object, pod, port) : port);
    }

    private static JsonNode toMatchLabels(JsonNode serviceSpec) {
        return Json.object().set("matchLabels", serviceSpec.path("selector"));
    }

    private static Forward running(StoredObject pod, int port) {
        String phase = Pods.phase(pod.json());
        if (!"Running".equals(phase)) {
            throw new IllegalStateException("unable to forward port because pod is not running. Current status=" + phase);
        }
        return new Forward(pod.key(), pod.name(), port);
    }

    /** The container port behind service port {@code port} in this pod, as kubectl translates it. */
    private static int targetPort(StoredObject service, StoredObject pod, int port) {
        for (JsonNode p : service.json().path("spec").path("ports")) {
            if (p.path("port").asInt() != port) {
                continue;
            }
            JsonNode target = p.path("targetPort");
            if (target.isMissingNode() || target.asText().isEmpty() || target.asText().equals("0")) {
                return port;
            }
            if (target.isInt()) {
                return target.asInt();
            }
            int named = Pods.findPort(pod.json(), target.asText(), p.path("protocol").asText("TCP"));
            if (named >= 0) {
                return named;
            }
            throw new IllegalStateException("Pod '" + pod.name() + "' does not have a named port '" + target.asText() + "'");
        }
        throw new IllegalStateException("Service " + service.name() + " does not have a service port " + port);
    }

    /** kubectl's ActivePods order, reversed: the pod it would pick comes first. */
    private static final Comparator<StoredObject> MOST_ACTIVE = Comparator
            .comparing((StoredObject p) -> Pods.nodeName(p.json()) == null)
            .thenComparing(p -> phaseRank(Pods.phase(p.json())))
            .thenComparing(p -> !Pods.isReady(p.json()))
            .thenComparing(p -> readySince(p.json()))
            .thenComparing(p -> Pods.maxRestarts(p.json()))
            .thenComparing(p -> p.json().path("metadata").path("creationTimestamp").asText())
            .thenComparing(StoredObject::name);

    private static int phaseRank(String phase) {
        return switch (phase) {
            case "Running" -> 0;
            case "Unknown" -> 1;
            case "Pending" -> 2;
            default -> 3;
        };
    }

    private static Instant readySince(JsonNode pod) {
        Instant since = Pods.isReady(pod) ? Pods.readySince(pod) : null;
        return since == null ? Instant.MAX : since;
    }
}
