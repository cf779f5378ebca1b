package dev.fakecluster.internal.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.controlplane.Settings;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.manifest.ManifestReader;
import dev.fakecluster.internal.store.ClusterState;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failed daemon pods are deleted and replaced, with a back-off per node. The simulated kubelet never
 * fails a {@code restartPolicy: Always} pod, so these tests run without kubelets and play the
 * kubelet themselves.
 */
class FailedDaemonPodTest {

    private final VirtualClock clock = VirtualClock.virtual(Instant.parse("2025-01-01T00:00:00Z"));
    private final ControlPlane plane = ControlPlane.over(ClusterState.empty(100_000), clock, 0,
            Settings.defaults().withoutKubelets());

    FailedDaemonPodTest() {
        Topology.create(plane.api(), List.of("node1", "node2", "node3"));
        plane.loop().run();
        for (ObjectNode o : ManifestReader.read(DaemonSets.daemonSet("agent", "nginx:1.25", "", ""))) {
            plane.api().create(o, "default", false);
        }
        plane.loop().run();
    }

    private void advance(Duration d) {
        Instant target = clock.now().plus(d);
        Runnable timer;
        while ((timer = clock.pollDue(target)) != null) {
            timer.run();
            plane.loop().run();
        }
        clock.advanceTo(target);
        plane.loop().run();
    }

    private StoredObject podOn(String node) {
        return plane.api().state().list("pods", "default").stream()
                .filter(p -> node.equals(Json.text(p.json(), "spec", "nodeName"))).findFirst().orElse(null);
    }

    private String failPodOn(String node) {
        StoredObject pod = podOn(node);
        plane.api().mutate(plane.api().resolveKind("pods"), "default", pod.name(), p -> {
            Json.with(p, "status").put("phase", "Failed");
            return p;
        });
        plane.loop().run();
        return pod.name();
    }

    private List<String> events() {
        return plane.api().state().list("events", "default").stream()
                .filter(e -> "DaemonSet".equals(Json.text(e.json(), "involvedObject", "kind")))
                .sorted(Comparator.comparing(e -> Json.text(e.json(), "metadata", "name")))
                .map(e -> Json.text(e.json(), "reason") + " " + Json.text(e.json(), "message")).toList();
    }

    @Test
    void failedDaemonPodIsDeletedAndReplaced() {
        String failed = failPodOn("node2");

        StoredObject replacement = podOn("node2");
        assertThat(replacement).isNotNull();
        assertThat(replacement.name()).isNotEqualTo(failed);
        assertThat(events()).containsSubsequence(
                "FailedDaemonPod Found failed daemon pod default/" + failed + " on node node2, will try to kill it",
                "SuccessfulDelete Deleted pod: " + failed,
                "SuccessfulCreate Created pod: " + replacement.name());
    }

    @Test
    void repeatedFailuresOnANodeBackOff() {
        failPodOn("node2");
        String second = failPodOn("node2");
        assertThat(podOn("node2").name()).isEqualTo(second);

        advance(Duration.ofMillis(999));
        assertThat(podOn("node2").name()).isEqualTo(second);
        advance(Duration.ofMillis(1));
        assertThat(podOn("node2").name()).isNotEqualTo(second);

        String third = failPodOn("node2");
        advance(Duration.ofMillis(1999));
        assertThat(podOn("node2").name()).isEqualTo(third);
        advance(Duration.ofMillis(1));
        assertThat(podOn("node2").name()).isNotEqualTo(third);
    }

    @Test
    void succeededDaemonPodIsReplacedAtOnce() {
        StoredObject pod = podOn("node3");
        plane.api().mutate(plane.api().resolveKind("pods"), "default", pod.name(), p -> {
            Json.with(p, "status").put("phase", "Succeeded");
            return p;
        });
        plane.loop().run();

        assertThat(podOn("node3").name()).isNotEqualTo(pod.name());
        assertThat(events()).contains("SucceededDaemonPod Found succeeded daemon pod default/" + pod.name()
                + " on node node3, will try to delete it");
    }
}
