package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@FakeCluster(manifests = "manifests/web.yaml")
class ClusterAssertTest {

    @Test
    void aMissingObjectFailsShowingWhatTheNamespaceHas(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasDeployment(null, "api")).hasMessage("""
                Expecting deployment default/api to exist,
                but there is no such deployment.

                NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                web    0/3     3            0           0s""");
        assertThatThrownBy(() -> assertThat(cluster).hasPod("shop", "web")).hasMessage("""
                Expecting pod shop/web to exist,
                but there is no such pod.

                No resources found in shop namespace.""");
        assertThatThrownBy(() -> assertThat(cluster).hasJob("default", "web"))
                .hasMessageStartingWith("Expecting job default/web to exist,\nbut there is no such job.\n");
    }

    @Test
    void hasEventMatchesReasonAndPartOfTheMessage(Cluster cluster) {
        assertThat(cluster).hasEvent("default", "ScalingReplicaSet", "Scaled up replica set web-")
                .hasEvent(null, "Scheduled", "to node3");
    }

    @Test
    void hasEventFailsListingTheLastEvents(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(2));

        int events = cluster.events("default").size();
        assertThatThrownBy(() -> assertThat(cluster).hasEvent("default", "ScalingReplicaSet", "to 5"))
                .hasMessageStartingWith("""
                        Expecting an event in namespace default with reason ScalingReplicaSet and a message containing "to 5",
                        but none of the %d events there matches.

                        TIME                   TYPE     REASON              OBJECT                     MESSAGE
                        2025-01-01T00:00:00Z   Normal   ScalingReplicaSet   deployment/web             Scaled up replica set web-d88c78859 to 3
                        """.formatted(events))
                .hasMessageContaining("Normal   Started             pod/web-d88c78859-j8lkb    Started container nginx");
        assertThatThrownBy(() -> assertThat(cluster).hasEvent("shop", "BackOff", ""))
                .hasMessage("Expecting an event in namespace shop with reason BackOff and a message containing \"\",\n"
                        + "but there are no events.");
        assertThatThrownBy(() -> assertThat(cluster).hasEvent(null, "BackOff", ""))
                .hasMessageStartingWith("Expecting an event in any namespace with reason BackOff and a message"
                        + " containing \"\",\nbut none of the " + events + " events there matches.\n\n"
                        + "NAMESPACE   TIME                   TYPE     REASON ");
    }

    @Test
    void aResourceIsCheckedByItsKind(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));
        Resource web = cluster.get("deploy", "default", "web").orElseThrow();

        assertThat(web).asDeployment().isRolledOut();
        assertThat(cluster.list("pods", "default", "app=web")).allSatisfy(pod -> assertThat(pod).asPod().isReady());
        assertThatThrownBy(() -> assertThat(web).asPod()).hasMessage("""
                Expecting Deployment default/web to be a Pod,
                but it is a Deployment.""");
        assertThatThrownBy(() -> assertThat(web).as("web").asJob()).hasMessageStartingWith("[web] Expecting Deployment");
        assertThatThrownBy(() -> assertThat(web).as("web").asDeployment().hasRevision(2))
                .hasMessageStartingWith("[web] Expecting deployment default/web to be at revision 2,");
    }

    @Test
    void everyKindsAssertionLeadsBackToTheCluster(Cluster cluster) {
        cluster.advance(java.time.Duration.ofSeconds(10));
        String replicaSet = cluster.list("replicasets", "default", null).get(0).name();

        assertThat(cluster).hasReplicaSet("default", replicaSet).returnToCluster()
                .hasNode("node2").isReady().returnToCluster()
                .hasDeployment("default", "web").isRolledOut();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertThat(cluster.get("node", null, "node2").orElseThrow())
                        .asNode().returnToCluster())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("checking anything beyond the node needs the cluster, which a Resource snapshot does"
                        + " not know: start from assertThat(cluster).hasNode(name)");
    }
}
