package dev.fakecluster.internal.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.controlplane.Settings;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A control plane without kubelets, where the test plays the kubelet: it decides which pods become
 * ready and when terminating pods are gone, so each controller step can be checked.
 */
final class RolloutHarness {

    final VirtualClock clock = VirtualClock.virtual(Instant.parse("2025-01-01T00:00:00Z"));
    final ControlPlane plane = ControlPlane.over(ClusterState.empty(100_000), clock, 7, Settings.defaults().withoutKubelets());
    final ApiServer api = plane.api();

    RolloutHarness() {
        Topology.create(api, List.of("node1", "node2", "node3"));
        settle();
    }

    void settle() {
        plane.loop().run();
    }

    void apply(String yaml) {
        try {
            api.apply((ObjectNode) new YAMLMapper().readTree(yaml), "default", false);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        settle();
    }

    /** Moves the clock, firing due timers (progress deadlines) in order. */
    void advance(Duration d) {
        Instant target = clock.now().plus(d);
        Runnable timer;
        while ((timer = clock.pollDue(target)) != null) {
            timer.run();
            settle();
        }
        clock.advanceTo(target);
        settle();
    }

    /** The kubelet's part: pods matching {@code which} become Running and Ready now; terminating pods are removed. */
    void kubelet(Predicate<StoredObject> which) {
        for (StoredObject pod : api.state().list("pods", "default")) {
            if (pod.isDeleting()) {
                api.delete(api.resolveKind("pods"), "default", pod.name(), DeleteOptions.defaults().withGracePeriod(0));
            } else if (Pods.nodeName(pod.json()) != null && !Pods.isReady(pod.json()) && which.test(pod)) {
                ObjectNode p = pod.mutableCopy();
                ObjectNode status = Json.with(p, "status").put("phase", "Running");
                ArrayNode conditions = status.putArray("conditions");
                conditions.addObject().put("type", "Ready").put("status", "True")
                        .put("lastTransitionTime", Json.time(clock.now()));
                conditions.addObject().put("type", "PodScheduled").put("status", "True");
                api.updateStatus(p, "default");
            }
        }
        settle();
    }

    void kubeletReadiesEverything() {
        kubelet(p -> true);
    }

    StoredObject deployment(String name) {
        return api.state().get(StoredObject.key("deployments.apps", "default", name));
    }

    /** The ReplicaSets' spec.replicas, lowest revision first. */
    List<Integer> sizes() {
        return replicaSets().stream().map(rs -> rs.json().path("spec").path("replicas").asInt()).toList();
    }

    List<StoredObject> replicaSets() {
        return api.state().list("replicasets.apps", "default").stream()
                .sorted(java.util.Comparator.comparingLong(ReplicaSets::revision)).toList();
    }

    /** The deployment's status counters as kubectl's columns need them: replicas, updated, ready, available, unavailable. */
    List<Integer> status(String name) {
        JsonNode s = deployment(name).json().path("status");
        return List.of(s.path("replicas").asInt(), s.path("updatedReplicas").asInt(), s.path("readyReplicas").asInt(),
                s.path("availableReplicas").asInt(), s.path("unavailableReplicas").asInt());
    }

    /** The deployment-controller's event messages, in the order they were recorded. */
    List<String> scalingEvents() {
        return api.state().list("events", "default").stream()
                .filter(e -> "ScalingReplicaSet".equals(Json.text(e.json(), "reason")))
                .sorted(java.util.Comparator.comparingLong(StoredObject::resourceVersion))
                .map(e -> Json.text(e.json(), "message")).toList();
    }

    static String deployment(String name, int replicas, String surge, String unavailable, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: %s, maxUnavailable: %s}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: app, image: "%s"}]}
                """.formatted(name, replicas, name, surge, unavailable, name, image);
    }
}
