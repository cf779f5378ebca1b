package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.validation.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;

/**
 * The {@code pods/binding} subresource, what a scheduler calls to place a pod: sets
 * {@code spec.nodeName} once (a second binding is a 409), copies the Binding's annotations, marks
 * the pod {@code PodScheduled}. The node's kubelet then starts it. Custom schedulers use this for
 * pods whose {@code schedulerName} the default scheduler leaves alone.
 */
final class PodBindings {

    private static final KindInfo BINDING = new KindInfo("", "v1", "Binding", "bindings", "binding", List.of(), true,
            List.of(), false, false, false, KindInfo.Propagation.BACKGROUND);

    private final ApiServer api;
    private final Runnable settle;
    private final Supplier<Instant> now;

    PodBindings(ApiServer api, Runnable settle, Supplier<Instant> now) {
        this.api = api;
        this.settle = settle;
        this.now = now;
    }

    MockResponse serve(Request request, ResourcePath path) {
        if (!request.method().equals("POST")) {
            throw Statuses.methodNotAllowed(request.method(), "pods/binding");
        }
        ObjectNode binding = Bodies.object(request);
        String name = binding.path("metadata").path("name").asText("");
        if (!name.equals(path.name())) {
            throw Statuses.badRequest("name in URL does not match name in Binding object");
        }
        List<FieldError> errors = new ArrayList<>();
        String targetKind = binding.path("target").path("kind").asText("");
        if (!targetKind.isEmpty() && !targetKind.equals("Node")) {
            errors.add(FieldError.notSupported("target.kind", targetKind, List.of("Node", "<empty>")));
        }
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
            errors.add(FieldError.required("target.name", ""));
        }
        if (!errors.isEmpty()) {
            throw Errors.invalid(BINDING, name, errors);
        }
        boolean dryRun = request.dryRun();
        String scheduledAt = Json.time(now.get());
        StoredObject pod = api.get(path.kind(), path.namespace(), path.name())
                .orElseThrow(() -> Errors.notFound(path.kind(), path.name()));
        if (!dryRun) {
            api.mutate(path.kind(), path.namespace(), path.name(), p -> assign(p, path, node, binding, scheduledAt));
            settle.run();
        } else {
            assign(pod.mutableCopy(), path, node, binding, scheduledAt);
        }
        return Replies.json(201, Statuses.success(path.name(), "", "pods", pod.uid()));
    }

    private static ObjectNode assign(ObjectNode pod, ResourcePath path, String node, JsonNode binding,
            String scheduledAt) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            throw Errors.conflict(path.kind(), path.name(), "pod " + path.name() + " is being deleted, cannot be assigned to a host");
        }
        String assigned = pod.path("spec").path("nodeName").asText("");
        if (!assigned.isEmpty()) {
            throw Errors.conflict(path.kind(), path.name(), "pod " + path.name() + " is already assigned to node \"" + assigned + "\"");
        }
        Json.with(pod, "spec").put("nodeName", node);
        binding.path("metadata").path("annotations").properties().forEach(e ->
                Json.with(pod, "metadata", "annotations").set(e.getKey(), e.getValue()));
        ArrayNode conditions = Json.with(pod, "status").withArray("conditions");
        ObjectNode scheduled = Json.object().put("type", "PodScheduled").put("status", "True").putNull("lastProbeTime")
                .put("lastTransitionTime", scheduledAt);
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).path("type").asText().equals("PodScheduled")) {
                conditions.set(i, scheduled);
                return pod;
            }
        }
        conditions.add(scheduled);
        return pod;
    }
}
