package dev.fakecluster.internal.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.fakecluster.PodRows.row;
import static dev.fakecluster.PodRows.timeline;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodLifecycleTest {

    private static List<String> reasons(Cluster cluster) {
        return cluster.events("default").stream().map(e -> e.field("reason").orElse("")).toList();
    }

    @Test
    void anUnpullableImageBacksOffUntilItCanBePulled() {
        try (Cluster cluster = Cluster.builder().unpullableImage("nginx:9.9").build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web}
                    spec: {containers: [{name: web, image: "nginx:9.9"}]}
                    """);

            assertThat(timeline(cluster, "web", 40)).containsExactly(
                    "1s 0/1 ContainerCreating 0",
                    "2s 0/1 ErrImagePull 0",
                    "3s 0/1 ImagePullBackOff 0",
                    "12s 0/1 ErrImagePull 0",
                    "13s 0/1 ImagePullBackOff 0",
                    "32s 0/1 ErrImagePull 0",
                    "33s 0/1 ImagePullBackOff 0");
            assertThat(cluster.events("default")).anySatisfy(e -> assertThat(e.field("message")).contains(
                    "Failed to pull image \"nginx:9.9\": rpc error: code = NotFound desc = failed to pull and unpack image "
                            + "\"docker.io/library/nginx:9.9\": failed to resolve reference \"docker.io/library/nginx:9.9\": "
                            + "docker.io/library/nginx:9.9: not found"));

            cluster.setImagePullable("nginx:9.9", true);
            cluster.advance(Duration.ofSeconds(40));
            assertThat(row(cluster, "web")).isEqualTo("1/1 Running 0");
        }
    }

    @Test
    void theFirstPullTakesThePullTimeAndTheNodeKeepsTheImage() {
        try (Cluster cluster = Cluster.builder().nodes("solo").imagePullTime(Duration.ofSeconds(5)).build()) {
            String pod = """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: NAME}
                    spec: {containers: [{name: web, image: "nginx:1.25"}]}
                    """;
            cluster.apply(pod.replace("NAME", "first"));
            cluster.advance(Duration.ofSeconds(6));
            assertThat(row(cluster, "first")).isEqualTo("0/1 ContainerCreating 0");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(row(cluster, "first")).isEqualTo("1/1 Running 0");

            cluster.apply(pod.replace("NAME", "second"));
            cluster.advance(Duration.ofSeconds(2));
            assertThat(row(cluster, "second")).isEqualTo("1/1 Running 0");
            assertThat(cluster.events("default")).anySatisfy(e -> assertThat(e.field("message"))
                    .contains("Container image \"nginx:1.25\" already present on machine"));
        }
    }

    @Test
    void initContainersRunOneAfterAnotherBeforeTheAppContainer() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: app}
                    spec:
                      initContainers:
                      - {name: wait, image: busybox, command: [sh, -c, "sleep 5"]}
                      - {name: setup, image: busybox, command: [sh, -c, "echo ready; sleep 3"]}
                      containers:
                      - {name: app, image: "nginx:1.25"}
                    """);

            assertThat(timeline(cluster, "app", 12)).containsExactly(
                    "1s 0/1 Init:0/2 0",
                    "7s 0/1 Init:1/2 0",
                    "10s 1/1 Running 0");
            assertThat(cluster.logs("default", "app", "setup", false)).isEqualTo("ready\n");
        }
    }

    @Test
    void logsKeepTheInstanceBeforeTheLastRestart() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: flaky}
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: c, image: busybox, command: [sh, -c, "echo run at $(date); sleep 5; exit 2"]}]
                    """);
            cluster.advance(Duration.ofSeconds(8));

            assertThat(cluster.logs("default", "flaky", "c", false)).isEqualTo("run at Wed Jan 1 00:00:07 UTC 2025\n");
            assertThat(cluster.logs("default", "flaky", "c", true)).isEqualTo("run at Wed Jan 1 00:00:02 UTC 2025\n");
            Resource pod = cluster.get("pods", "default", "flaky").orElseThrow();
            assertThat(pod.field("status.containerStatuses[0].lastState.terminated.exitCode")).contains("2");
        }
    }

    @Test
    void aDeletedShellPodStaysTerminatingForItsGracePeriodThenIsKilled() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: sleeper}
                    spec:
                      terminationGracePeriodSeconds: 10
                      containers: [{name: c, image: busybox, command: [sleep, "3600"]}]
                    """);
            cluster.advance(Duration.ofSeconds(3));
            cluster.delete("pods", "default", "sleeper");

            cluster.advance(Duration.ofSeconds(9));
            assertThat(row(cluster, "sleeper")).isEqualTo("1/1 Terminating 0");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(row(cluster, "sleeper")).isEqualTo("<gone>");
            assertThat(reasons(cluster)).contains("Killing");
        }
    }

    @Test
    void aPreStopHookRunsBeforeSigtermAndItsTimeCountsAgainstTheGracePeriod() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web}
                    spec:
                      containers:
                      - name: web
                        image: "nginx:1.25"
                        lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 5"]}}}
                    """);
            cluster.advance(Duration.ofSeconds(3));
            cluster.delete("pods", "default", "web");

            cluster.advance(Duration.ofSeconds(5));
            assertThat(row(cluster, "web")).isEqualTo("1/1 Terminating 0");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(row(cluster, "web")).isEqualTo("<gone>");
        }
    }

    @Test
    void nginxLogsTheProbesItAnswers() {
        try (Cluster cluster = Cluster.builder().nodes("solo").build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web}
                    spec:
                      containers:
                      - name: web
                        image: "nginx:1.25"
                        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}
                    """);
            cluster.advance(Duration.ofSeconds(12));

            int size = Images.NGINX_PAGE.length();
            assertThat(cluster.logs("default", "web")).isEqualTo(
                    "10.244.0.1 - - [01/Jan/2025:00:00:02 +0000] \"GET / HTTP/1.1\" 200 " + size + " \"-\" \"kube-probe/1.32\" \"-\"\n"
                    + "10.244.0.1 - - [01/Jan/2025:00:00:12 +0000] \"GET / HTTP/1.1\" 200 " + size + " \"-\" \"kube-probe/1.32\" \"-\"\n");
        }
    }

    @Test
    void everyContainerOfAPodMustBeReadyForThePodToBeReady() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: duo}
                    spec:
                      containers:
                      - {name: web, image: "nginx:1.25"}
                      - name: sidecar
                        image: busybox
                        command: [sh, -c, "sleep 8; touch /tmp/ready; sleep 3600"]
                        readinessProbe: {exec: {command: [test, -f, /tmp/ready]}, periodSeconds: 2}
                    """);
            cluster.advance(Duration.ofSeconds(9));
            assertThat(row(cluster, "duo")).isEqualTo("1/2 Running 0");
            cluster.advance(Duration.ofSeconds(2));
            assertThat(row(cluster, "duo")).isEqualTo("2/2 Running 0");
        }
    }

    @Test
    void aPodOnANodeThatLostPowerRestartsItsContainersWhenTheNodeComesBack() {
        try (Cluster cluster = Cluster.builder().nodes("solo").build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web}
                    spec: {containers: [{name: web, image: "nginx:1.25"}]}
                    """);
            cluster.advance(Duration.ofSeconds(10));

            cluster.node("solo").kill();
            cluster.advance(Duration.ofMinutes(2));
            cluster.node("solo").restore();
            cluster.advance(Duration.ofSeconds(1));

            Resource pod = cluster.get("pods", "default", "web").orElseThrow();
            assertThat(row(cluster, "web")).isEqualTo("1/1 Running 1");
            assertThat(pod.field("status.containerStatuses[0].lastState.terminated.reason")).contains("Unknown");
            assertThat(pod.field("status.containerStatuses[0].lastState.terminated.exitCode")).contains("255");
            assertThat(pod.field("status.containerStatuses[0].lastState.terminated.finishedAt"))
                    .contains("2025-01-01T00:00:10Z");
        }
    }
}
