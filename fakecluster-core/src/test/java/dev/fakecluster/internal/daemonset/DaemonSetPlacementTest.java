package dev.fakecluster.internal.daemonset;

import static dev.fakecluster.internal.daemonset.DaemonSets.columns;
import static dev.fakecluster.internal.daemonset.DaemonSets.controllerEvents;
import static dev.fakecluster.internal.daemonset.DaemonSets.daemonSet;
import static dev.fakecluster.internal.daemonset.DaemonSets.nodesWithPods;
import static dev.fakecluster.internal.daemonset.DaemonSets.podsByNode;
import static dev.fakecluster.internal.daemonset.DaemonSets.seedManifest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which nodes get a daemon pod, and what the pods look like. */
class DaemonSetPlacementTest {

    private static final String NODE_EXPORTER = "node-exporter-daemonset";

    @Test
    void onePodPerWorkerNotOnTheTaintedControlPlane() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(seedManifest("reconstructed/node_exporter.yml"));
            cluster.advance(Duration.ofSeconds(5));

            List<Resource> pods = cluster.list("pods", "default", "app=prometheus");
            assertThat(pods).hasSize(2);
            assertThat(pods).extracting(p -> p.field("spec.nodeName").orElseThrow() + " " + p.field("status.podIP").orElseThrow())
                    .containsExactlyInAnyOrder("node2 192.168.1.32", "node3 192.168.1.33");
            assertThat(pods).allSatisfy(p -> {
                assertThat(p.name()).matches(NODE_EXPORTER + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
                assertThat(p.field("metadata.generateName")).contains(NODE_EXPORTER + "-");
                assertThat(p.labels()).containsEntry("app", "prometheus").containsEntry("pod-template-generation", "1")
                        .containsKey("controller-revision-hash");
                assertThat(p.field("metadata.ownerReferences[0].kind")).contains("DaemonSet");
                assertThat(p.field("metadata.ownerReferences[0].controller")).contains("true");
            });
            assertThat(controllerEvents(cluster, NODE_EXPORTER)).containsExactlyInAnyOrder(
                    "SuccessfulCreate Created pod: " + pods.get(0).name(),
                    "SuccessfulCreate Created pod: " + pods.get(1).name());
            Resource ds = cluster.get("ds", "default", NODE_EXPORTER).orElseThrow();
            assertThat(ds.field("spec.updateStrategy.type")).contains("OnDelete");
            assertThat(ds.annotations()).containsEntry("deprecated.daemonset.template.generation", "1");
            assertThat(columns(cluster, NODE_EXPORTER)).startsWith("2 2 2 2 2");
            assertThat(pods).allSatisfy(p -> assertThat(
                    cluster.get("pods", "default", p.name()).orElseThrow().field("status.phase")).contains("Running"));
        }
    }

    @Test
    void podsArePinnedByAffinityAndBoundByTheScheduler() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("agent", "nginx:1.25", "", """
                    hostNetwork: true
                    tolerations:
                    - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 60}
                    affinity:
                      nodeAffinity:
                        requiredDuringSchedulingIgnoredDuringExecution:
                          nodeSelectorTerms:
                          - matchExpressions: [{key: kubernetes.io/os, operator: In, values: [linux]}]
                    """));

            Resource pod = cluster.list("pods", "default", "app=agent").stream()
                    .filter(p -> p.field("spec.nodeName").orElse("").equals("node2")).findFirst().orElseThrow();
            assertThat(pod.json().at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"))
                    .hasToString("{\"nodeSelectorTerms\":[{\"matchFields\":[{\"key\":\"metadata.name\",\"operator\":\"In\","
                            + "\"values\":[\"node2\"]}]}]}");
            assertThat(pod.json().path("spec").path("tolerations").toString()).isEqualTo("["
                    + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"},"
                    + "{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\"},"
                    + "{\"key\":\"node.kubernetes.io/disk-pressure\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                    + "{\"key\":\"node.kubernetes.io/memory-pressure\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                    + "{\"key\":\"node.kubernetes.io/pid-pressure\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                    + "{\"key\":\"node.kubernetes.io/unschedulable\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"},"
                    + "{\"key\":\"node.kubernetes.io/network-unavailable\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]");
            assertThat(cluster.events("default")).extracting(e -> e.field("message").orElse(""))
                    .contains("Successfully assigned default/" + pod.name() + " to node2");
        }
    }

    @Test
    void toleratingEveryTaintRunsOnTheControlPlaneToo() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("everywhere", "nginx:1.25", "", """
                    tolerations:
                    - operator: Exists
                    """));
            cluster.advance(Duration.ofSeconds(5));

            assertThat(nodesWithPods(cluster, "everywhere")).containsExactly("node1", "node2", "node3");
            assertThat(columns(cluster, "everywhere")).isEqualTo("3 3 3 3 3");
        }
    }

    @Test
    void nodeSelectorMatchingNoNodeWantsZero() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("arm-only", "nginx:1.25", "", """
                    nodeSelector:
                      kubernetes.io/arch: arm64
                    """));
            cluster.advance(Duration.ofSeconds(5));

            assertThat(cluster.list("pods", "default", "app=arm-only")).isEmpty();
            assertThat(cluster.get("ds", "default", "arm-only").orElseThrow().json().path("status")).hasToString(
                    "{\"currentNumberScheduled\":0,\"numberMisscheduled\":0,\"desiredNumberScheduled\":0,"
                            + "\"numberReady\":0,\"observedGeneration\":1}");
            assertThat(columns(cluster, "arm-only")).isEqualTo("0 0 0 0 0");
        }
    }

    @Test
    void addedNodeGetsAPod() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("agent", "nginx:1.25", "", ""));
            cluster.advance(Duration.ofSeconds(5));

            cluster.addNode("node4");
            assertThat(podsByNode(cluster, "agent")).containsOnlyKeys("node2", "node3", "node4");
            assertThat(columns(cluster, "agent")).isEqualTo("3 3 2 3 2");

            cluster.advance(Duration.ofSeconds(2));
            assertThat(columns(cluster, "agent")).isEqualTo("3 3 3 3 3");
        }
    }

    @Test
    void unlabelledNodeLosesItsPod() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("ssd-agent", "nginx:1.25", "", """
                    nodeSelector:
                      disktype: ssd
                    """));
            assertThat(columns(cluster, "ssd-agent")).isEqualTo("0 0 0 0 0");

            cluster.node("node2").label("disktype", "ssd");
            cluster.node("node3").label("disktype", "ssd");
            cluster.advance(Duration.ofSeconds(5));
            assertThat(nodesWithPods(cluster, "ssd-agent")).containsExactly("node2", "node3");

            cluster.node("node3").unlabel("disktype");
            String victim = podsByNode(cluster, "ssd-agent").get("node3").get(0);
            assertThat(victim).endsWith(" (terminating)");
            assertThat(controllerEvents(cluster, "ssd-agent")).last()
                    .isEqualTo("SuccessfulDelete Deleted pod: " + victim.replace(" (terminating)", ""));
            assertThat(cluster.get("ds", "default", "ssd-agent").orElseThrow().field("status.numberMisscheduled"))
                    .contains("1");

            cluster.advance(Duration.ofSeconds(5));
            assertThat(podsByNode(cluster, "ssd-agent")).containsOnlyKeys("node2");
            assertThat(columns(cluster, "ssd-agent")).isEqualTo("1 1 1 1 1");
        }
    }

    @Test
    void untoleratedNoScheduleKeepsThePodButNoExecuteRemovesIt() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("agent", "nginx:1.25", "", ""));
            cluster.advance(Duration.ofSeconds(5));

            cluster.node("node2").taint("dedicated=db:NoSchedule");
            cluster.advance(Duration.ofSeconds(5));
            assertThat(nodesWithPods(cluster, "agent")).containsExactly("node2", "node3");
            Resource ds = cluster.get("ds", "default", "agent").orElseThrow();
            assertThat(ds.field("status.desiredNumberScheduled")).contains("1");
            assertThat(ds.field("status.numberMisscheduled")).contains("1");

            cluster.node("node3").taint("dedicated=db:NoExecute");
            cluster.advance(Duration.ofSeconds(5));
            assertThat(nodesWithPods(cluster, "agent")).containsExactly("node2");
            assertThat(cluster.list("pods", "default", "app=agent")).hasSize(1);
        }
    }

    @Test
    void cordonedNodeStillGetsItsDaemonPod() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.node("node2").cordon();
            cluster.apply(daemonSet("agent", "nginx:1.25", "", ""));
            cluster.advance(Duration.ofSeconds(5));

            assertThat(nodesWithPods(cluster, "agent")).containsExactly("node2", "node3");
            assertThat(columns(cluster, "agent")).isEqualTo("2 2 2 2 2");
        }
    }

    @Test
    void deadNodeKeepsItsPodButStopsBeingDesired() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("agent", "nginx:1.25", "", ""));
            cluster.advance(Duration.ofSeconds(5));

            cluster.node("node3").kill();
            cluster.advance(Duration.ofMinutes(10));

            assertThat(nodesWithPods(cluster, "agent")).containsExactly("node2", "node3");
            Resource ds = cluster.get("ds", "default", "agent").orElseThrow();
            assertThat(ds.field("status.desiredNumberScheduled")).contains("1");
            assertThat(ds.field("status.numberMisscheduled")).contains("1");
        }
    }

    @Test
    void deletedPodIsReplacedOnItsNode() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("agent", "nginx:1.25", "", ""));
            cluster.advance(Duration.ofSeconds(5));
            String old = podsByNode(cluster, "agent").get("node2").get(0);

            cluster.delete("pod", "default", old);
            assertThat(podsByNode(cluster, "agent").get("node2")).containsExactly(old + " (terminating)");

            cluster.advance(Duration.ofSeconds(1));
            assertThat(podsByNode(cluster, "agent").get("node2")).hasSize(1).doesNotContain(old);
        }
    }

    @Test
    void removedNodeNoLongerCounts() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("agent", "nginx:1.25", "", ""));
            cluster.advance(Duration.ofSeconds(5));

            cluster.delete("node", null, "node3");
            assertThat(columns(cluster, "agent")).isEqualTo("1 1 1 1 1");
        }
    }
}
