package dev.fakecluster.http;

import static dev.fakecluster.http.KubectlSession.fields;
import static dev.fakecluster.http.KubectlSession.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial's chapter 5 with manifests and kubectl 1.32: {@code apply -f} and {@code delete -f}
 * in another namespace, scaling by re-applying, {@code get} with {@code -n}, {@code -o wide},
 * {@code -A}, {@code get all}, and {@code describe deployment / pod} (BEHAVIOURS.md C, D).
 */
class KubectlApplyTest {

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
    void applyAndDeleteAManifestInKubePublic() {
        assertThat(k.out("apply", "-f", k.manifest("nginx.v1-kube-public.yaml")))
                .isEqualTo("deployment.extensions/nginx-deployment created\n");
        k.advance(Duration.ofSeconds(10));
        String rs = k.cluster.list("rs", "kube-public", null).get(0).name();
        List<String> pods = k.cluster.list("pods", "kube-public", null).stream().map(Resource::name).toList();

        assertThat(k.out("get", "deployment", "-n", "kube-public")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE",
                "nginx-deployment  2/2  2  2  10s"));
        assertThat(k.out("get", "replicaset", "-n", "kube-public")).isEqualTo(table(
                "NAME  DESIRED  CURRENT  READY  AGE",
                rs + "  2  2  2  10s"));
        assertThat(k.out("get", "pod", "-o", "wide", "-n", "kube-public")).isEqualTo(table(
                "NAME  READY  STATUS  RESTARTS  AGE  IP  NODE  NOMINATED NODE  READINESS GATES",
                pods.get(0) + "  1/1  Running  0  10s  " + ipAndNode("kube-public", pods.get(0)) + "  <none>  <none>",
                pods.get(1) + "  1/1  Running  0  10s  " + ipAndNode("kube-public", pods.get(1)) + "  <none>  <none>"));
        assertThat(List.of(node("kube-public", pods.get(0)), node("kube-public", pods.get(1))))
                .as("one per worker").containsExactlyInAnyOrder("node2", "node3");
        assertThat(k.out("get", "pods", "-A")).isEqualTo(table(
                "NAMESPACE  NAME  READY  STATUS  RESTARTS  AGE",
                "kube-public  " + pods.get(0) + "  1/1  Running  0  10s",
                "kube-public  " + pods.get(1) + "  1/1  Running  0  10s"));
        assertThat(k.ok("get", "deployment").err()).isEqualTo("No resources found in default namespace.\n");

        assertThat(k.out("delete", "-f", k.manifest("nginx.v1-kube-public.yaml")))
                .isEqualTo("deployment.extensions \"nginx-deployment\" deleted\n");
        Kubectl.Result gone = k.ok("get", "deployment", "-n", "kube-public");
        assertThat(gone.out()).isEmpty();
        assertThat(gone.err()).isEqualTo("No resources found in kube-public namespace.\n");
        k.advance(Duration.ofSeconds(40));
        assertThat(k.ok("get", "pods", "-A").err()).as("its pods are collected").isEqualTo("No resources found\n");
    }

    @Test
    void reapplyingWithFewerReplicasKeepsSomePodsAndGetAllShowsEverything() {
        assertThat(k.out("apply", "-f", k.manifest("nginx.v2-replicas5.yaml")))
                .isEqualTo("deployment.extensions/nginx-deployment created\n");
        k.advance(Duration.ofSeconds(10));
        List<String> five = k.pods("app=web_server");
        assertThat(five).hasSize(5);
        assertThat(five.stream().map(p -> node("default", p))).as("none on the control plane").doesNotContain("node1");

        assertThat(k.out("apply", "-f", k.manifest("nginx.v3-replicas3.yaml")))
                .isEqualTo("deployment.extensions/nginx-deployment configured\n");
        k.advance(Duration.ofSeconds(40));
        List<String> three = k.pods("app=web_server");
        assertThat(five).as("no pod is created, two go").containsAll(three);
        String rs = k.cluster.list("rs", "default", null).get(0).name();

        assertThat(k.out("get", "all")).isEqualTo(table(
                "NAME  READY  STATUS  RESTARTS  AGE",
                "pod/" + three.get(0) + "  1/1  Running  0  50s",
                "pod/" + three.get(1) + "  1/1  Running  0  50s",
                "pod/" + three.get(2) + "  1/1  Running  0  50s") + "\n" + table(
                "NAME  TYPE  CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE",
                "service/kubernetes  ClusterIP  10.1.0.1  <none>  443/TCP  50s") + "\n" + table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE",
                "deployment.apps/nginx-deployment  3/3  3  3  50s") + "\n" + table(
                "NAME  DESIRED  CURRENT  READY  AGE",
                "replicaset.apps/" + rs + "  3  3  3  50s"));

        String deployment = fields(k.out("describe", "deployment", "nginx-deployment"));
        assertThat(deployment).contains("Namespace: default\n", "Labels: app=web_server\n",
                "Annotations: deployment.kubernetes.io/revision: 1\n", "Selector: app=web_server\n",
                "Replicas: 3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n", "StrategyType: RollingUpdate\n",
                "RollingUpdateStrategy: 1 max unavailable, 1 max surge\n", "NewReplicaSet: " + rs + " (3/3 replicas created)\n");
        assertThat(deployment).containsPattern("Normal +ScalingReplicaSet +\\S+ +deployment-controller +Scaled up replica set "
                + rs + " to 5\n").containsPattern("Scaled down replica set " + rs + " to 3 from 5\n");

        String pod = fields(k.out("describe", "pod", three.get(0)));
        String node = node("default", three.get(0));
        assertThat(pod).contains("Namespace: default\n", "Node: " + node + "/192.168.1.3" + node.charAt(4) + "\n",
                "Status: Running\n", "IP: " + k.field(three.get(0), "status.podIP") + "\n",
                "Controlled By: ReplicaSet/" + rs + "\n", "QoS Class: BestEffort\n",
                "Tolerations: node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n");
        assertThat(pod).containsPattern("Normal +Scheduled +\\S+ +default-scheduler +Successfully assigned default/"
                + three.get(0) + " to " + node + "\n");
    }

    private String node(String namespace, String pod) {
        return k.field(namespace, pod, "spec.nodeName");
    }

    private String ipAndNode(String namespace, String pod) {
        return k.field(namespace, pod, "status.podIP") + "  " + node(namespace, pod);
    }
}
