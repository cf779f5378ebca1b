package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.manifest;
import static dev.fakecluster.examples.Tutorial.podsPerNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chapter 5, part 3 (BEHAVIOURS.md E): DaemonSets run one pod on every node they select, the master
 * only when they tolerate its taint.
 */
@FakeCluster
class Chapter5DaemonSetsTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    @FakeCluster(systemWorkloads = true)
    void kubeProxyAndCalicoRunOnEveryNodeIncludingTheMaster(Cluster cluster) {
        // "kubectl get daemonset --namespace=kube-system -> calico-node 3 3 3 3 3, kube-proxy 3 3 3 3 3"
        cluster.advance(SETTLE);
        assertThat(cluster.list("daemonsets", "kube-system", null)).extracting(Resource::name)
                .contains("calico-node", "kube-proxy");
        assertThat(podsPerNode(cluster, "kube-system", "k8s-app=kube-proxy"))
                .containsExactly(Map.entry("node1", 1L), Map.entry("node2", 1L), Map.entry("node3", 1L));
    }

    @Test
    @FakeCluster(manifests = "reconstructed/node_exporter.yml")
    void nodeExporterRunsOnEachWorkerWithTheNodesOwnAddress(Cluster cluster) {
        // "kubectl get pod -o wide | grep node-exporter": 2 pods, on node2 (192.168.1.32) and node3 (192.168.1.33)
        cluster.advance(SETTLE);

        assertThat(cluster.list("pods", "default", "app=prometheus"))
                .extracting(pod -> pod.field("spec.nodeName").orElseThrow() + " " + pod.field("status.podIP").orElseThrow())
                .containsExactlyInAnyOrder("node2 192.168.1.32", "node3 192.168.1.33");    // hostNetwork: true
        assertThat(cluster.table("daemonsets", "default")).contains(
                "NAME                      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n"
                        + "node-exporter-daemonset   2         2         2       2            2           <none>");
    }

    @Test
    @FakeCluster(manifests = "reconstructed/node_exporter.yml")
    void aNewWorkerGetsItsOwnNodeExporterPod(Cluster cluster) {
        cluster.advance(SETTLE);

        cluster.addNode("node4");
        cluster.advance(SETTLE);

        assertThat(podsPerNode(cluster, "default", "app=prometheus"))
                .containsExactly(Map.entry("node2", 1L), Map.entry("node3", 1L), Map.entry("node4", 1L));
    }

    @Test
    @FakeCluster(manifests = "kube-flannel.two-arches.yml")
    void flannelRunsWhereTheArchMatchesTheMasterIncludedAndNowhereElse(Cluster cluster) {
        // "kube-flannel-ds-amd64 3 3 3 3 3 beta.kubernetes.io/arch=amd64", "kube-flannel-ds-arm64 0 0 0 0 0"
        cluster.advance(SETTLE);

        assertThat(cluster.table("daemonsets", "kube-system"))
                .contains("kube-flannel-ds-amd64   3         3         3       3            3           beta.kubernetes.io/arch=amd64")
                .contains("kube-flannel-ds-arm64   0         0         0       0            0           beta.kubernetes.io/arch=arm64");
        assertThat(podsPerNode(cluster, "kube-system", "app=flannel"))
                .containsExactly(Map.entry("node1", 1L), Map.entry("node2", 1L), Map.entry("node3", 1L));
    }

    @Test
    void theNotesFlannelExcerptIsRejectedForItsUndeclaredVolumes(Cluster cluster) {
        // the printed "small part" of kube-flannel.yml mounts volumes it never declares
        assertThatThrownBy(() -> cluster.apply(manifest("kube-flannel.excerpt.yml")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("DaemonSet.apps \"kube-flannel-ds-amd64\" is invalid")
                .hasMessageContaining("volumeMounts[0].name: Not found: \"cni\"");
        assertThat(cluster.list("daemonsets", "kube-system", null)).isEmpty();
    }
}
