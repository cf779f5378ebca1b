package dev.fakecluster.internal.daemonset;

import static dev.fakecluster.internal.daemonset.DaemonSets.daemonSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The status fields and the table kubectl prints from them. */
class DaemonSetStatusTest {

    /** A DaemonSet like the flannel ones of the tutorial: every NoSchedule taint tolerated, one architecture. */
    private static String flannel(String arch) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: kube-flannel-ds-%s
                  namespace: kube-system
                  labels: {tier: node, app: flannel}
                spec:
                  selector:
                    matchLabels: {tier: node, app: flannel, arch: %s}
                  template:
                    metadata:
                      labels: {tier: node, app: flannel, arch: %s}
                    spec:
                      hostNetwork: true
                      nodeSelector:
                        beta.kubernetes.io/arch: %s
                      tolerations:
                      - operator: Exists
                        effect: NoSchedule
                      containers:
                      - name: kube-flannel
                        image: quay.io/coreos/flannel:v0.11.0-%s
                """.formatted(arch, arch, arch, arch, arch);
    }

    @Test
    void statusCountsMatchKubectlColumns() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(flannel("amd64") + "---\n" + flannel("arm64"));
            cluster.advance(Duration.ofSeconds(10));

            assertThat(cluster.table("ds", "kube-system")).isEqualTo("""
                    NAME                    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR                   AGE
                    kube-flannel-ds-amd64   3         3         3       3            3           beta.kubernetes.io/arch=amd64   10s
                    kube-flannel-ds-arm64   0         0         0       0            0           beta.kubernetes.io/arch=arm64   10s
                    """);
            assertThat(cluster.get("ds", "kube-system", "kube-flannel-ds-amd64").orElseThrow().json().path("status"))
                    .hasToString("{\"currentNumberScheduled\":3,\"numberMisscheduled\":0,\"desiredNumberScheduled\":3,"
                            + "\"numberReady\":3,\"observedGeneration\":1,\"updatedNumberScheduled\":3,\"numberAvailable\":3}");
        }
    }

    @Test
    void podsNotYetStartedCountAsUnavailable() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("agent", "nginx:1.25", "", ""));

            assertThat(cluster.get("ds", "default", "agent").orElseThrow().json().path("status"))
                    .hasToString("{\"currentNumberScheduled\":2,\"numberMisscheduled\":0,\"desiredNumberScheduled\":2,"
                            + "\"numberReady\":0,\"observedGeneration\":1,\"updatedNumberScheduled\":2,\"numberUnavailable\":2}");
        }
    }

    @Test
    void observedGenerationFollowsSpecChanges() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(daemonSet("agent", "nginx:1.25", "", ""));
            cluster.apply(daemonSet("agent", "nginx:1.25", "minReadySeconds: 5", ""));

            var ds = cluster.get("ds", "default", "agent").orElseThrow();
            assertThat(ds.generation()).isEqualTo(2);
            assertThat(ds.field("status.observedGeneration")).contains("2");
            assertThat(ds.annotations()).containsEntry("deprecated.daemonset.template.generation", "1");
        }
    }
}
