package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.podsPerNode;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chapter 5, part 1 (BEHAVIOURS.md C): {@code kubectl run nginx-deployment --image=nginx:1.7.9 --replicas=2}
 * and what it creates: a Deployment, which owns a ReplicaSet, which owns the pods.
 */
@FakeCluster(manifests = "nginx-deployment.kubectl-run.yaml")
class Chapter5DeploymentsTest {

    /** Pod-template hashes are a uint32's digits mapped into a safe alphabet; random suffixes 5 characters. */
    private static final String HASH = "[4-9bcdf]{1,10}";
    private static final String SUFFIX = "[bcdfghjklmnpqrstvwxz2456789]{5}";

    @BeforeEach
    void rollOut(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));
    }

    @Test
    void theDeploymentRunsTwoOfTwoReplicasAtRevisionOne(Cluster cluster) {
        // "kubectl get deployment nginx-deployment -> nginx-deployment 2/2 2 2", "Annotations: deployment.kubernetes.io/revision: 1"
        assertThat(cluster).hasDeployment("default", "nginx-deployment")
                .isRolledOut().hasReadyReplicas(2).hasUpdatedReplicas(2).hasAvailableReplicas(2).hasRevision(1);
    }

    @Test
    void theDeploymentManagesItsPodsThroughAReplicaSetNamedByTheTemplateHash(Cluster cluster) {
        // "kubectl get replicaset -> nginx-deployment-578fb949d8 2 2 2", "Controlled By: Deployment/nginx-deployment"
        Resource rs = cluster.list("replicasets", "default", null).get(0);
        assertThat(rs.name()).matches("nginx-deployment-" + HASH);
        assertThat(cluster).hasReplicaSet("default", rs.name()).isOwnedByDeployment("nginx-deployment")
                .hasDesiredReplicas(2).hasReplicas(2).hasReadyReplicas(2).hasRevision(1);
        assertThat(rs.annotations()).containsEntry("deployment.kubernetes.io/desired-replicas", "2")
                .containsEntry("deployment.kubernetes.io/max-replicas", "3");     // 2 + 25% surge, rounded up

        List<Resource> pods = cluster.list("pods", "default", "run=nginx-deployment");
        assertThat(pods).hasSize(2);
        for (Resource pod : pods) {
            assertThat(pod.name()).matches(rs.name() + "-" + SUFFIX);
            assertThat(pod.field("metadata.ownerReferences[0].name")).contains(rs.name());
            assertThat(cluster).hasPod("default", pod.name()).isReady().hasStatus("Running").hasRestartCount(0);
        }
    }

    @Test
    void theTwoReplicasRunOnePerWorkerAndNoneOnTheMaster(Cluster cluster) {
        // "Node: node2/192.168.1.32" and "Node: node3/192.168.1.33"
        assertThat(podsPerNode(cluster, "default", null)).containsExactly(Map.entry("node2", 1L), Map.entry("node3", 1L));
        for (Resource pod : cluster.list("pods", "default", null)) {
            assertThat(cluster).hasPod("default", pod.name()).isReady().isRunning().hasRestartCount(0);
        }
    }

    @Test
    void eventsTellHowTheReplicaSetAndThePodsCameToBe(Cluster cluster) {
        // "Scaled up replica set nginx-deployment-578fb949d8 to 2", "Created pod: ...-4h4sg", "Successfully assigned ... to node2"
        String rs = cluster.list("replicasets", "default", null).get(0).name();

        assertThat(cluster).hasDeployment("default", "nginx-deployment")
                .hasEvent("ScalingReplicaSet", "Scaled up replica set " + rs + " to 2");
        for (Resource pod : cluster.list("pods", "default", null)) {
            assertThat(cluster)
                    .hasEvent("default", "SuccessfulCreate", "Created pod: " + pod.name())    // the ReplicaSet's event
                    .hasPod("default", pod.name())                                           // and the pod's own
                    .hasEvent("Scheduled", "Successfully assigned default/" + pod.name() + " to "
                            + pod.field("spec.nodeName").orElseThrow())
                    .hasEvent("Started", "Started container nginx-deployment");
        }
    }

    @Test
    void deletingTheDeploymentGarbageCollectsItsReplicaSetAndPods(Cluster cluster) {
        // "kubectl delete deployment/nginx-deployment", then "kubectl get deployment -> No resources found."
        cluster.delete("deployment", "default", "nginx-deployment");
        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster.table("deployments", "default")).isEqualTo("No resources found in default namespace.\n");
        assertThat(cluster.list("replicasets", "default", null)).isEmpty();
        assertThat(cluster.list("pods", "default", null)).isEmpty();
    }
}
