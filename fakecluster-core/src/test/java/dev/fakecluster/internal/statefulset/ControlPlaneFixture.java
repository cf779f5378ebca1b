package dev.fakecluster.internal.statefulset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.manifest.ManifestReader;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The control plane without the {@code Cluster} facade, for what no public call can do: writing a
 * pod's status as a kubelet would. Time stands still.
 */
final class ControlPlaneFixture {

    private final ControlPlane plane = ControlPlane.over(ClusterState.empty(10_000),
            VirtualClock.virtual(Instant.parse("2025-01-01T00:00:00Z")), 0);

    ControlPlaneFixture() {
        Topology.create(plane.api(), List.of("node1", "node2", "node3"));
        plane.loop().run();
    }

    /** Applies the manifests and lets the controllers settle. */
    void apply(String manifests) {
        for (ObjectNode o : ManifestReader.read(manifests)) {
            plane.api().apply(o, "default", false);
        }
        plane.loop().run();
    }

    StoredObject pod(String name) {
        return plane.api().state().get(StoredObject.key("pods", "default", name));
    }

    /** Changes the pod as some other writer would, and lets the controllers settle. */
    void editPod(String pod, UnaryOperator<ObjectNode> change) {
        plane.api().mutate(plane.api().resolveKind("pods"), "default", pod, change);
        plane.loop().run();
    }

    /** The messages of the StatefulSet controller's events with {@code reason}. */
    List<String> messages(String reason) {
        return plane.api().state().list("events", "default").stream().map(StoredObject::json)
                .filter(e -> StatefulSetController.COMPONENT.equals(Json.text(e, "source", "component")))
                .filter(e -> reason.equals(Json.text(e, "reason")))
                .map(e -> Json.text(e, "message")).toList();
    }
}
