package dev.fakecluster.internal.daemonset;

import static dev.fakecluster.internal.daemonset.DaemonSets.columns;
import static dev.fakecluster.internal.daemonset.DaemonSets.controllerEvents;
import static dev.fakecluster.internal.daemonset.DaemonSets.daemonSet;
import static dev.fakecluster.internal.daemonset.DaemonSets.podsByNode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Update strategies and the revision history. */
class DaemonSetUpdateTest {

    private static String agent(String image, String strategy) {
        return daemonSet("agent", image, strategy, "");
    }

    /** Each second's DESIRED CURRENT READY UP-TO-DATE AVAILABLE and the pods per node, for {@code seconds} seconds. */
    private static List<String> timeline(Cluster cluster, int seconds) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t <= seconds; t++) {
            if (t > 0) {
                cluster.advance(Duration.ofSeconds(1));
            }
            Map<String, List<String>> pods = podsByNode(cluster, "agent");
            out.add(t + "s " + columns(cluster, "agent") + " | node2 " + revisions(cluster, pods.get("node2"))
                    + " node3 " + revisions(cluster, pods.get("node3")));
        }
        return out;
    }

    /** The pods of a node as their image tag plus "-" when terminating, sorted, e.g. {@code [1.25-, 1.26]}. */
    private static List<String> revisions(Cluster cluster, List<String> pods) {
        return pods.stream().map(p -> {
            String name = p.replace(" (terminating)", "");
            String image = cluster.get("pod", "default", name).orElseThrow().field("spec.containers[0].image").orElseThrow();
            return image.substring(image.indexOf(':') + 1) + (p.endsWith("(terminating)") ? "-" : "");
        }).sorted().toList();
    }

    @Test
    void rollingUpdateReplacesOneNodeAtATime() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(agent("nginx:1.25", ""));
            cluster.advance(Duration.ofSeconds(5));
            assertThat(columns(cluster, "agent")).isEqualTo("2 2 2 2 2");

            cluster.apply(agent("nginx:1.26", ""));

            assertThat(timeline(cluster, 7)).containsExactly(
                    "0s 2 2 2 0 2 | node2 [1.25-] node3 [1.25]",
                    "1s 2 2 1 1 1 | node2 [1.26] node3 [1.25]",
                    "2s 2 2 1 1 1 | node2 [1.26] node3 [1.25]",
                    "3s 2 2 2 1 2 | node2 [1.26] node3 [1.25-]",
                    "4s 2 2 1 2 1 | node2 [1.26] node3 [1.26]",
                    "5s 2 2 1 2 1 | node2 [1.26] node3 [1.26]",
                    "6s 2 2 2 2 2 | node2 [1.26] node3 [1.26]",
                    "7s 2 2 2 2 2 | node2 [1.26] node3 [1.26]");
            Resource ds = cluster.get("ds", "default", "agent").orElseThrow();
            assertThat(ds.generation()).isEqualTo(2);
            assertThat(ds.field("status.observedGeneration")).contains("2");
            assertThat(ds.annotations()).containsEntry("deprecated.daemonset.template.generation", "2");
            assertThat(cluster.list("pods", "default", "app=agent"))
                    .allSatisfy(p -> assertThat(p.labels()).containsEntry("pod-template-generation", "2"));
            assertThat(controllerEvents(cluster, "agent")).extracting(e -> e.substring(0, e.indexOf(' ')))
                    .containsExactly("SuccessfulCreate", "SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate",
                            "SuccessfulDelete", "SuccessfulCreate");
        }
    }

    @Test
    void maxUnavailablePercentageRoundsUp() {
        try (Cluster cluster = Cluster.builder().nodes("cp", "w1", "w2", "w3", "w4").build()) {
            String strategy = """
                    updateStrategy:
                      rollingUpdate: {maxUnavailable: 30%}
                    """;
            cluster.apply(agent("nginx:1.25", strategy));
            cluster.advance(Duration.ofSeconds(5));

            cluster.apply(agent("nginx:1.26", strategy));

            long terminating = cluster.list("pods", "default", "app=agent").stream()
                    .filter(p -> p.deletionTimestamp().isPresent()).count();
            assertThat(terminating).isEqualTo(2);
        }
    }

    @Test
    void surgeStartsTheNewPodBeforeTheOldOneGoes() {
        try (Cluster cluster = Cluster.builder().build()) {
            String strategy = """
                    updateStrategy:
                      rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
                    """;
            cluster.apply(agent("nginx:1.25", strategy));
            cluster.advance(Duration.ofSeconds(5));

            cluster.apply(agent("nginx:1.26", strategy));

            assertThat(timeline(cluster, 5)).containsExactly(
                    "0s 2 2 2 0 2 | node2 [1.25, 1.26] node3 [1.25]",
                    "1s 2 2 2 0 2 | node2 [1.25, 1.26] node3 [1.25]",
                    "2s 2 2 2 0 2 | node2 [1.25-, 1.26] node3 [1.25, 1.26]",
                    "3s 2 2 2 1 2 | node2 [1.26] node3 [1.25, 1.26]",
                    "4s 2 2 2 1 2 | node2 [1.26] node3 [1.25-, 1.26]",
                    "5s 2 2 2 2 2 | node2 [1.26] node3 [1.26]");
        }
    }

    @Test
    void minReadySecondsDelaysAvailabilityAndTheNextNode() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(agent("nginx:1.25", "minReadySeconds: 10"));
            cluster.advance(Duration.ofSeconds(12));
            assertThat(columns(cluster, "agent")).isEqualTo("2 2 2 2 0");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(columns(cluster, "agent")).isEqualTo("2 2 2 2 2");

            cluster.apply(agent("nginx:1.26", "minReadySeconds: 10"));
            cluster.advance(Duration.ofSeconds(13));
            assertThat(podsByNode(cluster, "agent").get("node3")).hasSize(1).allMatch(p -> !p.endsWith("(terminating)"));
            cluster.advance(Duration.ofSeconds(1));
            assertThat(podsByNode(cluster, "agent").get("node3")).allMatch(p -> p.endsWith("(terminating)"));
        }
    }

    @Test
    void onDeleteWaitsForManualDeletion() {
        try (Cluster cluster = Cluster.builder().build()) {
            String onDelete = """
                    updateStrategy:
                      type: OnDelete
                    """;
            cluster.apply(agent("nginx:1.25", onDelete));
            cluster.advance(Duration.ofSeconds(5));

            cluster.apply(agent("nginx:1.26", onDelete));
            cluster.advance(Duration.ofMinutes(5));
            assertThat(columns(cluster, "agent")).isEqualTo("2 2 2 0 2");
            assertThat(revisions(cluster, podsByNode(cluster, "agent").get("node2"))).containsExactly("1.25");

            cluster.delete("pod", "default", podsByNode(cluster, "agent").get("node2").get(0));
            cluster.advance(Duration.ofSeconds(5));
            assertThat(revisions(cluster, podsByNode(cluster, "agent").get("node2"))).containsExactly("1.26");
            assertThat(revisions(cluster, podsByNode(cluster, "agent").get("node3"))).containsExactly("1.25");
            assertThat(columns(cluster, "agent")).isEqualTo("2 2 2 1 2");
        }
    }

    @Test
    void extensionsV1beta1DaemonSetsUpdateOnDelete() {
        try (Cluster cluster = Cluster.builder().build()) {
            String v1beta1 = """
                    apiVersion: extensions/v1beta1
                    kind: DaemonSet
                    metadata: {name: agent}
                    spec:
                      template:
                        metadata:
                          labels: {app: agent}
                        spec:
                          containers:
                          - {name: main, image: "nginx:%s"}
                    """;
            cluster.apply(v1beta1.formatted("1.25"));
            cluster.advance(Duration.ofSeconds(5));

            cluster.apply(v1beta1.formatted("1.26"));
            cluster.advance(Duration.ofMinutes(1));

            assertThat(columns(cluster, "agent")).isEqualTo("2 2 2 0 2");
            Resource ds = cluster.get("ds", "default", "agent").orElseThrow();
            assertThat(ds.annotations()).containsEntry("deprecated.daemonset.template.generation", "2");
            assertThat(ds.field("spec.templateGeneration")).isEmpty();
        }
    }

    @Test
    void everyTemplateGetsANumberedControllerRevision() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(agent("nginx:1.25", ""));
            String first = cluster.list("controllerrevisions", "default", null).get(0).name();
            cluster.advance(Duration.ofSeconds(10));
            cluster.apply(agent("nginx:1.26", ""));
            cluster.advance(Duration.ofSeconds(10));

            List<Resource> revisions = cluster.list("controllerrevisions", "default", null);
            assertThat(revisions).hasSize(2);
            assertThat(revisions).allSatisfy(r -> {
                assertThat(r.name()).isEqualTo("agent-" + r.labels().get("controller-revision-hash"));
                assertThat(r.labels()).containsEntry("app", "agent");
                assertThat(r.field("metadata.ownerReferences[0].name")).contains("agent");
                assertThat(r.field("data.spec.template.$patch")).contains("replace");
            });
            Resource second = revisions.stream().filter(r -> !r.name().equals(first)).findFirst().orElseThrow();
            assertThat(second.field("revision")).contains("2");
            assertThat(second.field("data.spec.template.spec.containers[0].image")).contains("nginx:1.26");
            assertThat(cluster.list("pods", "default", "app=agent")).allSatisfy(p -> assertThat(p.labels())
                    .containsEntry("controller-revision-hash", second.labels().get("controller-revision-hash")));

            cluster.apply(agent("nginx:1.25", ""));
            assertThat(cluster.get("controllerrevisions", "default", first).orElseThrow().field("revision")).contains("3");
            assertThat(cluster.list("controllerrevisions", "default", null)).hasSize(2);
        }
    }

    @Test
    void historyKeepsRevisionHistoryLimitOldRevisions() {
        try (Cluster cluster = Cluster.builder().build()) {
            for (String version : List.of("1.23", "1.24", "1.25", "1.26")) {
                cluster.apply(agent("nginx:" + version, "revisionHistoryLimit: 1"));
                cluster.advance(Duration.ofSeconds(10));
            }

            assertThat(cluster.list("controllerrevisions", "default", null)).extracting(r -> r.field("revision").orElseThrow())
                    .containsExactlyInAnyOrder("3", "4");
        }
    }
}
