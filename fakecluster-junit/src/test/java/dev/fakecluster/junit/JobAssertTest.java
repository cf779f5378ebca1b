package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobAssertTest {

    @Test
    @FakeCluster(manifests = "manifests/myjob.yaml")
    void aJobThatRanToCompletion(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasJob("default", "myjob").isComplete()).hasMessage("""
                Expecting job default/myjob to be complete,
                but it is still running: 1 active, 0 succeeded, 0 failed.

                NAME    STATUS    COMPLETIONS   DURATION   AGE
                myjob   Running   0/1           0s         0s

                NAME          READY   STATUS              RESTARTS   AGE
                myjob-l4vwv   0/1     ContainerCreating   0          0s""");
        assertThatThrownBy(() -> assertThat(cluster).hasJob("default", "myjob").isFailedWith("BackoffLimitExceeded"))
                .hasMessageStartingWith("Expecting job default/myjob to have failed with BackoffLimitExceeded,\n"
                        + "but it has not failed: 1 active, 0 succeeded, 0 failed.\n");

        cluster.advance(Duration.ofSeconds(14));

        assertThat(cluster).hasJob("default", "myjob").isComplete().hasSucceeded(1);
        assertThatThrownBy(() -> assertThat(cluster).hasJob("default", "myjob").hasSucceeded(2))
                .hasMessageStartingWith("Expecting job default/myjob to have 2 succeeded pods,\n"
                        + "but it has 1: 0 active, 1 succeeded, 0 failed.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasJob("default", "myjob").isFailedWith("BackoffLimitExceeded"))
                .hasMessageStartingWith("Expecting job default/myjob to have failed with BackoffLimitExceeded,\n"
                        + "but it is complete.\n");
    }

    @Test
    @FakeCluster(manifests = "manifests/myjob-bad-command.yaml")
    void aJobThatGaveUp(Cluster cluster) {
        cluster.advance(Duration.ofMinutes(15));

        assertThat(cluster).hasJob("default", "myjob").isFailedWith("BackoffLimitExceeded").hasSucceeded(0);
        assertThatThrownBy(() -> assertThat(cluster).hasJob("default", "myjob").isComplete()).hasMessage("""
                Expecting job default/myjob to be complete,
                but it failed: BackoffLimitExceeded (Job has reached the specified backoff limit).

                NAME    STATUS   COMPLETIONS   DURATION   AGE
                myjob   Failed   0/1           15m        15m

                NAME          READY   STATUS       RESTARTS   AGE
                myjob-7dxbs   0/1     StartError   0          13m
                myjob-bgjxv   0/1     StartError   0          4m18s
                myjob-hg65q   0/1     StartError   0          14m
                myjob-jvhsr   0/1     StartError   0          9m40s
                myjob-l4vwv   0/1     StartError   0          15m
                myjob-skllz   0/1     StartError   0          12m
                myjob-vf4pr   0/1     StartError   0          14m""");
        assertThatThrownBy(() -> assertThat(cluster).hasJob("default", "myjob").isFailedWith("DeadlineExceeded"))
                .hasMessageStartingWith("Expecting job default/myjob to have failed with DeadlineExceeded,\n"
                        + "but it failed with BackoffLimitExceeded (Job has reached the specified backoff limit).\n");
    }
}
