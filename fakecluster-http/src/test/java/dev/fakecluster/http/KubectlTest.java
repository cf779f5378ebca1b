package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl 1.32 against the server, on a cluster with a virtual clock that the test
 * advances between commands. Skipped where no kubectl is installed.
 */
class KubectlTest {

    static Path kubectlBinary;
    static Path manifests;

    @TempDir
    Path dir;
    Cluster cluster;
    FakeApiServer server;
    Kubectl kubectl;

    @BeforeAll
    static void findKubectl() {
        Optional<Path> found = Kubectl.find();
        assumeTrue(found.isPresent(), "kubectl is not installed on this machine (not on PATH): kubectl tests skipped");
        kubectlBinary = found.get();
        manifests = Path.of(System.getProperty("fakecluster.seed.manifests",
                "../fakecluster-core/src/test/resources/seed/manifests"));
    }

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(42).build();
        // Probe silent watches every 200 ms: kubectl must take the keep-alive newlines in its stride,
        // and a watch whose kubectl was stopped must end soon after.
        server = FakeApiServer.builder().cluster(cluster).watchKeepAlive(Duration.ofMillis(200)).build().start();
        kubectl = new Kubectl(kubectlBinary, server, dir);
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    Kubectl.Result ok(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exitCode()).as("kubectl %s failed: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    String manifest(String name) {
        return manifests.resolve(name).toString();
    }

    @Test
    void versionIsTheServers132() {
        assertThat(ok("version").out()).contains("Server Version: v1.32.0");
    }

    @Test
    void applyGetScaleSetImageRolloutAndDeleteTheTutorialsDeployment() {
        assertThat(ok("apply", "-f", manifest("nginx.v3-replicas3.yaml")).out())
                .isEqualTo("deployment.extensions/nginx-deployment created\n");
        cluster.advance(Duration.ofSeconds(10));

        assertThat(ok("get", "deploy").out()).isEqualTo("""
                NAME               READY   UP-TO-DATE   AVAILABLE   AGE
                nginx-deployment   3/3     3            3           10s
                """);
        assertThat(ok("get", "pods", "-o", "wide").out().lines().findFirst().orElseThrow())
                .matches("NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES");
        String originalHash = cluster.list("rs", "default", null).get(0).json().path("metadata").path("labels")
                .path("pod-template-hash").asText();

        assertThat(ok("scale", "deployment", "nginx-deployment", "--replicas=5").out())
                .isEqualTo("deployment.apps/nginx-deployment scaled\n");
        assertThat(cluster.list("pods", "default", "app=web_server")).hasSize(5);

        assertThat(ok("set", "image", "deployment/nginx-deployment", "nginx=nginx:1.9.1").out())
                .isEqualTo("deployment.apps/nginx-deployment image updated\n");
        cluster.advance(Duration.ofMinutes(2));
        assertThat(ok("rollout", "status", "deployment", "nginx-deployment").out())
                .endsWith("deployment \"nginx-deployment\" successfully rolled out\n");
        assertThat(ok("rollout", "history", "deployment", "nginx-deployment").out())
                .contains("REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n");

        assertThat(ok("rollout", "undo", "deployment", "nginx-deployment").out())
                .isEqualTo("deployment.apps/nginx-deployment rolled back\n");
        cluster.advance(Duration.ofMinutes(2));
        List<Resource> pods = cluster.list("pods", "default", "app=web_server");
        assertThat(pods).hasSize(5).allSatisfy(p -> {
            assertThat(p.json().path("spec").path("containers").get(0).path("image").asText()).isEqualTo("nginx:1.7.9");
            assertThat(p.json().path("metadata").path("labels").path("pod-template-hash").asText())
                    .as("undo reuses the first ReplicaSet").isEqualTo(originalHash);
        });

        assertThat(ok("apply", "-f", manifest("nginx.v3-replicas3.yaml")).out())
                .isEqualTo("deployment.extensions/nginx-deployment configured\n");
        assertThat(ok("delete", "deployment", "nginx-deployment").out())
                .isEqualTo("deployment.apps \"nginx-deployment\" deleted\n");
        Kubectl.Result empty = ok("get", "deploy");
        assertThat(empty.out()).isEmpty();
        assertThat(empty.err()).isEqualTo("No resources found in default namespace.\n");
        assertThat(cluster.list("rs", "default", null)).as("garbage-collected").isEmpty();
    }

    @Test
    void createOutputFormatsAndErrorsFromServer() {
        assertThat(ok("create", "-f", manifest("httpd.v1.yml")).out()).isEqualTo("deployment.apps/httpd created\n");
        Kubectl.Result again = kubectl.run("create", "-f", manifest("httpd.v1.yml"));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("Error from server (AlreadyExists)").contains("deployments.apps \"httpd\" already exists");

        JsonNode json = Bodies.json(ok("get", "deployment", "httpd", "-o", "json").out());
        assertThat(json.path("kind").asText()).isEqualTo("Deployment");
        assertThat(json.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(ok("get", "deployment", "httpd", "-o", "yaml").out()).contains("kind: Deployment\n", "  name: httpd\n");
        assertThat(ok("get", "deployment", "httpd", "-o", "wide").out().lines().findFirst().orElseThrow())
                .matches("NAME +READY +UP-TO-DATE +AVAILABLE +AGE +CONTAINERS +IMAGES +SELECTOR");
        assertThat(ok("get", "pods", "-l", "run=httpd", "-o", "name").out().lines()).hasSize(3)
                .allSatisfy(l -> assertThat(l).startsWith("pod/httpd-"));

        Kubectl.Result missing = kubectl.run("get", "deployment", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error from server (NotFound): deployments.apps \"nope\" not found\n");

        assertThat(ok("delete", "-f", manifest("httpd.v1.yml")).out()).isEqualTo("deployment.apps \"httpd\" deleted\n");
        assertThat(cluster.get("deploy", "default", "httpd")).isEmpty();
    }

    @Test
    void createSubcommandsWorkOverProtobufAndTheDeploymentRollsOut() {
        assertThat(ok("create", "deployment", "web", "--image=nginx", "--replicas=2").out())
                .isEqualTo("deployment.apps/web created\n");
        assertThat(ok("create", "namespace", "team-a").out()).isEqualTo("namespace/team-a created\n");
        assertThat(ok("create", "configmap", "settings", "--from-literal=mode=fast", "--from-literal=empty=").out())
                .isEqualTo("configmap/settings created\n");
        assertThat(ok("create", "secret", "generic", "creds", "--from-literal=password=s3cret").out())
                .isEqualTo("secret/creds created\n");
        assertThat(ok("create", "service", "clusterip", "web", "--tcp=80:8080").out()).isEqualTo("service/web created\n");
        assertThat(ok("create", "job", "once", "--image=busybox", "--", "echo", "hi").out())
                .isEqualTo("job.batch/once created\n");
        cluster.advance(Duration.ofSeconds(10));

        assertThat(ok("rollout", "status", "deployment/web").out()).isEqualTo("deployment \"web\" successfully rolled out\n");
        assertThat(ok("get", "deploy", "web").out()).isEqualTo("""
                NAME   READY   UP-TO-DATE   AVAILABLE   AGE
                web    2/2     2            2           10s
                """);
        assertThat(ok("get", "namespace", "team-a", "-o", "name").out()).isEqualTo("namespace/team-a\n");
        assertThat(ok("get", "configmap", "settings", "-o", "jsonpath={.data}").out()).isEqualTo("{\"empty\":\"\",\"mode\":\"fast\"}");
        assertThat(ok("get", "secret", "creds", "-o", "jsonpath={.data.password}").out()).isEqualTo("czNjcmV0");
        assertThat(ok("get", "service", "web", "-o", "jsonpath={.spec.ports[0].port}:{.spec.ports[0].targetPort}").out())
                .isEqualTo("80:8080");
        assertThat(ok("get", "job", "once", "-o", "jsonpath={.spec.template.spec.containers[0].command}").out())
                .isEqualTo("[\"echo\",\"hi\"]");
        assertThat(cluster.list("pods", "default", "app=web")).hasSize(2);
    }

    @Test
    void aProtobufCreateStoresWhatTheSameCreateInJsonStores() throws IOException {
        ok("create", "namespace", "json");
        List<List<String>> creates = List.of(
                List.of("deployment", "web", "--image=nginx", "--replicas=2", "--port=80"),
                List.of("configmap", "settings", "--from-literal=mode=fast", "--from-literal=empty="),
                List.of("secret", "generic", "creds", "--from-literal=password=s3cret"),
                List.of("service", "clusterip", "web", "--tcp=80:8080"),
                List.of("job", "once", "--image=busybox", "--", "echo", "hi"),
                List.of("cronjob", "nightly", "--image=busybox", "--schedule=0 3 * * *", "--", "date"),
                List.of("serviceaccount", "robot"),
                List.of("poddisruptionbudget", "web", "--selector=app=web", "--min-available=0"));
        for (List<String> create : creates) {
            List<String> args = new ArrayList<>(List.of("create"));
            args.addAll(create);
            String[] protobuf = args.toArray(String[]::new);
            args.addAll(args.indexOf("--") < 0 ? args.size() : args.indexOf("--"), List.of("--dry-run=client", "-o", "json"));
            Path json = Files.writeString(dir.resolve(create.get(0) + ".json"), ok(args.toArray(String[]::new)).out());

            String[] kindAndName = ok(protobuf).out().split(" ")[0].split("/");
            ok("create", "-n", "json", "-f", json.toString());

            Resource fromProtobuf = cluster.get(kindAndName[0], "default", kindAndName[1]).orElseThrow();
            Resource fromJson = cluster.get(kindAndName[0], "json", kindAndName[1]).orElseThrow();
            assertThat(comparable(fromProtobuf)).as(String.join("/", kindAndName)).isEqualTo(comparable(fromJson));
        }
    }

    /** The object without what differs between two creates: identity, times, allocated IPs, status; keys in any order. */
    private static JsonNode comparable(Resource r) {
        ObjectNode o = r.json();
        o.remove("status");
        ((ObjectNode) o.get("metadata")).remove(List.of("namespace", "uid", "resourceVersion", "creationTimestamp"));
        if (o.path("spec").has("clusterIP")) {
            ((ObjectNode) o.get("spec")).remove(List.of("clusterIP", "clusterIPs"));
        }
        return Bodies.json(o.toString().replace(r.uid(), "<uid>"));
    }

    @Test
    void getAllAndEventsAndAllNamespaces() {
        ok("apply", "-f", manifest("nginx.v3-replicas3.yaml"));
        cluster.advance(Duration.ofSeconds(10));

        String all = ok("get", "all").out();
        assertThat(all).contains("pod/nginx-deployment-", "service/kubernetes", "deployment.apps/nginx-deployment   3/3",
                "replicaset.apps/nginx-deployment-");
        String events = ok("get", "events").out();
        assertThat(events.lines().findFirst().orElseThrow()).matches("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE");
        assertThat(events).containsPattern("Normal +ScalingReplicaSet +deployment/nginx-deployment +Scaled up replica set "
                + "nginx-deployment-[a-z0-9]+ to 3");
        String pods = ok("get", "pods", "-A", "--show-labels").out();
        assertThat(pods.lines().findFirst().orElseThrow()).startsWith("NAMESPACE ").endsWith("LABELS");
        assertThat(pods).contains("default     nginx-deployment-").contains("app=web_server,pod-template-hash=");
    }

    @Test
    void logsOfAJobPodAndOfTheInstanceBeforeARestart() {
        ok("apply", "-f", manifest("myjob.v1.yml"));
        ok("apply", "-f", manifest("healthcheck.yml"));
        cluster.advance(Duration.ofSeconds(15));
        String jobPod = cluster.list("pods", "default", "job-name=myjob").get(0).name();

        assertThat(ok("logs", jobPod).out()).isEqualTo("hello k8s Job!\n");
        assertThat(ok("logs", "healthcheck", "--previous").out()).isEmpty();
        Kubectl.Result missing = kubectl.run("logs", "healthcheck", "-c", "nope");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("container nope is not valid for pod healthcheck");
    }

    @Test
    void rolloutStatusFollowsTheRolloutAsTheClockAdvances() {
        ok("apply", "-f", manifest("nginx.v3-replicas3.yaml"));
        cluster.advance(Duration.ofSeconds(10));
        ok("set", "image", "deployment/nginx-deployment", "nginx=nginx:1.9.1");

        Kubectl.Running status = kubectl.start("rollout", "status", "deployment/nginx-deployment");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status.out().contains("Waiting for deployment"));
        for (int i = 0; i < 12 && status.process().isAlive(); i++) {
            cluster.advance(Duration.ofSeconds(10));
        }
        Kubectl.Result done = status.await();

        assertThat(done.exitCode()).isZero();
        assertThat(done.out()).startsWith("Waiting for deployment \"nginx-deployment\" rollout to finish: ")
                .endsWith("deployment \"nginx-deployment\" successfully rolled out\n");
    }

    @Test
    void getWatchPrintsARowPerChange() {
        ok("apply", "-f", manifest("nginx.v3-replicas3.yaml"));
        cluster.advance(Duration.ofSeconds(10));

        Kubectl.Running watch = kubectl.start("get", "deploy", "-w");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.out().contains("nginx-deployment   3/3"));
            cluster.scale("deploy", "default", "nginx-deployment", 4);
            cluster.advance(Duration.ofSeconds(10));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.out().contains("nginx-deployment   4/4"));
            assertThat(watch.out().lines().findFirst().orElseThrow()).startsWith("NAME ");
            assertThat(watch.out().lines().filter(l -> l.startsWith("NAME")).count()).as("headers once").isEqualTo(1);
        } finally {
            watch.stop();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.openWatches() == 0);
    }

    @Test
    void serverSideApplyCreatesUpdatesPrunesAndConflictsWithScale() throws java.io.IOException {
        Path file = dir.resolve("web.yaml");
        String web = ServerSideApplyTest.WEB.replace("  replicas: 2\n", "  replicas: 2\n  minReadySeconds: 5\n");
        java.nio.file.Files.writeString(file, web);
        assertThat(ok("apply", "--server-side", "-f", file.toString()).out())
                .isEqualTo("deployment.apps/web serverside-applied\n");
        assertThat(ok("get", "deploy", "web", "-o", "yaml").out()).doesNotContain("managedFields").contains("uid: ");
        assertThat(ok("get", "deploy", "web", "-o", "yaml", "--show-managed-fields").out())
                .contains("manager: kubectl\n", "operation: Apply\n", "f:minReadySeconds: {}");

        java.nio.file.Files.writeString(file, ServerSideApplyTest.WEB.replace("nginx:1.25", "nginx:1.27"));
        ok("apply", "--server-side", "-f", file.toString());
        JsonNode applied = cluster.get("deploy", "default", "web").orElseThrow().json();
        assertThat(applied.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
        assertThat(applied.path("spec").has("minReadySeconds")).as("no longer applied: removed").isFalse();

        ok("scale", "deployment", "web", "--replicas=4");
        Kubectl.Result conflict = kubectl.run("apply", "--server-side", "-f", file.toString());
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).contains("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource "
                + "\"scale\" using apps/v1: .spec.replicas");
        assertThat(cluster.get("deploy", "default", "web").orElseThrow().json().at("/spec/replicas").asInt()).isEqualTo(4);

        assertThat(ok("apply", "--server-side", "--dry-run=server", "--force-conflicts", "-f", file.toString()).out())
                .isEqualTo("deployment.apps/web serverside-applied (server dry run)\n");
        assertThat(cluster.get("deploy", "default", "web").orElseThrow().json().at("/spec/replicas").asInt()).isEqualTo(4);
        ok("apply", "--server-side", "--force-conflicts", "-f", file.toString());
        assertThat(cluster.get("deploy", "default", "web").orElseThrow().json().at("/spec/replicas").asInt()).isEqualTo(2);
    }
}
