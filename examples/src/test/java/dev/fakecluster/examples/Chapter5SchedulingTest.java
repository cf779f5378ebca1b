package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.hashOf;
import static dev.fakecluster.examples.Tutorial.livePods;
import static dev.fakecluster.examples.Tutorial.manifest;
import static dev.fakecluster.examples.Tutorial.podsPerNode;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chapter 5, part 2 (BEHAVIOURS.md D): nginx.yaml applied to two namespaces, scaled from 5 to 3,
 * let onto the master, moved off a powered-off node, and pinned to a node by a nodeSelector.
 */
@FakeCluster
class Chapter5SchedulingTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    @FakeCluster(manifests = "nginx.v1-kube-public.yaml")
    void theSameTemplateGetsTheSameHashInAnyNamespace(Cluster cluster) {
        // "kubectl get replicaset -n kube-public -> nginx-deployment-65998d8886 2 2 2", later the same hash in default
        cluster.advance(SETTLE);
        assertThat(cluster).hasDeployment("kube-public", "nginx-deployment").isRolledOut().hasAvailableReplicas(2);
        assertThat(podsPerNode(cluster, "kube-public", null)).containsExactly(Map.entry("node2", 1L), Map.entry("node3", 1L));

        cluster.apply(manifest("nginx.v2-replicas5.yaml"));                  // no namespace: default
        cluster.advance(SETTLE);

        String kubePublic = hashOf(cluster.list("pods", "kube-public", null).get(0));
        assertThat(cluster.list("pods", "default", null)).hasSize(5).extracting(Tutorial::hashOf).containsOnly(kubePublic);

        cluster.delete("deployment", "kube-public", "nginx-deployment");      // kubectl delete -f nginx.yaml
        assertThat(cluster.table("deployments", "kube-public")).isEqualTo("No resources found in kube-public namespace.\n");
    }

    @Test
    @FakeCluster(manifests = "nginx.v2-replicas5.yaml")
    void scalingFromFiveToThreeDeletesTwoPodsAndCreatesNone(Cluster cluster) {
        // "replicas: 5" then "replicas: 3 -> deployment configured": the survivors keep their names
        cluster.advance(SETTLE);
        Map<String, Long> five = podsPerNode(cluster, "default", null);
        assertThat(five).containsOnlyKeys("node2", "node3");                 // never on the tainted master
        assertThat(five.values()).containsExactlyInAnyOrder(3L, 2L);
        List<String> names = livePods(cluster, "default", null).stream().map(Resource::name).toList();

        cluster.apply(manifest("nginx.v3-replicas3.yaml"));
        cluster.advance(SETTLE);

        assertThat(cluster.list("pods", "default", null)).extracting(Resource::name).hasSize(3).isSubsetOf(names);
        // today's rule (the notes' 1.13 differed): pods on the node crowded with their siblings go first
        String crowded = five.get("node2") == 3 ? "node2" : "node3";
        assertThat(podsPerNode(cluster, "default", null)).containsEntry(crowded, 1L);
    }

    @Test
    void removingTheMasterTaintLetsPodsOntoNode1AndPuttingItBackKeepsNewOnesOff(Cluster cluster) {
        // "kubectl taint node node1 node-role.kubernetes.io/master-" and back with "...:NoSchedule"
        cluster.node("node1").untaint("node-role.kubernetes.io/control-plane");
        cluster.apply(manifest("nginx.v2-replicas5.yaml"));
        cluster.advance(SETTLE);
        long onNode1 = podsPerNode(cluster, "default", null).get("node1");
        assertThat(onNode1).isPositive();

        cluster.node("node1").taint("node-role.kubernetes.io/control-plane=:NoSchedule");
        assertThat(cluster).hasNode("node1").hasTaint("node-role.kubernetes.io/control-plane:NoSchedule");
        cluster.scale("deployments", "default", "nginx-deployment", 8);
        cluster.advance(SETTLE);

        assertThat(podsPerNode(cluster, "default", null)).containsEntry("node1", onNode1);   // NoSchedule evicts nobody
        assertThat(livePods(cluster, "default", null)).hasSize(8);
    }

    @Test
    @FakeCluster(manifests = "nginx.v3-replicas3.yaml")
    void podsOfAPoweredOffNodeAreReplacedOnTheOtherWorkerAfterFiveMinutes(Cluster cluster) {
        // "node2 NotReady", its pods "0/1 Terminating", 3 new pods "1/1 Running" on node3; nothing moves back
        cluster.advance(SETTLE);
        Map<String, Long> placement = podsPerNode(cluster, "default", null);
        String victim = placement.get("node2") >= placement.get("node3") ? "node2" : "node3";
        String survivor = victim.equals("node2") ? "node3" : "node2";

        cluster.node(victim).kill();
        cluster.advance(Duration.ofSeconds(55));                              // 50 s grace, 5 s monitor period
        assertThat(cluster).hasNode(victim).isNotReady().hasTaint("node.kubernetes.io/unreachable:NoExecute");
        assertThat(podsPerNode(cluster, "default", null)).isEqualTo(placement);  // tolerated for 300 s

        cluster.advance(Duration.ofSeconds(300 + 10));

        List<Resource> terminating = cluster.list("pods", "default", "", "spec.nodeName=" + victim);
        assertThat(terminating).hasSize(placement.get(victim).intValue());
        for (Resource pod : terminating) {
            assertThat(cluster).hasPod("default", pod.name()).hasStatus("Terminating");   // no kubelet confirms
        }
        assertThat(podsPerNode(cluster, "default", null)).containsExactly(Map.entry(survivor, 3L));
        assertThat(cluster).hasDeployment("default", "nginx-deployment").isRolledOut();

        cluster.node(victim).restore();
        cluster.advance(SETTLE);

        assertThat(cluster).hasNode(victim).isReady();
        assertThat(cluster.list("pods", "default", null)).hasSize(3);
        assertThat(podsPerNode(cluster, "default", null)).containsExactly(Map.entry(survivor, 3L));
    }

    @Test
    @FakeCluster(manifests = "nginx.v3-replicas3.yaml")
    void aNodeSelectorPinsPodsToTheLabelledNodeAndIsCheckedOnlyAtScheduling(Cluster cluster) {
        // "kubectl label node node3 disktype=ssd", nodeSelector disktype: ssd -> all 3 pods on node3, new hash
        cluster.advance(SETTLE);
        String plain = hashOf(cluster.list("pods", "default", null).get(0));

        cluster.node("node3").label("disktype", "ssd");
        assertThat(cluster).hasNode("node3").hasLabel("disktype", "ssd");
        cluster.apply(manifest("nginx.v4-nodeselector.yaml"));
        cluster.advance(Duration.ofMinutes(1));
        assertThat(podsPerNode(cluster, "default", null)).containsExactly(Map.entry("node3", 3L));
        String ssd = hashOf(livePods(cluster, "default", null).get(0));
        assertThat(ssd).isNotEqualTo(plain);

        cluster.node("node3").unlabel("disktype");                            // "kubectl label node node3 disktype-"
        cluster.advance(SETTLE);
        assertThat(podsPerNode(cluster, "default", null)).containsExactly(Map.entry("node3", 3L));

        cluster.apply(manifest("nginx.v3-replicas3.yaml"));                    // the nodeSelector removed again
        cluster.advance(Duration.ofMinutes(1));

        assertThat(cluster).hasDeployment("default", "nginx-deployment").isRolledOut().hasAvailableReplicas(3);
        assertThat(livePods(cluster, "default", null)).extracting(Tutorial::hashOf).containsOnly(plain);
        assertThat(podsPerNode(cluster, "default", null)).containsOnlyKeys("node2", "node3");
    }
}
