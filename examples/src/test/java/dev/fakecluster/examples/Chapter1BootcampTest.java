package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.livePods;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Reply;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chapter 1 (BEHAVIOURS.md B): the Kubernetes Basics tutorial on a one-node minikube. The bootcamp
 * app is deployed, exposed on a NodePort, scaled up and down, updated to v2 and rolled back.
 */
@FakeCluster(nodes = "minikube", manifests = "kubernetes-bootcamp.yaml")
class Chapter1BootcampTest {

    private static final String DEPLOYMENT = "kubernetes-bootcamp";

    private String url;

    @BeforeEach
    void exposeTheApp(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));
        String nodePort = cluster.get("svc", "default", DEPLOYMENT).orElseThrow().field("spec.ports[0].nodePort").orElseThrow();
        url = "http://minikube:" + nodePort;                     // curl minikube:30753
    }

    @Test
    void theAppRunsOneReplicaAndAnswersOnTheNodePortWithItsPodName(Cluster cluster) {
        // "kubectl get deployments -> kubernetes-bootcamp 1/1 1 1", then "curl minikube:30753"
        assertThat(cluster).hasDeployment("default", DEPLOYMENT).isRolledOut().hasAvailableReplicas(1);
        Resource pod = livePods(cluster, "default", "app=" + DEPLOYMENT).get(0);

        Reply reply = cluster.http().get(url);

        assertThat(reply).hasStatus(200).wasAnsweredByPodStartingWith(pod.name())
                .hasBodyContaining("Hello Kubernetes bootcamp! | Running on: " + pod.name() + " | v=1\n");
    }

    @Test
    void scalingToThreeReplicasSpreadsRequestsOverEveryPod(Cluster cluster) {
        // "kubectl scale deployments/kubernetes-bootcamp --replicas=3" ... "each curl reaches a different pod"
        cluster.scale("deployments", "default", DEPLOYMENT, 3);
        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster).hasDeployment("default", DEPLOYMENT).isRolledOut().hasAvailableReplicas(3)
                .returnToCluster().hasService("default", DEPLOYMENT).hasReadyEndpointCount(3)
                .routes(30, "/").allWithStatus(200).acrossAtLeast(3);         // what curl on the node port reaches
    }

    @Test
    void scalingDownToTwoDeletesOnePodAndKeepsTheOthers(Cluster cluster) {
        // "kubectl scale deployments/kubernetes-bootcamp --replicas=2" ... "only 2 replicas left, 1/1 Running 0"
        cluster.scale("deployments", "default", DEPLOYMENT, 3);
        cluster.advance(Duration.ofSeconds(10));
        List<String> three = names(livePods(cluster, "default", null));

        cluster.scale("deployments", "default", DEPLOYMENT, 2);
        cluster.advance(Duration.ofSeconds(10));

        List<Resource> two = cluster.list("pods", "default", null);
        assertThat(names(two)).hasSize(2).isSubsetOf(three);
        for (Resource pod : two) {
            assertThat(cluster).hasPod("default", pod.name()).isReady().hasStatus("Running").hasRestartCount(0);
        }
    }

    @Test
    void setImageRollsOutV2AndUndoBringsBackTheOriginalReplicaSet(Cluster cluster) {
        // "kubectl set image ... kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2", "kubectl rollout undo", "curl ... | v=1"
        String v1 = cluster.list("replicasets", "default", null).get(0).name();

        cluster.setImage("default", DEPLOYMENT, DEPLOYMENT, "jocatalin/kubernetes-bootcamp:v2");
        cluster.advance(Duration.ofSeconds(30));
        assertThat(cluster).hasDeployment("default", DEPLOYMENT).isRolledOut().hasRevision(2)
                .hasImage("jocatalin/kubernetes-bootcamp:v2");
        assertThat(cluster.http().get(url)).hasBodyContaining(" | v=2");

        assertThat(cluster.rollback("default", DEPLOYMENT, 0)).isEqualTo("deployment.apps/kubernetes-bootcamp rolled back");
        cluster.advance(Duration.ofSeconds(30));

        assertThat(cluster).hasDeployment("default", DEPLOYMENT).isRolledOut().hasRevision(3)
                .hasImage("docker.io/jocatalin/kubernetes-bootcamp:v1");
        assertThat(cluster).hasReplicaSet("default", v1).hasRevision(3).hasReadyReplicas(1);   // the original, brought back
        assertThat(cluster.http().get(url)).hasBodyContaining(" | v=1");
    }

    private static List<String> names(List<Resource> pods) {
        return pods.stream().map(Resource::name).toList();
    }
}
