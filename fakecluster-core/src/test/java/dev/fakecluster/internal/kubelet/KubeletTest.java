package dev.fakecluster.internal.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.fakecluster.PodRows.row;
import static dev.fakecluster.PodRows.timeline;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeletTest {

    private static String pod(String name, String image, String restartPolicy, String command) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  restartPolicy: %s
                  containers: [{name: c, image: "%s"%s}]
                """.formatted(name, restartPolicy, image, command == null ? "" : ", command: [sh, -c, \"" + command + "\"]");
    }

    @Test
    void aPodStartsAfterTheStartDelayWithAnIpFromItsNodesRange() {
        try (Cluster cluster = Cluster.builder().nodes("solo").build()) {
            cluster.apply(pod("web", "nginx:1.25", "Always", null));
            assertThat(row(cluster, "web")).isEqualTo("0/1 ContainerCreating 0");

            cluster.advance(Duration.ofSeconds(2));

            Resource web = cluster.get("pods", "default", "web").orElseThrow();
            assertThat(row(cluster, "web")).isEqualTo("1/1 Running 0");
            assertThat(web.field("status.podIP")).contains("10.244.0.1");
            assertThat(web.field("status.hostIP")).contains("192.168.1.31");
            assertThat(web.field("status.containerStatuses[0].containerID").orElseThrow()).matches("containerd://[0-9a-f]{64}");
            assertThat(web.field("status.conditions[2].type")).contains("Ready");
            assertThat(web.field("status.conditions[2].status")).contains("True");
        }
    }

    @Test
    void aCrashingContainerRestartsAtOnceThenBacksOffTenTwentyForty() throws IOException {
        try (Cluster cluster = Cluster.builder().build();
                InputStream in = KubeletTest.class.getResourceAsStream("/seed/manifests/healthcheck.yml")) {
            cluster.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            // started at 2 s; exits after 10 s; the first restart is immediate, then 10 s, 20 s, 40 s of back-off
            assertThat(timeline(cluster, "healthcheck", 110)).containsExactly(
                    "1s 0/1 ContainerCreating 0",
                    "2s 1/1 Running 0",
                    "12s 1/1 Running 1",
                    "22s 0/1 CrashLoopBackOff 1",
                    "32s 1/1 Running 2",
                    "42s 0/1 CrashLoopBackOff 2",
                    "62s 1/1 Running 3",
                    "72s 0/1 CrashLoopBackOff 3");
            Resource pod = cluster.get("pods", "default", "healthcheck").orElseThrow();
            assertThat(pod.field("status.containerStatuses[0].lastState.terminated.exitCode")).contains("1");
            assertThat(pod.field("status.containerStatuses[0].lastState.terminated.reason")).contains("Error");
        }
    }

    @Test
    void aCommandThatFinishesLeavesThePodCompletedWithItsOutput() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(pod("once", "busybox", "Never", "echo one; echo two && false || echo three"));
            cluster.advance(Duration.ofSeconds(3));

            assertThat(row(cluster, "once")).isEqualTo("0/1 Completed 0");
            assertThat(cluster.logs("default", "once")).isEqualTo("one\ntwo\nthree\n");
        }
    }

    @Test
    void aMissingProgramInABusyboxImageFailsToStart() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: typo}
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: busybox, command: ["invalide command"]}]
                    """);
            cluster.advance(Duration.ofSeconds(3));

            Resource pod = cluster.get("pods", "default", "typo").orElseThrow();
            assertThat(pod.field("status.phase")).contains("Failed");
            assertThat(pod.field("status.containerStatuses[0].state.terminated.reason")).contains("StartError");
            assertThat(pod.field("status.containerStatuses[0].state.terminated.message").orElseThrow())
                    .contains("exec: \"invalide command\": executable file not found in $PATH");
        }
    }

    @Test
    void aDeletedPodIsGoneOneSecondLaterAndAddressesKeepCountingUp() {
        try (Cluster cluster = Cluster.builder().nodes("solo").build()) {
            cluster.apply(pod("a", "nginx:1.25", "Always", null));
            cluster.advance(Duration.ofSeconds(2));
            cluster.delete("pods", "default", "a");
            assertThat(row(cluster, "a")).isEqualTo("1/1 Terminating 0");

            cluster.advance(Duration.ofSeconds(1));
            assertThat(cluster.get("pods", "default", "a")).isEmpty();

            cluster.apply(pod("b", "nginx:1.25", "Always", null));
            cluster.apply(pod("c", "nginx:1.25", "Always", null));
            cluster.advance(Duration.ofSeconds(2));
            assertThat(cluster.get("pods", "default", "b").orElseThrow().field("status.podIP")).contains("10.244.0.2");
            assertThat(cluster.get("pods", "default", "c").orElseThrow().field("status.podIP")).contains("10.244.0.3");
        }
    }
}
