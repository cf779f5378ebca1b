package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.row;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import dev.fakecluster.ClusterBuilder;
import dev.fakecluster.ConnectionFailedException;
import dev.fakecluster.ContainerBehaviour;
import dev.fakecluster.Reply;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.ClusterCustomizer;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Chapter 8, part 1 (BEHAVIOURS.md I 61–66): a crashing container restarted with a growing back-off,
 * a liveness probe that kills, a readiness probe that only marks not ready. Pods land at 0 s and
 * their containers start at 2 s.
 */
@FakeCluster
class Chapter8HealthChecksTest {

    @Test
    @FakeCluster(manifests = "healthcheck.yml")
    void aContainerThatExitsWithOneIsRestartedInItsPodAfterAGrowingBackOff(Cluster cluster) {
        // "1/1 Running 1", "0/1 CrashLoopBackOff 1", "1/1 Running 2": sleep 10; exit 1, restartPolicy OnFailure
        assertThat(timeline(cluster, "healthcheck", 65)).containsExactly(
                "1s 0/1 ContainerCreating 0",
                "2s 1/1 Running 0",
                "12s 1/1 Running 1",                  // the first restart comes at once
                "22s 0/1 CrashLoopBackOff 1",         // then 10 s of back-off
                "32s 1/1 Running 2",
                "42s 0/1 CrashLoopBackOff 2",         // then 20 s
                "62s 1/1 Running 3");
        assertThat(cluster).hasPod("default", "healthcheck").hasRestartCount(3).wasLastTerminatedWithExitCode(1)
                .hasEvent("BackOff", "Back-off restarting failed container healthcheck");
    }

    @Test
    @FakeCluster(manifests = "liveness.yml")
    void threeFailedLivenessProbesKillTheContainerWith137AndItIsRestarted(Cluster cluster) {
        // "Liveness probe failed: cat: can't open '/tmp/healthy'" (x3), "Last State: Terminated, Exit Code: 137", "Restart Count: 1"
        assertThat(timeline(cluster, "liveness", 80)).containsExactly(
                "1s 0/1 ContainerCreating 0",
                "2s 1/1 Running 0",
                "75s 1/1 Running 1");                 // killed at the third failure (45 s), SIGKILLed 30 s later

        assertThat(cluster).hasPod("default", "liveness").isReady().hasRestartCount(1).wasLastTerminatedWithExitCode(137)
                .hasEvent("Unhealthy", "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")
                .hasEvent("Killing", "Container liveness failed liveness probe, will be restarted");
    }

    @Test
    @FakeCluster(manifests = "readiness.yml")
    void aFailingReadinessProbeMarksThePodNotReadyWithoutRestartingIt(Cluster cluster) {
        // "0/1 Running 0" at 13s, "1/1 Running 0" at 24s, "0/1 Running 0" at 57s
        assertThat(timeline(cluster, "readiness", 120)).containsExactly(
                "1s 0/1 ContainerCreating 0",
                "2s 0/1 Running 0",
                "12s 1/1 Running 0",                  // the first probe, initialDelaySeconds after the start
                "42s 0/1 Running 0");                 // the file goes at 32 s; the third failure at 42 s
        assertThat(cluster).hasPod("default", "readiness").isNotReady().hasStatus("Running").hasRestartCount(0)
                .hasEvent("Unhealthy", "Readiness probe failed");
    }

    /**
     * myhttpd, the notes' own image, which no registry serves: simulated here, answering 200 on
     * {@code /health} until the test makes it sick. One per cluster, injected into the test.
     */
    static final class MyHttpd implements ClusterCustomizer {
        private final AtomicBoolean healthy = new AtomicBoolean(true);

        @Override
        public void customize(ClusterBuilder builder) {
            builder.image("myhttpd", ContainerBehaviour.httpServer(request ->
                    request.path().equals("/health") && !healthy.get() ? Reply.of(503, "sick") : Reply.of(200, "ok")));
        }

        void healthy(boolean healthy) {
            this.healthy.set(healthy);
        }
    }

    @Test
    @FakeCluster(manifests = "scaleup-readiness.yml", customizer = MyHttpd.class)
    void podsJoinTheServiceOnlyWhileTheirHealthEndpointAnswers(Cluster cluster, MyHttpd myhttpd) {
        // scaleup-readiness.yml: httpGet /health on 8080 decides whether a web pod is one of web-svc's endpoints
        cluster.advance(Duration.ofSeconds(11));
        assertThat(cluster).hasService("default", "web-svc").hasReadyEndpointCount(0);

        cluster.advance(Duration.ofSeconds(1));                            // the first probe: initialDelaySeconds 10
        assertThat(cluster).hasDeployment("default", "web").isRolledOut().hasAvailableReplicas(3)
                .returnToCluster().hasService("default", "web-svc").hasEndpointsFor(cluster.list("pods", "default", "run=web"))
                .routes(10, "/").allWithStatus(200);
        assertThat(cluster.get("endpoints", "default", "web-svc").orElseThrow().field("subsets[0].ports[0].port"))
                .contains("80");                                           // the targetPort, not the containerPort

        myhttpd.healthy(false);
        cluster.advance(Duration.ofSeconds(15));                           // three failed probes, 5 s apart
        assertThat(cluster).hasService("default", "web-svc").hasReadyEndpointCount(0);
        assertThatThrownBy(() -> cluster.http().get("http://web-svc:8080/"))
                .isInstanceOf(ConnectionFailedException.class).hasMessageEndingWith("connect: connection refused");
        for (Resource pod : cluster.list("pods", "default", "run=web")) {
            assertThat(cluster).hasPod("default", pod.name()).isNotReady().hasStatus("Running").hasRestartCount(0)
                    .hasEvent("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");
        }

        myhttpd.healthy(true);
        cluster.advance(Duration.ofSeconds(5));                            // one success is enough to come back
        assertThat(cluster).hasService("default", "web-svc").hasReadyEndpointCount(3);
    }

    /** Advances one second at a time, noting each change of the pod's {@code kubectl get pods} row. */
    private static List<String> timeline(Cluster cluster, String pod, int seconds) {
        List<String> changes = new ArrayList<>();
        String last = "";
        for (int t = 1; t <= seconds; t++) {
            cluster.advance(Duration.ofSeconds(1));
            String now = row(cluster, "default", pod);
            if (!now.equals(last)) {
                changes.add(t + "s " + now);
                last = now;
            }
        }
        return changes;
    }
}
