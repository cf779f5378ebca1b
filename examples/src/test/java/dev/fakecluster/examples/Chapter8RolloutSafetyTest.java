package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.livePods;
import static dev.fakecluster.examples.Tutorial.manifest;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chapter 8, part 2 (BEHAVIOURS.md I 67–70): a rolling update to pods that never pass their
 * readiness probe stops where maxSurge and maxUnavailable allow, keeps most of the old pods serving,
 * and is undone.
 */
@FakeCluster(manifests = "app.v1.yml")
class Chapter8RolloutSafetyTest {

    @BeforeEach
    void rollOutVersionOne(Cluster cluster) {
        // "kubectl get deployment app -> app 10/10 10 10"
        cluster.advance(Duration.ofSeconds(20));
        assertThat(cluster).hasDeployment("default", "app").isRolledOut().hasAvailableReplicas(10);
    }

    @Test
    void anUpdateWhoseNewPodsNeverGetReadyStopsAtEightOfTenWithThirteenPods(Cluster cluster) {
        // "app 8/10 5 8": 8 old pods "1/1 Running" and 5 new ones "0/1 Running"; ceil(2.5) = 3 surge, floor(2.5) = 2 unavailable
        String oldRs = cluster.list("replicasets", "default", null).get(0).name();

        cluster.apply(manifest("app.v2.yml"));
        cluster.advance(Duration.ofMinutes(2));

        assertThat(cluster).hasDeployment("default", "app").hasReadyReplicas(8).hasUpdatedReplicas(5).hasAvailableReplicas(8);
        String newRs = cluster.list("replicasets", "default", null).stream().map(Resource::name)
                .filter(name -> !name.equals(oldRs)).findFirst().orElseThrow();
        assertThat(cluster).hasReplicaSet("default", oldRs).hasReplicas(8).hasReadyReplicas(8);
        assertThat(cluster).hasReplicaSet("default", newRs).hasReplicas(5).hasReadyReplicas(0);
        assertThat(livePods(cluster, "default", null)).hasSize(13);
        for (Resource pod : cluster.list("pods", "default", "pod-template-hash=" + newRs.substring("app-".length()))) {
            assertThat(cluster).hasPod("default", pod.name()).isNotReady().hasStatus("Running").hasRestartCount(0);
        }
        assertThat(scalingEvents(cluster)).endsWith(
                "Scaled up replica set " + newRs + " to 3",
                "Scaled down replica set " + oldRs + " to 8 from 10",
                "Scaled up replica set " + newRs + " to 5 from 3");
    }

    @Test
    void aStuckRolloutReportsProgressDeadlineExceededAndIsUndoneToRevisionOne(Cluster cluster) {
        // "kubectl rollout undo deployment app --to-revision=1" -> "app 10/10 10 10"
        cluster.apply(manifest("app.v2.yml"));
        cluster.advance(Duration.ofMinutes(11));                  // apps/v1beta1: progressDeadlineSeconds 600
        assertThat(cluster).hasDeployment("default", "app").isStuckWithProgressDeadlineExceeded().hasRevision(2);

        assertThat(cluster.rollback("default", "app", 1)).isEqualTo("deployment.apps/app rolled back");
        cluster.advance(Duration.ofSeconds(20));

        assertThat(cluster).hasDeployment("default", "app").isRolledOut().hasAvailableReplicas(10).hasRevision(3);
        List<Resource> pods = livePods(cluster, "default", null);
        assertThat(pods).hasSize(10);
        for (Resource pod : pods) {
            assertThat(cluster).hasPod("default", pod.name()).isReady().hasStatus("Running").hasRestartCount(0);
        }
    }

    @Test
    void thirtyFivePercentSurgeAndUnavailabilityStopAtFourteenPodsWithSevenAvailable(Cluster cluster) {
        // app.v1-strategy35.yml: ceil(3.5) = 4 surge, floor(3.5) = 3 unavailable -> "app 7/10 7 7" (derived)
        String v1 = manifest("app.v1-strategy35.yml");
        cluster.apply(v1);
        cluster.advance(Duration.ofSeconds(20));

        cluster.apply(v1.replace("sleep 10; touch /tmp/healthy; sleep 30000", "sleep 3000"));   // app.v2's broken command
        cluster.advance(Duration.ofMinutes(2));

        assertThat(cluster).hasDeployment("default", "app").hasReadyReplicas(7).hasUpdatedReplicas(7).hasAvailableReplicas(7);
        assertThat(livePods(cluster, "default", null)).hasSize(14);
        assertThat(scalingEvents(cluster).stream().map(message -> message.replaceAll("app-\\w+", "app-*")))
                .endsWith("Scaled up replica set app-* to 4", "Scaled down replica set app-* to 7 from 10",
                        "Scaled up replica set app-* to 7 from 4");
    }

    private static List<String> scalingEvents(Cluster cluster) {
        return cluster.events("default").stream().filter(e -> e.field("reason").orElse("").equals("ScalingReplicaSet"))
                .map(e -> e.field("message").orElseThrow()).toList();
    }
}
