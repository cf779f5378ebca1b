package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ClusterBuilder#systemWorkloads()}: kube-system as the tutorial's kubeadm + Calico cluster runs it. */
class SystemWorkloadsTest {

    @Test
    void kubeSystemRunsCoreDnsCalicoAndKubeProxyOnEveryNode() {
        try (Cluster cluster = Cluster.builder().systemWorkloads().build()) {
            cluster.advance(Duration.ofSeconds(10));

            assertThat(cluster.table("daemonsets", "kube-system")).contains(
                    "calico-node   3         3         3       3            3           kubernetes.io/os=linux",
                    "kube-proxy    3         3         3       3            3           kubernetes.io/os=linux");
            assertThat(cluster.table("deployments", "kube-system")).contains(
                    "calico-kube-controllers   1/1     1            1", "coredns                   2/2     2            2");
            List<String> proxyNodes = cluster.list("pods", "kube-system", "k8s-app=kube-proxy").stream()
                    .map(p -> p.field("spec.nodeName").orElseThrow() + " " + p.field("status.podIP").orElseThrow())
                    .sorted().toList();
            assertThat(proxyNodes).containsExactly("node1 192.168.1.31", "node2 192.168.1.32", "node3 192.168.1.33");
            Resource dns = cluster.get("endpoints", "kube-system", "kube-dns").orElseThrow();
            assertThat(dns.json().path("subsets").path(0).path("addresses")).as("CoreDNS behind kube-dns").hasSize(2);
        }
    }

    @Test
    void withoutTheOptionKubeSystemHasNoPods() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.advance(Duration.ofSeconds(10));

            assertThat(cluster.list("pods", "kube-system", null)).isEmpty();
        }
    }
}
