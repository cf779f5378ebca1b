package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@FakeCluster(manifests = "manifests/web.yaml")
class DeploymentAssertTest {

    @Test
    void aFinishedRolloutPassesEveryCheck(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster).hasDeployment("default", "web").isRolledOut().hasAvailableReplicas(3)
                .hasUpdatedReplicas(3).hasRevision(1);
    }

    @Test
    void advancingUntilThePodsRunIsEnoughForTheRolloutToFinish(Cluster cluster) {
        cluster.advanceUntil(c -> c.list("pods", "default", "app=web", "status.phase=Running").size() == 3,
                Duration.ofMinutes(1));

        assertThat(cluster).hasDeployment("default", "web").isRolledOut().hasRevision(1);
        assertThat(cluster).hasEvent("default", "ScalingReplicaSet", "to 3");
    }

    @Test
    void isRolledOutFailsWhileThePodsStartAndShowsTheDeploymentItsReplicaSetsAndPods(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").isRolledOut())
                .isInstanceOf(AssertionError.class).hasMessage("""
                        Expecting deployment default/web to be rolled out,
                        but 0 of 3 updated replicas are available (generation 1, observedGeneration 1, \
                        spec.replicas 3, replicas 3, updated 3, ready 0, available 0).

                        NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                        web    0/3     3            0           0s

                        NAME            DESIRED   CURRENT   READY   AGE
                        web-d88c78859   3         3         0       0s

                        NAME                  READY   STATUS              RESTARTS   AGE
                        web-d88c78859-gnkjx   0/1     ContainerCreating   0          0s
                        web-d88c78859-j8lkb   0/1     ContainerCreating   0          0s
                        web-d88c78859-vf4pr   0/1     ContainerCreating   0          0s""");
    }

    @Test
    void midRolloutOnlySomeReplicasAreUpdated(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));
        cluster.setImage("default", "web", "nginx", "nginx:1.26");
        cluster.advance(Duration.ofSeconds(1));

        assertThat(cluster).hasDeployment("default", "web").hasAvailableReplicas(3).hasRevision(2);
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").isRolledOut())
                .hasMessageStartingWith("""
                        Expecting deployment default/web to be rolled out,
                        but 1 of 3 replicas are updated (generation 2, observedGeneration 2, spec.replicas 3, \
                        replicas 4, updated 1, ready 3, available 3).

                        NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                        web    3/3     1            3           11s

                        NAME             DESIRED   CURRENT   READY   AGE
                        web-7989497b58   1         1         0       1s
                        web-d88c78859    3         3         3       11s
                        """);
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").hasUpdatedReplicas(3))
                .hasMessageStartingWith("Expecting deployment default/web to have 3 updated replicas,\nbut it has 1.\n");

        cluster.advance(Duration.ofMinutes(1));
        assertThat(cluster).hasDeployment("default", "web").isRolledOut().hasUpdatedReplicas(3);
    }

    @Test
    void hasAvailableReplicasCountsOnlyAvailablePods(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").hasAvailableReplicas(3))
                .hasMessageStartingWith("Expecting deployment default/web to have 3 available replicas,\nbut it has 0.\n");
    }

    @Test
    void hasRevisionNamesTheRevisionFound(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").hasRevision(2))
                .hasMessageStartingWith("Expecting deployment default/web to be at revision 2,\nbut it is at revision 1.\n");
    }

    @Test
    @FakeCluster(manifests = {"manifests/web.yaml", "manifests/unschedulable.yaml"})
    void aRolloutWithoutProgressIsStuckOnceItsDeadlinePasses(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(31));

        assertThat(cluster).hasDeployment("default", "stuck").isStuckWithProgressDeadlineExceeded();
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").isStuckWithProgressDeadlineExceeded())
                .hasMessageStartingWith("""
                        Expecting deployment default/web to be stuck with ProgressDeadlineExceeded,
                        but its Progressing condition is True (NewReplicaSetAvailable: ReplicaSet "web-d88c78859" \
                        has successfully progressed.).
                        """);
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "stuck").isRolledOut())
                .hasMessageEndingWith("""
                        NAME                     READY   STATUS    RESTARTS   AGE
                        stuck-749649744c-dc8bh   0/1     Pending   0          31s
                        stuck-749649744c-xhxsn   0/1     Pending   0          31s""");
    }

    @Test
    void aDescriptionPrefixesTheMessage(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).as("the web tier").hasDeployment("default", "web").hasRevision(2))
                .hasMessageStartingWith("[the web tier] Expecting deployment default/web to be at revision 2,");
    }

    @Test
    void theRolloutHistoryKeepsEachRevisionsImage(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));
        cluster.setImage("default", "web", "nginx", "nginx:1.26");
        cluster.advance(Duration.ofMinutes(1));

        assertThat(cluster).hasDeployment("default", "web").isRolledOut().hasRevision(2).hasImage("nginx:1.26");
        assertThat(cluster).hasDeployment("default", "web").hasReplicaSetOfRevision(1).hasImage("nginx:1.25")
                .hasDesiredReplicas(0).hasReplicas(0);
        assertThat(cluster).hasDeployment("default", "web").hasReplicaSetOfRevision(2).hasImage("nginx:1.26")
                .hasReadyReplicas(3);
    }

    @Test
    void imageAndHistoryFailuresNameWhatTheDeploymentHas(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").hasImage("nginx:1.26"))
                .hasMessageStartingWith("Expecting deployment default/web to run image nginx:1.26,\n"
                        + "but its containers run nginx:1.25.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").hasReplicaSetOfRevision(2))
                .hasMessageStartingWith("Expecting deployment default/web to have a replica set of revision 2,\n"
                        + "but its replica sets hold revisions 1.\n");
        assertThatThrownBy(() -> assertThat(cluster).as("history").hasDeployment("default", "web")
                .hasReplicaSetOfRevision(1).hasImage("nginx:1.26"))
                .hasMessageStartingWith("[history] Expecting replica set default/web-d88c78859 to run image nginx:1.26,");
        assertThatThrownBy(() -> assertThat(cluster.get("deploy", "default", "web").orElseThrow()).asDeployment()
                .hasReplicaSetOfRevision(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("checking the rollout history needs the cluster, which a Resource snapshot does not know:"
                        + " start from assertThat(cluster).hasDeployment(namespace, name)");
    }

    @Test
    void hasReadyReplicasCountsPodsWhoseReadyConditionIsTrue(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").hasReadyReplicas(3))
                .hasMessageStartingWith("Expecting deployment default/web to have 3 ready replicas,\nbut it has 0.\n");

        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster).hasDeployment("default", "web").hasReadyReplicas(3);
    }

    @Test
    void hasEventLooksAtTheDeploymentsOwnEvents(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));
        cluster.scale("deployments", "default", "web", 2);

        assertThat(cluster).hasDeployment("default", "web").hasEvent("ScalingReplicaSet", "to 2 from 3");
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment("default", "web").hasEvent("Scheduled", ""))
                .hasMessage("""
                        Expecting deployment default/web to have an event with reason Scheduled and a message containing "",
                        but none of its 2 events matches.

                        TIME                   TYPE     REASON              OBJECT           MESSAGE
                        2025-01-01T00:00:00Z   Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-d88c78859 to 3
                        2025-01-01T00:00:10Z   Normal   ScalingReplicaSet   deployment/web   Scaled down replica set web-d88c78859 to 2 from 3""");
        assertThat(cluster).hasEvent("default", "Scheduled", "");
    }

    @Test
    void returnToClusterGoesOnWithTheClusterAssertions(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster).hasDeployment("default", "web").isRolledOut().returnToCluster()
                .hasEvent("default", "Started", "Started container nginx");
        assertThatThrownBy(() -> assertThat(cluster.get("deploy", "default", "web").orElseThrow()).asDeployment()
                .returnToCluster()).isInstanceOf(IllegalStateException.class)
                .hasMessage("checking anything beyond the deployment needs the cluster, which a Resource snapshot does"
                        + " not know: start from assertThat(cluster).hasDeployment(namespace, name)");
    }
}
