package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTest {

    private static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "nginx:1.25"}]}
            """;

    private static List<Resource> pods(Cluster cluster) {
        return cluster.list("pods", "default", null);
    }

    @Test
    void podsThatFitNowhereStayPendingWithTheSchedulersMessageAndAreRetriedWhenANodeFrees() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.node("node2").cordon();
            cluster.node("node3").cordon();
            assertThat(cluster.table("nodes", null)).contains("node2   Ready,SchedulingDisabled");

            cluster.apply(WEB.replace("replicas: 4", "replicas: 1"));
            cluster.advance(Duration.ofSeconds(5));

            Resource pending = pods(cluster).get(0);
            String message = "0/3 nodes are available: 1 node(s) had untolerated taint "
                    + "{node-role.kubernetes.io/control-plane: }, 2 node(s) were unschedulable. preemption: 0/3 nodes are "
                    + "available: 3 Preemption is not helpful for scheduling.";
            assertThat(pending.field("status.phase")).contains("Pending");
            assertThat(pending.field("status.conditions[0].reason")).contains("Unschedulable");
            assertThat(pending.field("status.conditions[0].message")).contains(message);
            assertThat(cluster.events("default")).anySatisfy(e -> {
                assertThat(e.field("reason")).contains("FailedScheduling");
                assertThat(e.field("type")).contains("Warning");
                assertThat(e.field("message")).contains(message);
            });

            cluster.node("node3").uncordon();
            cluster.advance(Duration.ofSeconds(15));
            assertThat(pods(cluster).get(0).field("spec.nodeName")).contains("node3");
            assertThat(pods(cluster).get(0).field("status.phase")).contains("Running");
        }
    }

    @Test
    void drainEvictsThroughTheBudgetOneAtATimeAndLeavesTheNodeCordoned() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(WEB + """
                    ---
                    apiVersion: policy/v1
                    kind: PodDisruptionBudget
                    metadata: {name: web}
                    spec:
                      maxUnavailable: 1
                      selector: {matchLabels: {app: web}}
                    """);
            cluster.advance(Duration.ofSeconds(10));
            long onNode2 = pods(cluster).stream().filter(p -> p.field("spec.nodeName").orElse("").equals("node2")).count();
            assertThat(onNode2).isGreaterThan(1);

            cluster.node("node2").drain();

            assertThat(cluster.node("node2").resource().field("spec.unschedulable")).contains("true");
            assertThat(pods(cluster).stream().filter(p -> p.deletionTimestamp().isPresent())).hasSize(1);
            cluster.advance(Duration.ofMinutes(1));
            assertThat(pods(cluster)).hasSize(4).allSatisfy(p -> {
                assertThat(p.field("spec.nodeName")).contains("node3");
                assertThat(p.field("status.phase")).contains("Running");
            });
        }
    }

    @Test
    void drainRefusesPodsWithoutAController() {
        try (Cluster cluster = Cluster.builder().nodes("solo").build()) {
            cluster.apply("apiVersion: v1\nkind: Pod\nmetadata: {name: lonely}\nspec: {containers: [{name: c, image: nginx}]}\n");

            assertThatThrownBy(() -> cluster.node("solo").drain()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot delete Pods that declare no controller (use --force to override): default/lonely");
        }
    }

    @Test
    void taintsFollowKubectlSyntax() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.node("node2").taint("dedicated=db:NoSchedule").taint("spot:PreferNoSchedule");
            Resource node = cluster.node("node2").resource();
            assertThat(node.field("spec.taints[0].key")).contains("dedicated");
            assertThat(node.field("spec.taints[0].value")).contains("db");
            assertThat(node.field("spec.taints[1].value")).isEmpty();

            assertThatThrownBy(() -> cluster.node("node2").taint("node-role.kubernetes.io/master -"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid taint spec");
            assertThatThrownBy(() -> cluster.node("node2").taint("dedicated=other:NoSchedule"))
                    .hasMessage("node node2 already has dedicated taint(s) with same effect(s) and --overwrite is false");
            assertThatThrownBy(() -> cluster.node("node2").untaint("nope")).hasMessage("taint \"nope\" not found");

            cluster.node("node2").untaint("dedicated");
            assertThat(cluster.node("node2").resource().field("spec.taints[0].key")).contains("spot");
        }
    }

    @Test
    void aNoExecuteTaintEvictsPodsThatDoNotTolerateIt() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(WEB);
            cluster.advance(Duration.ofSeconds(10));

            cluster.node("node2").taint("maintenance=now:NoExecute");
            cluster.advance(Duration.ofSeconds(30));

            assertThat(pods(cluster)).hasSize(4)
                    .allSatisfy(p -> assertThat(p.field("spec.nodeName")).contains("node3"));
            assertThat(cluster.events("default")).anySatisfy(e ->
                    assertThat(e.field("message").orElseThrow()).startsWith("Marking for deletion Pod default/web-"));
        }
    }

    @Test
    void anAddedNodeTakesPendingPodsAndGetsTheNextAddressAndPodNetwork() {
        try (Cluster cluster = Cluster.builder().nodes("node1").build()) {
            cluster.node("node1").cordon();
            cluster.apply(WEB.replace("replicas: 4", "replicas: 1"));
            cluster.advance(Duration.ofSeconds(5));
            assertThat(pods(cluster).get(0).field("status.phase")).contains("Pending");

            cluster.addNode("node2");
            cluster.advance(Duration.ofSeconds(15));

            Resource pod = pods(cluster).get(0);
            assertThat(pod.field("spec.nodeName")).contains("node2");
            assertThat(pod.field("status.podIP").orElseThrow()).startsWith("10.244.1.");
            assertThat(pod.field("status.hostIP")).contains("192.168.1.32");
        }
    }

    @Test
    void aWholeClusterDownEvictsNothing() {
        try (Cluster cluster = Cluster.builder().nodes("minikube").build()) {
            cluster.apply(WEB.replace("replicas: 4", "replicas: 2"));
            cluster.advance(Duration.ofSeconds(10));

            cluster.node("minikube").kill();
            cluster.advance(Duration.ofMinutes(10));

            assertThat(cluster.table("nodes", null)).contains("minikube   NotReady");
            assertThat(pods(cluster)).hasSize(2).allSatisfy(p -> assertThat(p.deletionTimestamp()).isEmpty());
        }
    }
}
