package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's rolling update and rollback chapters (seed BEHAVIOURS.md sections B and H): the
 * bootcamp app on a one-node minikube, httpd replaced one pod at a time, recorded revisions and
 * undo to a revision.
 */
class RolloutTutorialTest {

    private static final Duration ROLLOUT = Duration.ofMinutes(1);

    /** What {@code kubectl create deployment kubernetes-bootcamp --image=... --port=8080} sends. */
    private static final String BOOTCAMP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: kubernetes-bootcamp
              labels: {app: kubernetes-bootcamp}
            spec:
              replicas: 1
              selector:
                matchLabels: {app: kubernetes-bootcamp}
              template:
                metadata:
                  labels: {app: kubernetes-bootcamp}
                spec:
                  containers:
                  - name: kubernetes-bootcamp
                    image: docker.io/jocatalin/kubernetes-bootcamp:v1
                    ports: [{containerPort: 8080}]
            """;

    private static List<String> hashes(Cluster cluster, String selector) {
        return cluster.list("pods", "default", selector).stream().filter(p -> p.deletionTimestamp().isEmpty())
                .map(p -> p.labels().get("pod-template-hash")).distinct().toList();
    }

    @Test
    void bootcampScalesRollsOutAndUndoesBackToTheOriginalReplicaSet() {
        try (Cluster cluster = Cluster.builder().nodes("minikube").build()) {
            cluster.apply(BOOTCAMP);
            cluster.advance(ROLLOUT);
            assertThat(cluster.table("deployments", "default")).contains("kubernetes-bootcamp   1/1     1            1");
            String v1 = hashes(cluster, "app=kubernetes-bootcamp").get(0);

            cluster.scale("deployments", "default", "kubernetes-bootcamp", 3);
            cluster.advance(ROLLOUT);
            assertThat(cluster.list("pods", "default", null)).hasSize(3)
                    .allSatisfy(p -> assertThat(p.field("spec.nodeName")).contains("minikube"));
            List<String> three = cluster.list("pods", "default", null).stream().map(Resource::name).toList();

            cluster.scale("deployments", "default", "kubernetes-bootcamp", 2);
            cluster.advance(ROLLOUT);
            assertThat(cluster.list("pods", "default", null)).hasSize(2).extracting(Resource::name).isSubsetOf(three);

            cluster.setImage("default", "kubernetes-bootcamp", "kubernetes-bootcamp", "jocatalin/kubernetes-bootcamp:v2");
            cluster.advance(ROLLOUT);
            assertThat(hashes(cluster, null)).hasSize(1).doesNotContain(v1);
            assertThat(cluster.list("pods", "default", null)).hasSize(2)
                    .allSatisfy(p -> assertThat(p.field("spec.containers[0].image")).contains("jocatalin/kubernetes-bootcamp:v2"));

            assertThat(cluster.rollback("default", "kubernetes-bootcamp", 0))
                    .isEqualTo("deployment.apps/kubernetes-bootcamp rolled back");
            cluster.advance(ROLLOUT);
            assertThat(hashes(cluster, null)).containsExactly(v1);
            Resource original = cluster.get("rs", "default", "kubernetes-bootcamp-" + v1).orElseThrow();
            assertThat(original.annotations()).containsEntry("deployment.kubernetes.io/revision", "3")
                    .containsEntry("deployment.kubernetes.io/revision-history", "1");
        }
    }

    @Test
    void httpdIsReplacedOnePodAtATimeWithTheControllersEvents() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("httpd.ch7-2.2.31.yml"));
            cluster.advance(ROLLOUT);
            String oldRs = cluster.list("rs", "default", null).get(0).name();

            cluster.apply(Seed.manifest("httpd.ch7-2.2.32.yml"));
            cluster.advance(ROLLOUT);

            assertThat(cluster.table("deployments", "default")).contains("httpd   3/3     3            3");
            Resource deployment = cluster.get("deploy", "default", "httpd").orElseThrow();
            assertThat(deployment.annotations()).containsEntry("deployment.kubernetes.io/revision", "2");
            String newRs = cluster.list("rs", "default", null).stream().map(Resource::name)
                    .filter(n -> !n.equals(oldRs)).findFirst().orElseThrow();
            assertThat(cluster.table("rs", "default")).contains(newRs + "   3         3         3")
                    .contains(oldRs + "   0         0         0");
            assertThat(cluster.events("default").stream().filter(e -> e.field("reason").orElse("").equals("ScalingReplicaSet"))
                    .map(e -> e.field("message").orElseThrow())).containsExactly(
                    "Scaled up replica set " + oldRs + " to 3",
                    "Scaled up replica set " + newRs + " to 1",
                    "Scaled down replica set " + oldRs + " to 2 from 3",
                    "Scaled up replica set " + newRs + " to 2 from 1",
                    "Scaled down replica set " + oldRs + " to 1 from 2",
                    "Scaled up replica set " + newRs + " to 3 from 2",
                    "Scaled down replica set " + oldRs + " to 0 from 1");
            assertThat(cluster.list("pods", "default", null)).extracting(Resource::creationTimestamp)
                    .doesNotHaveDuplicates().hasSize(3);
        }
    }

    private static String recorded(String file) {
        return Seed.manifest(file).replace("  name: httpd\n", "  name: httpd\n  annotations:\n"
                + "    kubernetes.io/change-cause: kubectl apply --filename=" + file + " --record=true\n");
    }

    private static Map<String, String> history(Cluster cluster) {
        Map<String, String> history = new TreeMap<>();
        for (Resource rs : cluster.list("rs", "default", null)) {
            history.put(rs.annotations().get("deployment.kubernetes.io/revision"),
                    rs.annotations().getOrDefault("kubernetes.io/change-cause", "<none>"));
        }
        return history;
    }

    @Test
    void recordedRevisionsMidRolloutStatusAndUndoToRevisionOne() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(recorded("httpd.v1.yml"));
            cluster.advance(ROLLOUT);
            assertThat(cluster.table("deployments", "default")).contains("httpd   3/3     3            3");

            cluster.apply(recorded("httpd.v2.yml"));
            assertThat(cluster.table("deployments", "default")).contains("httpd   3/3     1            3");
            assertThat(cluster.list("pods", "default", null)).hasSize(4);

            cluster.apply(recorded("httpd.v3.yml"));
            assertThat(cluster.table("deployments", "default")).contains("httpd   3/3     1            3");
            cluster.advance(ROLLOUT);
            assertThat(cluster.list("pods", "default", null)).hasSize(3)
                    .allSatisfy(p -> assertThat(p.field("spec.containers[0].image")).contains("httpd:2.4.18"));
            assertThat(history(cluster)).containsExactly(
                    Map.entry("1", "kubectl apply --filename=httpd.v1.yml --record=true"),
                    Map.entry("2", "kubectl apply --filename=httpd.v2.yml --record=true"),
                    Map.entry("3", "kubectl apply --filename=httpd.v3.yml --record=true"));

            assertThat(cluster.rollback("default", "httpd", 1)).isEqualTo("deployment.apps/httpd rolled back");
            cluster.advance(ROLLOUT);

            assertThat(cluster.table("deployments", "default")).contains("httpd   3/3     3            3");
            assertThat(cluster.list("pods", "default", null)).hasSize(3)
                    .allSatisfy(p -> assertThat(p.field("spec.containers[0].image")).contains("httpd:2.4.16"));
            assertThat(history(cluster)).containsExactly(
                    Map.entry("2", "kubectl apply --filename=httpd.v2.yml --record=true"),
                    Map.entry("3", "kubectl apply --filename=httpd.v3.yml --record=true"),
                    Map.entry("4", "kubectl apply --filename=httpd.v1.yml --record=true"));
            assertThat(cluster.get("deploy", "default", "httpd").orElseThrow().annotations())
                    .containsEntry("kubernetes.io/change-cause", "kubectl apply --filename=httpd.v1.yml --record=true");
        }
    }
}
