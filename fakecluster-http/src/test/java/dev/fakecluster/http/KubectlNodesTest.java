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
 * The tutorial's chapter 5 on nodes with kubectl 1.32: {@code label} (with {@code --overwrite} and
 * removal), {@code get --show-labels / -l}, a nodeSelector, {@code taint} (add and remove),
 * {@code cordon / uncordon}, {@code drain} and {@code describe node} (BEHAVIOURS.md A, D).
 */
class KubectlNodesTest {

    private static final String LABELS = "beta.kubernetes.io/arch=amd64,beta.kubernetes.io/os=linux,";
    private static final String DRAIN_SCENE = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers: [{name: agent, image: busybox, command: [sleep, "3600"]}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cache}
            spec:
              replicas: 2
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  containers: [{name: cache, image: nginx, volumeMounts: [{name: tmp, mountPath: /tmp}]}]
                  volumes: [{name: tmp, emptyDir: {}}]
            """;

    @TempDir
    Path dir;
    KubectlSession k;

    @BeforeEach
    void start() {
        k = KubectlSession.start(dir);
        k.advance(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        k.close();
    }

    @Test
    void labelsPrintSortedAndANodeSelectorIsOnlyCheckedAtScheduling() {
        assertThat(k.out("get", "node")).isEqualTo(table(
                "NAME  STATUS  ROLES  AGE  VERSION",
                "node1  Ready  control-plane  10s  v1.32.0",
                "node2  Ready  <none>  10s  v1.32.0",
                "node3  Ready  <none>  10s  v1.32.0"));
        assertThat(k.out("get", "node", "--show-labels")).isEqualTo(table(
                "NAME  STATUS  ROLES  AGE  VERSION  LABELS",
                "node1  Ready  control-plane  10s  v1.32.0  " + LABELS + "kubernetes.io/arch=amd64,kubernetes.io/hostname=node1,"
                        + "kubernetes.io/os=linux,node-role.kubernetes.io/control-plane=,"
                        + "node.kubernetes.io/exclude-from-external-load-balancers=",
                "node2  Ready  <none>  10s  v1.32.0  " + LABELS + "kubernetes.io/arch=amd64,kubernetes.io/hostname=node2,"
                        + "kubernetes.io/os=linux",
                "node3  Ready  <none>  10s  v1.32.0  " + LABELS + "kubernetes.io/arch=amd64,kubernetes.io/hostname=node3,"
                        + "kubernetes.io/os=linux"));

        assertThat(k.out("label", "node", "node3", "disktype=ssd")).isEqualTo("node/node3 labeled\n");
        assertThat(k.out("get", "node", "node3", "--show-labels")).isEqualTo(table(
                "NAME  STATUS  ROLES  AGE  VERSION  LABELS",
                "node3  Ready  <none>  10s  v1.32.0  " + LABELS + "disktype=ssd,kubernetes.io/arch=amd64,"
                        + "kubernetes.io/hostname=node3,kubernetes.io/os=linux"));
        assertThat(k.fails("label", "node", "node3", "disktype=hdd"))
                .isEqualTo("error: 'disktype' already has a value (ssd), and --overwrite is false\n");
        assertThat(k.out("label", "node", "node3", "disktype=hdd", "--overwrite")).isEqualTo("node/node3 labeled\n");
        assertThat(k.out("get", "nodes", "-l", "disktype=hdd", "-o", "name")).isEqualTo("node/node3\n");
        assertThat(k.out("label", "node", "node3", "disktype=ssd", "--overwrite")).isEqualTo("node/node3 labeled\n");

        assertThat(k.out("apply", "-f", k.manifest("nginx.v4-nodeselector.yaml")))
                .isEqualTo("deployment.extensions/nginx-deployment created\n");
        k.advance(Duration.ofSeconds(10));
        assertThat(nodesOfPods()).containsExactly("node3", "node3", "node3");

        assertThat(k.out("label", "node", "node3", "disktype-")).isEqualTo("node/node3 unlabeled\n");
        Kubectl.Result none = k.ok("get", "nodes", "-l", "disktype");
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("No resources found\n");
        k.advance(Duration.ofSeconds(90));
        assertThat(nodesOfPods()).as("running pods stay where they are").containsExactly("node3", "node3", "node3");
        assertThat(k.out("get", "deployment")).isEqualTo(table(
                "NAME  READY  UP-TO-DATE  AVAILABLE  AGE",
                "nginx-deployment  3/3  3  3  100s"));
    }

    @Test
    void taintsKeepPodsOffANodeAndNoExecuteEvictsThoseOnIt() {
        assertThat(fields(k.out("describe", "node", "node1"))).contains("Taints: node-role.kubernetes.io/control-plane:NoSchedule\n");
        assertThat(k.out("taint", "node", "node1", "node-role.kubernetes.io/control-plane-")).isEqualTo("node/node1 untainted\n");
        assertThat(fields(k.out("describe", "node", "node1"))).contains("Taints: <none>\n");
        k.out("create", "deployment", "web", "--image=nginx", "--replicas=6");
        k.advance(Duration.ofSeconds(10));
        assertThat(nodesOfPods()).as("the untainted control plane takes pods too").contains("node1", "node2", "node3");

        assertThat(k.out("taint", "node", "node1", "node-role.kubernetes.io/control-plane=:NoSchedule"))
                .isEqualTo("node/node1 tainted\n");
        assertThat(k.fails("taint", "node", "node1", "node-role.kubernetes.io/control-plane=:NoSchedule"))
                .isEqualTo("error: node node1 already has node-role.kubernetes.io/control-plane taint(s) with same effect(s)"
                        + " and --overwrite is false\n");
        k.advance(Duration.ofSeconds(60));
        assertThat(nodesOfPods()).as("NoSchedule leaves running pods alone").contains("node1");

        assertThat(k.out("taint", "nodes", "node2", "dedicated=special:NoExecute")).isEqualTo("node/node2 tainted\n");
        assertThat(fields(k.out("describe", "node", "node2"))).contains("Taints: dedicated=special:NoExecute\n");
        k.advance(Duration.ofSeconds(60));
        assertThat(nodesOfPods()).as("NoExecute evicts what does not tolerate it").hasSize(6).doesNotContain("node2");
        assertThat(k.out("taint", "nodes", "node2", "dedicated:NoExecute-")).isEqualTo("node/node2 untainted\n");
        assertThat(fields(k.out("describe", "node", "node2"))).contains("Taints: <none>\n");
    }

    @Test
    void cordonStopsSchedulingOnANodeUntilUncordon() {
        assertThat(k.out("cordon", "node2")).isEqualTo("node/node2 cordoned\n");
        assertThat(k.out("cordon", "node2")).isEqualTo("node/node2 already cordoned\n");
        assertThat(k.out("get", "nodes")).isEqualTo(table(
                "NAME  STATUS  ROLES  AGE  VERSION",
                "node1  Ready  control-plane  10s  v1.32.0",
                "node2  Ready,SchedulingDisabled  <none>  10s  v1.32.0",
                "node3  Ready  <none>  10s  v1.32.0"));
        assertThat(fields(k.out("describe", "node", "node2")))
                .contains("Taints: node.kubernetes.io/unschedulable:NoSchedule\n", "Unschedulable: true\n");
        k.out("create", "deployment", "web", "--image=nginx", "--replicas=2");
        k.advance(Duration.ofSeconds(10));
        assertThat(nodesOfPods()).containsExactly("node3", "node3");

        assertThat(k.out("uncordon", "node2")).isEqualTo("node/node2 uncordoned\n");
        assertThat(k.out("uncordon", "node2")).isEqualTo("node/node2 already uncordoned\n");
        k.out("scale", "deployment", "web", "--replicas=3");
        k.advance(Duration.ofSeconds(10));
        assertThat(nodesOfPods()).containsExactlyInAnyOrder("node2", "node3", "node3");
    }

    @Test
    void drainRefusesDaemonSetBareAndEmptyDirPodsUntilToldThenEvictsTheRest() {
        k.out("apply", "-f", k.file("scene.yaml", DRAIN_SCENE));
        k.out("run", "bare", "--image=nginx", "--overrides={\"spec\":{\"nodeName\":\"node2\"}}");
        k.advance(Duration.ofSeconds(10));
        String agent = onNode2("app=agent");
        String cache = onNode2("app=cache");

        Kubectl.Result refused = k.kubectl.run("drain", "node2");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEqualTo("node/node2 cordoned\n");
        assertThat(refused.err()).startsWith("error: unable to drain node \"node2\" due to error: [").contains(
                "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/" + agent + "\n",
                "cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare\n",
                "cannot delete Pods with local storage (use --delete-emptydir-data to override): default/" + cache + "\n");

        Kubectl.Running drain = k.kubectl.start("drain", "node2", "--ignore-daemonsets", "--delete-emptydir-data", "--force");
        awaitEvicted(cache, "bare");
        k.advance(Duration.ofSeconds(40));
        Kubectl.Result drained = drain.await();
        assertThat(drained.exitCode()).isZero();
        assertThat(drained.err()).as("kubectl joins its warnings in Go map order, which varies")
                .startsWith("Warning: ").endsWith("\n")
                .contains("ignoring DaemonSet-managed Pods: default/" + agent, "deleting Pods that declare no controller: default/bare");
        assertThat(drained.out().lines()).first().isEqualTo("node/node2 already cordoned");
        assertThat(drained.out().lines()).last().isEqualTo("node/node2 drained");
        assertThat(drained.out().lines()).as("evictions run in parallel").containsExactlyInAnyOrder(
                "node/node2 already cordoned", "evicting pod default/" + cache, "evicting pod default/bare",
                "pod/" + cache + " evicted", "pod/bare evicted", "node/node2 drained");
        assertThat(nodesOfPods("app=cache")).containsExactly("node3", "node3");
        assertThat(nodesOfPods("app=agent")).as("DaemonSet pods stay").contains("node2");
    }

    @Test
    void drainWaitsWhileAPodDisruptionBudgetForbidsTheEviction() {
        k.out("apply", "-f", k.file("scene.yaml", DRAIN_SCENE));
        assertThat(k.out("create", "poddisruptionbudget", "cache", "--selector=app=cache", "--min-available=2"))
                .isEqualTo("poddisruptionbudget.policy/cache created\n");
        k.advance(Duration.ofSeconds(10));
        assertThat(k.out("get", "pdb")).isEqualTo(table(
                "NAME  MIN AVAILABLE  MAX UNAVAILABLE  ALLOWED DISRUPTIONS  AGE",
                "cache  2  N/A  0  10s"));
        String cache = onNode2("app=cache");

        Kubectl.Running drain = k.kubectl.start("drain", "node2", "--ignore-daemonsets", "--delete-emptydir-data");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> drain.err().contains("will retry"));
        assertThat(drain.err()).endsWith("error when evicting pods/\"" + cache + "\" -n \"default\" (will retry after 5s):"
                + " Cannot evict pod as it would violate the pod's disruption budget.\n");

        k.out("scale", "deployment", "cache", "--replicas=3");
        k.advance(Duration.ofSeconds(10));
        awaitEvicted(cache);
        k.advance(Duration.ofSeconds(40));
        Kubectl.Result drained = drain.await();
        assertThat(drained.exitCode()).isZero();
        assertThat(drained.out()).endsWith("pod/" + cache + " evicted\nnode/node2 drained\n");
        assertThat(nodesOfPods("app=cache")).doesNotContain("node2").hasSize(3);
    }

    /** Waits (on the wall clock: kubectl retries evictions every 5 s) until the pods are being deleted. */
    private void awaitEvicted(String... pods) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> List.of(pods).stream().allMatch(p ->
                k.cluster.get("pods", "default", p).map(r -> r.deletionTimestamp().isPresent()).orElse(true)));
    }

    private List<String> nodesOfPods() {
        return nodesOfPods(null);
    }

    /** The NODE column of {@code kubectl get pods -o wide}, sorted. */
    private List<String> nodesOfPods(String selector) {
        String out = selector == null ? k.out("get", "pods", "-o", "wide") : k.out("get", "pods", "-o", "wide", "-l", selector);
        return out.lines().skip(1).map(l -> l.split(" +")[6]).sorted().toList();
    }

    private String onNode2(String selector) {
        return k.pods(selector).stream().filter(p -> k.field(p, "spec.nodeName").equals("node2")).findFirst().orElseThrow();
    }
}
