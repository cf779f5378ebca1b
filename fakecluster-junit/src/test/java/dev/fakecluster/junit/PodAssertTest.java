package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** healthcheck.yaml: a pod whose container exits with 1 after 10 s, and is restarted. */
@FakeCluster(manifests = "manifests/healthcheck.yaml")
class PodAssertTest {

    @Test
    void aRestartedRunningPodPassesEveryCheck(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(13));

        assertThat(cluster).hasPod("default", "healthcheck").isReady().isRunning().hasRestartCount(1)
                .wasLastTerminatedWithExitCode(1).runsOnNode("node2");
    }

    @Test
    void aStartingPodIsScheduledButNeitherReadyNorRunning(Cluster cluster) {
        assertThat(cluster).hasPod("default", "healthcheck").runsOnNode("node2").hasRestartCount(0);
        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").isReady()).hasMessage("""
                Expecting pod default/healthcheck to be ready,
                but its Ready condition is False (ContainersNotReady: containers with unready status: [healthcheck]).

                NAME          READY   STATUS              RESTARTS   AGE
                healthcheck   0/1     ContainerCreating   0          0s""");
        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").isRunning())
                .hasMessageStartingWith("Expecting pod default/healthcheck to be running,\nbut its phase is Pending.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").wasLastTerminatedWithExitCode(1))
                .hasMessageStartingWith("Expecting pod default/healthcheck to have been last terminated with exit"
                        + " code 1,\nbut no container has terminated yet.\n");
    }

    @Test
    void failuresNameWhatWasFound(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(13));

        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").hasRestartCount(2)).hasMessage("""
                Expecting pod default/healthcheck to have restarted 2 times,
                but it has restarted once.

                NAME          READY   STATUS    RESTARTS   AGE
                healthcheck   1/1     Running   1          13s""");
        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").wasLastTerminatedWithExitCode(137))
                .hasMessageStartingWith("Expecting pod default/healthcheck to have been last terminated with exit"
                        + " code 137,\nbut healthcheck last exited with 1 (Error).\n");
        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").runsOnNode("node1"))
                .hasMessageStartingWith("Expecting pod default/healthcheck to run on node node1,\nbut it runs on node2.\n");
    }

    @Test
    void aCrashLoopingPodIsNotReady(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(23));

        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").isReady()).hasMessageEndingWith("""
                NAME          READY   STATUS             RESTARTS   AGE
                healthcheck   0/1     CrashLoopBackOff   1          23s""");
    }

    @Test
    void aPodSnapshotShowsItsStatusInsteadOfATable(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster.get("pod", "default", "healthcheck").orElseThrow()).asPod().isRunning())
                .hasMessageStartingWith("Expecting pod default/healthcheck to be running,\nbut its phase is Pending.\n\n"
                        + "status: {\"phase\":\"Pending\",");
    }
}
