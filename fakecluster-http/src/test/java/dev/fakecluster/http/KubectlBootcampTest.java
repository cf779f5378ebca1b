package dev.fakecluster.http;

import static dev.fakecluster.http.KubectlSession.fields;
import static dev.fakecluster.http.KubectlSession.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial's chapter 1 (kubernetes-bootcamp) with kubectl 1.32: {@code run} (a bare Pod
 * today), {@code create deployment}, {@code expose}, {@code scale}, {@code set image},
 * {@code rollout status / history / undo}, {@code get -w}; the printed output checked as a real
 * cluster prints it (BEHAVIOURS.md B and J).
 */
class KubectlBootcampTest {

    private static final String V1 = "docker.io/jocatalin/kubernetes-bootcamp:v1";

    @TempDir
    Path dir;
    KubectlSession k;

    @BeforeEach
    void start() {
        k = KubectlSession.start(dir);
    }

    @AfterEach
    void stop() {
        k.close();
    }

    @Test
    void runCreatesABarePodAndNoLongerTakesReplicas() {
        assertThat(k.out("run", "kubernetes-bootcamp", "--image=" + V1, "--port=8080"))
                .isEqualTo("pod/kubernetes-bootcamp created\n");
        k.advance(Duration.ofSeconds(10));

        assertThat(k.out("get", "pods")).isEqualTo(table(
                "NAME  READY  STATUS  RESTARTS  AGE",
                "kubernetes-bootcamp  1/1  Running  0  10s"));
        assertThat(k.out("get", "pods", "-o", "wide")).isEqualTo(table(
                "NAME  READY  STATUS  RESTARTS  AGE  IP  NODE  NOMINATED NODE  READINESS GATES",
                "kubernetes-bootcamp  1/1  Running  0  10s  " + k.field("kubernetes-bootcamp", "status.podIP") + "  "
                        + k.field("kubernetes-bootcamp", "spec.nodeName") + "  <none>  <none>"));
        assertThat(k.out("get", "pods", "--show-labels")).isEqualTo(table(
                "NAME  READY  STATUS  RESTARTS  AGE  LABELS",
                "kubernetes-bootcamp  1/1  Running  0  10s  run=kubernetes-bootcamp"));
        assertThat(k.out("get", "deployments", "-o", "name")).isEmpty();

        assertThat(k.fails("run", "nginx-deployment", "--image=nginx:1.7.9", "--replicas=2"))
                .isEqualTo("Error: unknown flag: --replicas\nSee 'kubectl run --help' for usage.\n");
    }

    @Test
    void createDeploymentExposeAsNodePortAndScaleUpAndDown() {
        assertThat(k.out("create", "deployment", "kubernetes-bootcamp", "--image=" + V1, "--port=8080"))
                .isEqualTo("deployment.apps/kubernetes-bootcamp created\n");
        k.advance(Duration.ofSeconds(10));
        String original = k.pods("app=kubernetes-bootcamp").get(0);
        assertThat(k.out("get", "deployments")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE",
                "kubernetes-bootcamp  1/1  1  1  10s"));

        assertThat(k.out("expose", "deployment/kubernetes-bootcamp", "--type=NodePort", "--port", "8080"))
                .isEqualTo("service/kubernetes-bootcamp exposed\n");
        assertThat(k.out("expose", "deployment", "kubernetes-bootcamp", "--name=bootcamp-web", "--port=80",
                "--target-port=8080")).isEqualTo("service/bootcamp-web exposed\n");
        k.advance(Duration.ofSeconds(5));
        String nodePort = service("kubernetes-bootcamp", "spec.ports[0].nodePort");
        assertThat(Integer.parseInt(nodePort)).isBetween(30000, 32767);
        assertThat(k.out("get", "services", "-o", "wide")).isEqualTo(table(
                "NAME  TYPE  CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE  SELECTOR",
                "bootcamp-web  ClusterIP  " + service("bootcamp-web", "spec.clusterIP") + "  <none>  80/TCP  5s"
                        + "  app=kubernetes-bootcamp",
                "kubernetes  ClusterIP  10.1.0.1  <none>  443/TCP  15s  <none>",
                "kubernetes-bootcamp  NodePort  " + service("kubernetes-bootcamp", "spec.clusterIP") + "  <none>  8080:"
                        + nodePort + "/TCP  5s  app=kubernetes-bootcamp"));
        assertThat(fields(k.out("describe", "service", "bootcamp-web"))).contains("Selector: app=kubernetes-bootcamp\n",
                "Type: ClusterIP\n", "Port: <unset>  80/TCP\n", "TargetPort: 8080/TCP\n",
                "Endpoints: " + k.field(original, "status.podIP") + ":8080\n");

        assertThat(k.out("scale", "deployments/kubernetes-bootcamp", "--replicas=3"))
                .isEqualTo("deployment.apps/kubernetes-bootcamp scaled\n");
        k.advance(Duration.ofSeconds(10));
        List<String> three = k.pods("app=kubernetes-bootcamp");
        assertThat(three).hasSize(3).contains(original);
        assertThat(k.out("get", "pods")).isEqualTo(table("NAME  READY  STATUS  RESTARTS  AGE",
                three.stream().map(p -> p + "  1/1  Running  0  " + (p.equals(original) ? "25s" : "10s")).toList()));

        assertThat(k.out("scale", "deployments/kubernetes-bootcamp", "--replicas=2"))
                .isEqualTo("deployment.apps/kubernetes-bootcamp scaled\n");
        assertThat(k.out("get", "pods")).as("the pod going away terminates first").contains("   Terminating   ");
        k.advance(Duration.ofSeconds(40));
        List<String> two = k.pods("app=kubernetes-bootcamp");
        assertThat(three).containsAll(two);
        assertThat(k.out("get", "pods")).isEqualTo(table("NAME  READY  STATUS  RESTARTS  AGE",
                two.stream().map(p -> p + "  1/1  Running  0  " + (p.equals(original) ? "65s" : "50s")).toList()));
        assertThat(k.out("get", "deploy", "kubernetes-bootcamp")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE",
                "kubernetes-bootcamp  2/2  2  2  65s"));
    }

    @Test
    void setImageRollsOutAndUndoToRevisionOneReusesTheFirstReplicaSet() {
        k.out("create", "deployment", "kubernetes-bootcamp", "--image=" + V1, "--port=8080", "--replicas=2");
        k.advance(Duration.ofSeconds(10));
        String v1 = "kubernetes-bootcamp-" + hash();

        assertThat(k.out("set", "image", "deployments/kubernetes-bootcamp",
                "kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2"))
                .isEqualTo("deployment.apps/kubernetes-bootcamp image updated\n");
        Kubectl.Running status = k.kubectl.start("rollout", "status", "deployments/kubernetes-bootcamp");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status.out().contains("Waiting for deployment"));
        for (int i = 0; i < 6; i++) {
            k.advance(Duration.ofSeconds(5));
        }
        Kubectl.Result done = status.await();
        assertThat(done.exitCode()).isZero();
        assertThat(done.out()).startsWith("Waiting for deployment \"kubernetes-bootcamp\" rollout to finish: "
                        + "1 out of 2 new replicas have been updated...\n")
                .endsWith("deployment \"kubernetes-bootcamp\" successfully rolled out\n");
        String v2 = "kubernetes-bootcamp-" + hash();
        assertThat(v2).isNotEqualTo(v1);

        assertThat(k.out("rollout", "history", "deployments/kubernetes-bootcamp")).isEqualTo("""
                deployment.apps/kubernetes-bootcamp\s
                REVISION  CHANGE-CAUSE
                1         <none>
                2         <none>

                """);
        assertThat(k.out("rollout", "history", "deployments/kubernetes-bootcamp", "--revision=2"))
                .startsWith("deployment.apps/kubernetes-bootcamp with revision #2\nPod Template:\n")
                .contains("pod-template-hash=" + v2.substring(v2.lastIndexOf('-') + 1) + "\n",
                        "Image:\tjocatalin/kubernetes-bootcamp:v2\n");
        assertThat(k.out("get", "rs", "-o", "wide")).isEqualTo(table(
                "NAME  DESIRED  CURRENT  READY  AGE  CONTAINERS  IMAGES  SELECTOR", List.of(
                        v1 + "  0  0  0  40s  kubernetes-bootcamp  " + V1 + "  " + selector(v1),
                        v2 + "  2  2  2  30s  kubernetes-bootcamp  jocatalin/kubernetes-bootcamp:v2  " + selector(v2))));

        assertThat(k.fails("rollout", "undo", "deployments/kubernetes-bootcamp", "--to-revision=9"))
                .isEqualTo("error: unable to find specified revision 9 in history\n");
        assertThat(k.out("rollout", "undo", "deployments/kubernetes-bootcamp", "--to-revision=1"))
                .isEqualTo("deployment.apps/kubernetes-bootcamp rolled back\n");
        k.advance(Duration.ofMinutes(1));
        assertThat("kubernetes-bootcamp-" + hash()).as("undo brings the v1 template, and its hash, back").isEqualTo(v1);
        assertThat(k.out("rollout", "history", "deployments/kubernetes-bootcamp")).isEqualTo("""
                deployment.apps/kubernetes-bootcamp\s
                REVISION  CHANGE-CAUSE
                2         <none>
                3         <none>

                """);
        assertThat(k.out("get", "deploy", "-o", "wide")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE  CONTAINERS  IMAGES  SELECTOR",
                "kubernetes-bootcamp  2/2  2  2  100s  kubernetes-bootcamp  " + V1 + "  app=kubernetes-bootcamp"));
    }

    @Test
    void getWatchPrintsARowForEveryChangeOfAPodAsItStarts() {
        k.out("create", "deployment", "kubernetes-bootcamp", "--image=" + V1);
        k.advance(Duration.ofSeconds(10));
        String first = k.pods("app=kubernetes-bootcamp").get(0);

        Kubectl.Running watch = k.kubectl.start("get", "pods", "-l", "app=kubernetes-bootcamp", "-w");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.out().contains(first));
            k.out("scale", "deployment", "kubernetes-bootcamp", "--replicas=2");
            k.advance(Duration.ofSeconds(10));
            String second = k.pods("app=kubernetes-bootcamp").stream().filter(p -> !p.equals(first)).findFirst().orElseThrow();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.out().contains(second + "   1/1"));

            // kubectl keeps the widths it has printed with: the STATUS column only grows.
            assertThat(watch.out()).isEqualTo(table(
                    "NAME  READY  STATUS  RESTARTS  AGE",
                    first + "  1/1  Running  0  10s")
                    + second + "   0/1     Pending   0          0s\n"
                    + second + "   0/1     Pending   0          0s\n"
                    + second + "   0/1     ContainerCreating   0          0s\n"
                    + second + "   1/1     Running             0          2s\n");
        } finally {
            watch.stop();
        }
    }

    private String service(String name, String path) {
        return k.cluster.get("svc", "default", name).orElseThrow().field(path).orElseThrow();
    }

    private String hash() {
        return k.cluster.get("pods", "default", k.pods("app=kubernetes-bootcamp").get(0)).orElseThrow().labels()
                .get("pod-template-hash");
    }

    private static String selector(String replicaSet) {
        return "app=kubernetes-bootcamp,pod-template-hash=" + replicaSet.substring(replicaSet.lastIndexOf('-') + 1);
    }
}
