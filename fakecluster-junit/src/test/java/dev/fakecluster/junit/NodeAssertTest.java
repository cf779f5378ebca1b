package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** healthcheck.yaml: one pod, scheduled to node2. */
@FakeCluster(manifests = "manifests/healthcheck.yaml")
class NodeAssertTest {

    @Test
    void aHealthyWorkerPassesEveryCheck(Cluster cluster) {
        cluster.node("node2").label("disk", "ssd");

        assertThat(cluster).hasNode("node2").isReady().isSchedulable().hasLabel("disk", "ssd")
                .hasLabel("kubernetes.io/hostname", "node2").runsPods("healthcheck").runsPods(1);
        assertThat(cluster).hasNode("node1").hasTaint("node-role.kubernetes.io/control-plane")
                .hasTaint("node-role.kubernetes.io/control-plane:NoSchedule").runsPods(0);
    }

    @Test
    void readinessFailuresShowTheNodeAndItsPods(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(5));

        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").isNotReady()).hasMessage("""
                Expecting node node2 to not be ready,
                but its Ready condition is True (KubeletReady: kubelet is posting ready status).

                NAME    STATUS   ROLES    AGE   VERSION
                node2   Ready    <none>   5s    v1.32.0

                NAMESPACE   NAME          READY   STATUS    RESTARTS   AGE
                default     healthcheck   1/1     Running   0          5s""");

        cluster.node("node2").kill();
        cluster.advance(Duration.ofSeconds(60));

        assertThat(cluster).hasNode("node2").isNotReady().hasTaint("node.kubernetes.io/unreachable:NoExecute");
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").isReady()).hasMessageStartingWith("""
                Expecting node node2 to be ready,
                but its Ready condition is Unknown (NodeStatusUnknown: Kubelet stopped posting node status.).
                """);
    }

    @Test
    void cordoningTaintsAndLabelsAreNamedInFailures(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").isCordoned())
                .hasMessageStartingWith("Expecting node node2 to be cordoned,\nbut it is schedulable.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").hasTaint("dedicated"))
                .hasMessageStartingWith("Expecting node node2 to have taint dedicated,\nbut it has no taints.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").hasLabel("disk", "ssd"))
                .hasMessageStartingWith("Expecting node node2 to have label disk=ssd,\nbut it has no label disk.\n");

        cluster.node("node2").cordon().taint("dedicated=gpu:NoSchedule").label("disk", "hdd");

        assertThat(cluster).hasNode("node2").isCordoned().hasTaint("dedicated=gpu").hasTaint("dedicated:NoSchedule");
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").isSchedulable()).hasMessage("""
                Expecting node node2 to be schedulable,
                but it is cordoned (spec.unschedulable is true).

                NAME    STATUS                     ROLES    AGE   VERSION
                node2   Ready,SchedulingDisabled   <none>   0s    v1.32.0

                NAMESPACE   NAME          READY   STATUS              RESTARTS   AGE
                default     healthcheck   0/1     ContainerCreating   0          0s""");
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").hasTaint("dedicated=cpu:NoSchedule"))
                .hasMessageStartingWith("Expecting node node2 to have taint dedicated=cpu:NoSchedule,\n"
                        + "but its taints are node.kubernetes.io/unschedulable:NoSchedule, dedicated=gpu:NoSchedule.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").hasLabel("disk", "ssd"))
                .hasMessageStartingWith("Expecting node node2 to have label disk=ssd,\nbut its disk is hdd.\n");
    }

    @Test
    void podFailuresNameThePodsThatRun(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node3").runsPods("healthcheck")).hasMessage("""
                Expecting node node3 to run pods healthcheck,
                but it does not run healthcheck; it runs no pods.

                NAME    STATUS   ROLES    AGE   VERSION
                node3   Ready    <none>   0s    v1.32.0""");
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").runsPods(2))
                .hasMessageStartingWith("Expecting node node2 to run 2 pods,\nbut it runs 1: healthcheck.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node2").runsPods())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingNodeFailsShowingTheNodes(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasNode("node9")).hasMessage("""
                Expecting node node9 to exist,
                but there is no such node.

                NAME    STATUS   ROLES           AGE   VERSION
                node1   Ready    control-plane   0s    v1.32.0
                node2   Ready    <none>          0s    v1.32.0
                node3   Ready    <none>          0s    v1.32.0""");
    }

    @Test
    void aNodeSnapshotChecksItselfButNeedsTheClusterForItsPods(Cluster cluster) {
        NodeAssert snapshot = assertThat(cluster.node("node2").resource()).asNode();

        snapshot.isReady().isSchedulable();
        assertThatThrownBy(() -> snapshot.runsPods(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start from assertThat(cluster).hasNode(name)");
    }
}
