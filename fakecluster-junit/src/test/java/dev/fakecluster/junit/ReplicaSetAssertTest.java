package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@FakeCluster(manifests = "manifests/web.yaml")
class ReplicaSetAssertTest {

    @Test
    void theReplicaSetOfAFinishedRolloutPassesEveryCheck(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster).hasReplicaSet("default", "web-d88c78859").isOwnedByDeployment("web")
                .hasTemplateHash("d88c78859").hasImage("nginx:1.25").hasRevision(1)
                .hasDesiredReplicas(3).hasReplicas(3).hasReadyReplicas(3).hasAvailableReplicas(3);
    }

    @Test
    void countsNameTheFieldAndShowTheReplicaSetAndItsPods(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasReadyReplicas(3))
                .hasMessage("""
                        Expecting replica set default/web-d88c78859 to have 3 ready replicas,
                        but it has 0.

                        NAME            DESIRED   CURRENT   READY   AGE
                        web-d88c78859   3         3         0       0s

                        NAME                  READY   STATUS              RESTARTS   AGE
                        web-d88c78859-gnkjx   0/1     ContainerCreating   0          0s
                        web-d88c78859-j8lkb   0/1     ContainerCreating   0          0s
                        web-d88c78859-vf4pr   0/1     ContainerCreating   0          0s""");
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasAvailableReplicas(3))
                .hasMessageStartingWith("Expecting replica set default/web-d88c78859 to have 3 available replicas,\nbut it has 0.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasReplicas(2))
                .hasMessageStartingWith("Expecting replica set default/web-d88c78859 to have 2 current replicas,\nbut it has 3.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasDesiredReplicas(5))
                .hasMessageStartingWith("Expecting replica set default/web-d88c78859 to have 5 desired replicas,\nbut it has 3.\n");
    }

    @Test
    void ownerHashImageAndRevisionFailuresNameWhatTheReplicaSetHas(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web-d88c78859").isOwnedByDeployment("api"))
                .hasMessageStartingWith("Expecting replica set default/web-d88c78859 to be owned by deployment api,\n"
                        + "but it is owned by Deployment/web.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasTemplateHash("7989497b58"))
                .hasMessageStartingWith("Expecting replica set default/web-d88c78859 to have template hash 7989497b58,\n"
                        + "but its hash is d88c78859.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasImage("nginx:1.26"))
                .hasMessageStartingWith("Expecting replica set default/web-d88c78859 to run image nginx:1.26,\n"
                        + "but its containers run nginx:1.25.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasRevision(2))
                .hasMessageStartingWith("Expecting replica set default/web-d88c78859 to hold revision 2,\n"
                        + "but it holds revision 1.\n");
    }

    @Test
    void aMissingReplicaSetFailsShowingTheNamespacesReplicaSets(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasReplicaSet("default", "web")).hasMessage("""
                Expecting replica set default/web to exist,
                but there is no such replica set.

                NAME            DESIRED   CURRENT   READY   AGE
                web-d88c78859   3         3         0       0s""");
    }

    @Test
    void aReplicaSetSnapshotShowsItsStatus(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster.list("rs", "default", "app=web").get(0)).asReplicaSet()
                .hasReadyReplicas(3))
                .hasMessage("Expecting replica set default/web-d88c78859 to have 3 ready replicas,\nbut it has 0.\n\n"
                        + "status: {\"replicas\":3,\"fullyLabeledReplicas\":3,\"observedGeneration\":1}");
    }
}
