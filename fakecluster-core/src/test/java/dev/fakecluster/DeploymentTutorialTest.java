package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's Deployment chapters (seed BEHAVIOURS.md sections B, C and D) against the fake:
 * counts, names, hashes, placement and failover as a real cluster produces them.
 */
class DeploymentTutorialTest {

    private static final String HASH = "[4-9bcdf]{1,10}";
    private static final String SUFFIX = "[bcdfghjklmnpqrstvwxz2456789]{5}";
    private static final Duration SETTLE = Duration.ofSeconds(10);

    /** What {@code kubectl run nginx-deployment --image=nginx:1.7.9 --replicas=2} created in 2019. */
    private static final String KUBECTL_RUN = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: nginx-deployment
              labels: {run: nginx-deployment}
            spec:
              replicas: 2
              selector:
                matchLabels: {run: nginx-deployment}
              template:
                metadata:
                  labels: {run: nginx-deployment}
                spec:
                  containers:
                  - {name: nginx-deployment, image: "nginx:1.7.9"}
            """;

    private static Map<String, Long> podsPerNode(Cluster cluster, String namespace, String selector) {
        return cluster.list("pods", namespace, selector).stream().filter(p -> p.deletionTimestamp().isEmpty())
                .collect(Collectors.groupingBy(p -> p.field("spec.nodeName").orElse("<none>"), TreeMap::new,
                        Collectors.counting()));
    }

    private static String hashOf(Resource pod) {
        return pod.labels().get("pod-template-hash");
    }

    @Test
    void kubectlRunDeploymentBecomesTwoOfTwoWithItsReplicaSetAndPods() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(KUBECTL_RUN);
            cluster.advance(SETTLE);

            assertThat(cluster.table("deployments", "default")).startsWith(
                    "NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   2/2     2            2");
            Resource deployment = cluster.get("deploy", "default", "nginx-deployment").orElseThrow();
            assertThat(deployment.annotations()).containsEntry("deployment.kubernetes.io/revision", "1");
            assertThat(deployment.field("status.conditions[0].reason")).contains("MinimumReplicasAvailable");
            assertThat(deployment.field("status.conditions[1].reason")).contains("NewReplicaSetAvailable");
            assertThat(deployment.field("status.unavailableReplicas")).isEmpty();

            Resource rs = cluster.list("rs", "default", null).get(0);
            String hash = rs.labels().get("pod-template-hash");
            assertThat(rs.name()).isEqualTo("nginx-deployment-" + hash).matches("nginx-deployment-" + HASH);
            assertThat(rs.labels()).containsOnly(Map.entry("pod-template-hash", hash), Map.entry("run", "nginx-deployment"));
            assertThat(rs.field("spec.selector.matchLabels.pod-template-hash")).contains(hash);
            assertThat(rs.annotations()).containsEntry("deployment.kubernetes.io/desired-replicas", "2")
                    .containsEntry("deployment.kubernetes.io/max-replicas", "3")
                    .containsEntry("deployment.kubernetes.io/revision", "1");
            assertThat(rs.field("metadata.ownerReferences[0].kind")).contains("Deployment");

            List<Resource> pods = cluster.list("pods", "default", "run=nginx-deployment");
            assertThat(pods).hasSize(2).allSatisfy(p -> {
                assertThat(p.name()).matches(rs.name() + "-" + SUFFIX);
                assertThat(p.field("status.phase")).contains("Running");
                assertThat(p.field("status.podIP").orElseThrow()).startsWith("10.244.");
                assertThat(p.field("metadata.ownerReferences[0].name")).contains(rs.name());
            });
            assertThat(podsPerNode(cluster, "default", "run=nginx-deployment"))
                    .containsExactly(Map.entry("node2", 1L), Map.entry("node3", 1L));

            List<String> messages = cluster.events("default").stream()
                    .map(e -> e.field("reason").orElse("") + " " + e.field("message").orElse("")).toList();
            assertThat(messages).contains("ScalingReplicaSet Scaled up replica set " + rs.name() + " to 2");
            assertThat(messages.stream().filter(m -> m.startsWith("SuccessfulCreate Created pod: " + rs.name() + "-")))
                    .hasSize(2);
            for (Resource pod : pods) {
                assertThat(messages).contains("Scheduled Successfully assigned default/" + pod.name() + " to "
                        + pod.field("spec.nodeName").orElseThrow());
            }
        }
    }

    @Test
    void deletingTheDeploymentGarbageCollectsEverything() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(KUBECTL_RUN);
            cluster.advance(SETTLE);

            cluster.delete("deployment", "default", "nginx-deployment");
            cluster.advance(SETTLE);

            assertThat(cluster.table("deployments", "default")).isEqualTo("No resources found in default namespace.\n");
            assertThat(cluster.list("rs", "default", null)).isEmpty();
            assertThat(cluster.list("pods", "default", null)).isEmpty();
        }
    }

    @Test
    void theSameTemplateGivesTheSameHashInAnyNamespaceAndANodeSelectorGivesAnother() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("nginx.v1-kube-public.yaml"));
            cluster.advance(SETTLE);
            assertThat(cluster.table("deployments", "kube-public")).contains("nginx-deployment   2/2     2            2");
            assertThat(podsPerNode(cluster, "kube-public", null)).containsExactly(Map.entry("node2", 1L),
                    Map.entry("node3", 1L));
            String kubePublicHash = hashOf(cluster.list("pods", "kube-public", null).get(0));

            cluster.apply(Seed.manifest("nginx.v2-replicas5.yaml"));
            cluster.advance(SETTLE);
            assertThat(cluster.list("pods", "default", null)).hasSize(5).allSatisfy(p ->
                    assertThat(hashOf(p)).isEqualTo(kubePublicHash));

            cluster.node("node3").label("disktype", "ssd");
            cluster.apply(Seed.manifest("nginx.v4-nodeselector.yaml"));
            cluster.advance(Duration.ofMinutes(1));
            assertThat(podsPerNode(cluster, "default", null)).containsExactly(Map.entry("node3", 3L));
            String ssdHash = hashOf(cluster.list("pods", "default", null).get(0));
            assertThat(ssdHash).matches(HASH).isNotEqualTo(kubePublicHash);

            cluster.node("node3").unlabel("disktype");
            cluster.advance(SETTLE);
            assertThat(podsPerNode(cluster, "default", null)).containsExactly(Map.entry("node3", 3L));

            cluster.apply(Seed.manifest("nginx.v3-replicas3.yaml"));
            cluster.advance(Duration.ofMinutes(1));
            assertThat(cluster.list("pods", "default", null)).hasSize(3).allSatisfy(p ->
                    assertThat(hashOf(p)).isEqualTo(kubePublicHash));
            assertThat(cluster.list("rs", "default", null))
                    .extracting(rs -> rs.labels().get("pod-template-hash") + "=" + rs.field("spec.replicas").orElseThrow())
                    .containsExactlyInAnyOrder(kubePublicHash + "=3", ssdHash + "=0");
            assertThat(cluster.table("deployments", "default")).contains("nginx-deployment   3/3     3            3");
        }
    }

    @Test
    void fiveReplicasSpreadOverTheWorkersAndScalingDownDeletesFromTheCrowdedNode() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("nginx.v2-replicas5.yaml"));
            cluster.advance(SETTLE);
            Map<String, Long> before = podsPerNode(cluster, "default", null);
            assertThat(before).containsOnlyKeys("node2", "node3");
            assertThat(before.values()).containsExactlyInAnyOrder(2L, 3L);
            List<String> names = cluster.list("pods", "default", null).stream().map(Resource::name).toList();

            cluster.apply(Seed.manifest("nginx.v3-replicas3.yaml"));
            cluster.advance(SETTLE);

            List<Resource> survivors = cluster.list("pods", "default", null);
            assertThat(survivors).extracting(Resource::name).hasSize(3).isSubsetOf(names);
            Map<String, Long> after = podsPerNode(cluster, "default", null);
            String crowded = before.get("node2") == 3 ? "node2" : "node3";
            assertThat(after.get(crowded)).isEqualTo(1L);
        }
    }

    @Test
    void removingTheControlPlaneTaintLetsPodsOntoNode1() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.node("node1").untaint("node-role.kubernetes.io/control-plane");
            cluster.apply(Seed.manifest("nginx.v2-replicas5.yaml").replace("replicas: 5", "replicas: 6"));
            cluster.advance(SETTLE);
            assertThat(podsPerNode(cluster, "default", null)).containsOnlyKeys("node1", "node2", "node3");

            cluster.node("node1").taint("node-role.kubernetes.io/control-plane=:NoSchedule");
            cluster.scale("deploy", "default", "nginx-deployment", 0);
            cluster.scale("deploy", "default", "nginx-deployment", 6);
            cluster.advance(SETTLE);
            assertThat(podsPerNode(cluster, "default", null)).containsOnlyKeys("node2", "node3");
        }
    }

    @Test
    void aDeadNodeTurnsNotReadyAfterTheGracePeriodAndItsPodsAreReplacedAfterTheirToleration() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("nginx.v3-replicas3.yaml"));
            cluster.advance(Duration.ofSeconds(30));
            Map<String, Long> placement = podsPerNode(cluster, "default", null);
            String victim = placement.get("node2") >= placement.get("node3") ? "node2" : "node3";
            String survivor = victim.equals("node2") ? "node3" : "node2";
            long onVictim = placement.get(victim);
            Function<Cluster, String> status = c -> c.node(victim).resource().field("status.conditions[3].status").orElseThrow();

            cluster.node(victim).kill();
            cluster.advance(Duration.ofSeconds(50));
            assertThat(status.apply(cluster)).isEqualTo("True");
            cluster.advance(Duration.ofSeconds(5));
            assertThat(status.apply(cluster)).isEqualTo("Unknown");
            assertThat(cluster.table("nodes", null)).contains(victim + "   NotReady");
            assertThat(cluster.node(victim).resource().field("spec.taints[1].key")).contains("node.kubernetes.io/unreachable");

            cluster.advance(Duration.ofSeconds(299));
            assertThat(cluster.list("pods", "default", null)).noneMatch(p -> p.deletionTimestamp().isPresent());

            cluster.advance(Duration.ofSeconds(1));
            List<Resource> terminating = cluster.list("pods", "default", null).stream()
                    .filter(p -> p.deletionTimestamp().isPresent()).toList();
            assertThat(terminating).hasSize((int) onVictim)
                    .allSatisfy(p -> assertThat(p.field("spec.nodeName")).contains(victim));
            cluster.advance(Duration.ofMinutes(2));
            assertThat(podsPerNode(cluster, "default", null)).containsExactly(Map.entry(survivor, 3L));
            assertThat(cluster.list("pods", "default", null)).hasSize(3 + (int) onVictim);

            cluster.node(victim).restore();
            cluster.advance(SETTLE);
            assertThat(cluster.list("pods", "default", null)).hasSize(3)
                    .allSatisfy(p -> assertThat(p.field("spec.nodeName")).contains(survivor));
            assertThat(cluster.table("nodes", null)).contains(victim + "   Ready");
        }
    }
}
