package dev.fakecluster.internal.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DisruptionControllerTest {

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
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              BUDGET
              selector: {matchLabels: {app: web}}
            """;

    @Test
    void maxUnavailableCountsTheDeploymentsScaleAndReadyPods() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(WEB.replace("BUDGET", "maxUnavailable: 1"));
            Resource before = cluster.get("pdb", "default", "web").orElseThrow();
            assertThat(before.field("status.expectedPods")).contains("4");
            assertThat(before.field("status.disruptionsAllowed")).contains("0");
            assertThat(before.field("status.conditions[0].reason")).contains("InsufficientPods");

            cluster.advance(Duration.ofSeconds(5));

            Resource after = cluster.get("pdb", "default", "web").orElseThrow();
            assertThat(after.field("status.currentHealthy")).contains("4");
            assertThat(after.field("status.desiredHealthy")).contains("3");
            assertThat(after.field("status.disruptionsAllowed")).contains("1");
            assertThat(after.field("status.conditions[0].reason")).contains("SufficientPods");
            assertThat(cluster.table("pdb", "default")).contains("web    N/A             1                 1");
        }
    }

    @Test
    void anIntegerMinAvailableCountsThePodsThemselves() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(WEB.replace("BUDGET", "minAvailable: 3"));
            cluster.advance(Duration.ofSeconds(5));

            cluster.delete("pods", "default", cluster.list("pods", "default", "app=web").get(0).name());

            Resource pdb = cluster.get("pdb", "default", "web").orElseThrow();
            assertThat(pdb.field("status.expectedPods")).contains("5");
            assertThat(pdb.field("status.currentHealthy")).contains("3");
            assertThat(pdb.field("status.disruptionsAllowed")).contains("0");
        }
    }
}
