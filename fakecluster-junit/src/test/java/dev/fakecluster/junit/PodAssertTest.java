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

                NAME          READY   STATUS    RESTARTS     AGE
                healthcheck   1/1     Running   1 (1s ago)   13s""");
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
                NAME          READY   STATUS             RESTARTS     AGE
                healthcheck   0/1     CrashLoopBackOff   1 (1s ago)   23s""");
    }

    @Test
    void isNotReadyPassesWhileItStartsAndFailsOnceItIsReady(Cluster cluster) {
        assertThat(cluster).hasPod("default", "healthcheck").isNotReady();

        cluster.advance(Duration.ofSeconds(3));

        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").isNotReady()).hasMessage("""
                Expecting pod default/healthcheck to not be ready,
                but its Ready condition is True.

                NAME          READY   STATUS    RESTARTS   AGE
                healthcheck   1/1     Running   0          3s""");
    }

    @Test
    void hasStatusReadsTheStatusColumnAsKubectlShowsIt(Cluster cluster) {
        assertThat(cluster).hasPod("default", "healthcheck").hasStatus("ContainerCreating");
        cluster.advance(Duration.ofSeconds(23));
        assertThat(cluster).hasPod("default", "healthcheck").hasStatus("CrashLoopBackOff").isNotReady();

        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").hasStatus("Running")).hasMessage("""
                Expecting pod default/healthcheck to have status Running,
                but its status is CrashLoopBackOff.

                NAME          READY   STATUS             RESTARTS     AGE
                healthcheck   0/1     CrashLoopBackOff   1 (1s ago)   23s""");
    }

    @Test
    void hasStatusSeesADeletedPodTerminateAndThenGo(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(3));
        PodAssert pod = assertThat(cluster).hasPod("default", "healthcheck");

        cluster.node("node2").kill();                     // no kubelet left to confirm the deletion
        cluster.delete("pod", "default", "healthcheck");

        assertThat(cluster).hasPod("default", "healthcheck").hasStatus("Terminating");
        cluster.node("node2").restore();
        cluster.advance(Duration.ofSeconds(40));
        assertThatThrownBy(() -> pod.hasStatus("Terminating"))
                .hasMessage("Expecting pod default/healthcheck to have status Terminating,\nbut it is gone.");
    }

    @Test
    void hasEventLooksAtThisPodsEventsOnly(Cluster cluster) {
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: other}
                spec: {containers: [{name: main, image: busybox, command: [sleep, "3600"]}]}
                """);
        cluster.advance(Duration.ofSeconds(13));

        assertThat(cluster).hasPod("default", "healthcheck").hasEvent("Started", "Started container healthcheck");
        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").hasEvent("Started", "main"))
                .hasMessage("""
                        Expecting pod default/healthcheck to have an event with reason Started and a message containing "main",
                        but none of its 5 events matches.

                        TIME                   TYPE     REASON      OBJECT            MESSAGE
                        2025-01-01T00:00:00Z   Normal   Scheduled   pod/healthcheck   Successfully assigned default/healthcheck to node2
                        2025-01-01T00:00:12Z   Normal   Pulling     pod/healthcheck   Pulling image "busybox" (x2)
                        2025-01-01T00:00:12Z   Normal   Pulled      pod/healthcheck   Successfully pulled image "busybox" in 0s (0s including waiting) (x2)
                        2025-01-01T00:00:12Z   Normal   Created     pod/healthcheck   Created container: healthcheck (x2)
                        2025-01-01T00:00:12Z   Normal   Started     pod/healthcheck   Started container healthcheck (x2)""");
        assertThat(cluster).hasPod("default", "other").hasEvent("Started", "main");
    }

    @Test
    void returnToClusterGoesOnWithTheClusterAssertions(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(3));

        assertThat(cluster).hasPod("default", "healthcheck").isReady().returnToCluster().hasNode("node2").runsPods("healthcheck");
        assertThatThrownBy(() -> assertThat(cluster).hasPod("default", "healthcheck").as("after start").returnToCluster()
                .hasPod("default", "nope"))
                .hasMessageStartingWith("[after start] Expecting pod default/nope to exist,");
    }

    @Test
    void whatNeedsTheClusterSaysToStartFromIt(Cluster cluster) {
        PodAssert snapshot = assertThat(cluster.get("pod", "default", "healthcheck").orElseThrow()).asPod();

        assertThatThrownBy(() -> snapshot.hasStatus("Running")).isInstanceOf(IllegalStateException.class)
                .hasMessage("checking the STATUS column needs the cluster, which a Resource snapshot does not know:"
                        + " start from assertThat(cluster).hasPod(namespace, name)");
        assertThatThrownBy(() -> snapshot.hasEvent("Scheduled", "")).isInstanceOf(IllegalStateException.class)
                .hasMessage("checking the events of a pod needs the cluster, which a Resource snapshot does not know:"
                        + " start from assertThat(cluster).hasPod(namespace, name)");
        assertThatThrownBy(snapshot::returnToCluster).isInstanceOf(IllegalStateException.class)
                .hasMessage("checking anything beyond the pod needs the cluster, which a Resource snapshot does not know:"
                        + " start from assertThat(cluster).hasPod(namespace, name)");
    }

    @Test
    void aPodSnapshotShowsItsStatusInsteadOfATable(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster.get("pod", "default", "healthcheck").orElseThrow()).asPod().isRunning())
                .hasMessageStartingWith("Expecting pod default/healthcheck to be running,\nbut its phase is Pending.\n\n"
                        + "status: {\"phase\":\"Pending\",");
    }
}
