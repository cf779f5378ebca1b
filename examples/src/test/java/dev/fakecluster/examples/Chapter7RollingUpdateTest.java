package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.livePods;
import static dev.fakecluster.examples.Tutorial.manifest;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.Watch;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Chapter 7 (BEHAVIOURS.md H): httpd updated by a rolling update, one pod at a time, then three
 * recorded versions and {@code kubectl rollout undo --to-revision=1}.
 */
@FakeCluster
class Chapter7RollingUpdateTest {

    private static final Duration ROLLOUT = Duration.ofMinutes(1);

    @Test
    @FakeCluster(manifests = "httpd.ch7-2.2.31.yml")
    void httpdIsReplacedOnePodAtATimeAndTheOldReplicaSetIsKeptAtZero(Cluster cluster) {
        // "httpd-6cf6bf9f57 3 3 3 httpd:2.2.32" beside "httpd-76cfb94bf4 0 0 0 httpd:2.2.31", and the 7 events in order
        cluster.advance(ROLLOUT);
        String oldRs = cluster.list("replicasets", "default", null).get(0).name();

        cluster.apply(manifest("httpd.ch7-2.2.32.yml"));
        cluster.advance(ROLLOUT);

        assertThat(cluster).hasDeployment("default", "httpd").isRolledOut().hasAvailableReplicas(3).hasRevision(2);
        String newRs = cluster.list("replicasets", "default", null).stream().map(Resource::name)
                .filter(name -> !name.equals(oldRs)).findFirst().orElseThrow();
        assertThat(cluster).hasReplicaSet("default", newRs).hasRevision(2).hasImage("httpd:2.2.32")
                .hasDesiredReplicas(3).hasReplicas(3).hasReadyReplicas(3);
        assertThat(cluster).hasReplicaSet("default", oldRs).hasRevision(1).hasImage("httpd:2.2.31")
                .hasDesiredReplicas(0).hasReplicas(0).hasReadyReplicas(0);
        assertThat(scalingEvents(cluster)).containsExactly(
                "Scaled up replica set " + oldRs + " to 3",
                "Scaled up replica set " + newRs + " to 1",
                "Scaled down replica set " + oldRs + " to 2 from 3",
                "Scaled up replica set " + newRs + " to 2 from 1",
                "Scaled down replica set " + oldRs + " to 1 from 2",
                "Scaled up replica set " + newRs + " to 3 from 2",
                "Scaled down replica set " + oldRs + " to 0 from 1");
        assertThat(livePods(cluster, "default", null)).extracting(Resource::creationTimestamp).doesNotHaveDuplicates();
    }

    @Test
    @FakeCluster(manifests = "httpd.ch7-2.2.31.yml")
    void withThreeReplicasTheUpdateNeverRunsMoreThanFourPodsNorFewerThanThreeAvailable(Cluster cluster) {
        // 25% of 3: maxSurge rounds up to 1, maxUnavailable rounds down to 0
        cluster.advance(ROLLOUT);
        List<Resource> seen = new ArrayList<>();

        try (Watch watch = cluster.watch("deployments", "default", null, null, event -> seen.add(event.resource()))) {
            cluster.apply(manifest("httpd.ch7-2.2.32.yml"));
            cluster.advance(ROLLOUT);
        }

        assertThat(seen).allSatisfy(deployment -> {
            assertThat(count(deployment, "status.replicas")).isLessThanOrEqualTo(4);
            assertThat(count(deployment, "status.availableReplicas")).isGreaterThanOrEqualTo(3);
        }).anySatisfy(deployment -> assertThat(count(deployment, "status.replicas")).isEqualTo(4));
    }

    @Test
    void recordedRevisionsAppearInTheHistoryAndUndoToRevisionOneMakesItRevisionFour(Cluster cluster) {
        // "kubectl apply -f httpd.v1.yml --record" ... v3, "kubectl rollout history", "rollout undo --to-revision=1"
        cluster.apply(recorded("httpd.v1.yml"));
        cluster.advance(ROLLOUT);
        assertThat(cluster).hasDeployment("default", "httpd").isRolledOut().hasReadyReplicas(3).hasRevision(1);

        cluster.apply(recorded("httpd.v2.yml"));
        assertThat(cluster).hasDeployment("default", "httpd")                   // mid-rollout: "httpd 3/3 1 3"
                .hasReadyReplicas(3).hasUpdatedReplicas(1).hasAvailableReplicas(3).hasRevision(2);
        assertThat(cluster.list("pods", "default", null)).hasSize(4);
        cluster.apply(recorded("httpd.v3.yml"));
        cluster.advance(ROLLOUT);
        assertThat(history(cluster)).containsExactly(
                Map.entry(1, "kubectl apply --filename=httpd.v1.yml --record=true"),
                Map.entry(2, "kubectl apply --filename=httpd.v2.yml --record=true"),
                Map.entry(3, "kubectl apply --filename=httpd.v3.yml --record=true"));

        assertThat(cluster.rollback("default", "httpd", 1)).isEqualTo("deployment.apps/httpd rolled back");
        cluster.advance(ROLLOUT);

        assertThat(cluster).hasDeployment("default", "httpd").isRolledOut().hasRevision(4).hasImage("httpd:2.4.16")
                .hasReplicaSetOfRevision(4).hasImage("httpd:2.4.16").hasReadyReplicas(3);
        assertThat(livePods(cluster, "default", null)).hasSize(3)
                .allSatisfy(pod -> assertThat(pod.field("spec.containers[0].image")).contains("httpd:2.4.16"));
        assertThat(history(cluster)).containsOnlyKeys(2, 3, 4)
                .containsEntry(4, "kubectl apply --filename=httpd.v1.yml --record=true");
    }

    /** The manifest with the annotation {@code kubectl apply --record} adds. */
    private static String recorded(String file) {
        return manifest(file).replace("  name: httpd\n", "  name: httpd\n  annotations:\n"
                + "    kubernetes.io/change-cause: kubectl apply --filename=" + file + " --record=true\n");
    }

    /** What {@code kubectl rollout history} lists: each ReplicaSet's revision and change cause. */
    private static Map<Integer, String> history(Cluster cluster) {
        Map<Integer, String> history = new TreeMap<>();
        for (Resource rs : cluster.list("replicasets", "default", null)) {
            history.put(Integer.valueOf(rs.annotations().get("deployment.kubernetes.io/revision")),
                    rs.annotations().getOrDefault("kubernetes.io/change-cause", "<none>"));
        }
        return history;
    }

    private static List<String> scalingEvents(Cluster cluster) {
        return cluster.events("default").stream().filter(e -> e.field("reason").orElse("").equals("ScalingReplicaSet"))
                .map(e -> e.field("message").orElseThrow()).toList();
    }

    private static int count(Resource deployment, String field) {
        return Integer.parseInt(deployment.field(field).orElse("0"));
    }
}
