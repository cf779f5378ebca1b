package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.hashOf;
import static dev.fakecluster.examples.Tutorial.livePods;
import static dev.fakecluster.examples.Tutorial.row;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Reply;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

        assertThat(reply.body()).isEqualTo("Hello Kubernetes bootcamp! | Running on: " + pod.name() + " | v=1\n");
    }

    @Test
    void scalingToThreeReplicasSpreadsRequestsOverEveryPod(Cluster cluster) {
        // "kubectl scale deployments/kubernetes-bootcamp --replicas=3" ... "each curl reaches a different pod"
        cluster.scale("deployments", "default", DEPLOYMENT, 3);
        cluster.advance(Duration.ofSeconds(10));

        Set<String> answeredBy = new TreeSet<>();
        for (int i = 0; i < 30; i++) {
            answeredBy.add(cluster.http().get(url).pod());
        }

        assertThat(cluster).hasDeployment("default", DEPLOYMENT).isRolledOut().hasAvailableReplicas(3);
        assertThat(answeredBy).containsExactlyInAnyOrderElementsOf(names(livePods(cluster, "default", null)));
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
        assertThat(two).allSatisfy(pod -> assertThat(row(cluster, "default", pod.name())).isEqualTo("1/1 Running 0"));
    }

    @Test
    void setImageRollsOutV2AndUndoBringsBackTheOriginalReplicaSet(Cluster cluster) {
        // "kubectl set image ... kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2", "kubectl rollout undo", "curl ... | v=1"
        String v1 = hashOf(livePods(cluster, "default", null).get(0));

        cluster.setImage("default", DEPLOYMENT, DEPLOYMENT, "jocatalin/kubernetes-bootcamp:v2");
        cluster.advance(Duration.ofSeconds(30));
        assertThat(cluster).hasDeployment("default", DEPLOYMENT).isRolledOut().hasRevision(2);
        assertThat(cluster.http().get(url).body()).endsWith(" | v=2\n");

        assertThat(cluster.rollback("default", DEPLOYMENT, 0)).isEqualTo("deployment.apps/kubernetes-bootcamp rolled back");
        cluster.advance(Duration.ofSeconds(30));

        assertThat(cluster).hasDeployment("default", DEPLOYMENT).isRolledOut().hasRevision(3);
        assertThat(livePods(cluster, "default", null)).extracting(Tutorial::hashOf).containsExactly(v1);
        assertThat(cluster.http().get(url).body()).endsWith(" | v=1\n");
    }

    private static List<String> names(List<Resource> pods) {
        return pods.stream().map(Resource::name).toList();
    }
}
