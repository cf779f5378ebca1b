package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** cronjob.yaml: hello, every minute, a Job that echoes and finishes. */
@FakeCluster(manifests = "manifests/cronjob.yaml")
class CronJobAssertTest {

    @Test
    void aCronJobThatRanPassesEveryCheck(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(61));

        assertThat(cluster).hasCronJob("default", "hello").hasSchedule("*/1 * * * *").isNotSuspended()
                .hasLastScheduleTime(Instant.parse("2025-01-01T00:01:00Z")).hasActiveJobs(1);

        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster).hasCronJob("default", "hello").hasActiveJobs(0);
    }

    @Test
    void failuresShowTheCronJobItsJobsAndTheirPods(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(61));

        assertThatThrownBy(() -> assertThat(cluster).hasCronJob("default", "hello").hasActiveJobs(0)).hasMessage("""
                Expecting cron job default/hello to have 0 active jobs,
                but it has 1.

                NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
                hello   */1 * * * *   <none>     False     1        1s              61s

                NAME             STATUS    COMPLETIONS   DURATION   AGE
                hello-28928161   Running   0/1           1s         1s

                NAME                   READY   STATUS              RESTARTS   AGE
                hello-28928161-j8lkb   0/1     ContainerCreating   0          1s""");
        assertThatThrownBy(() -> assertThat(cluster).hasCronJob("default", "hello").hasSchedule("0 3 * * *"))
                .hasMessageStartingWith("Expecting cron job default/hello to have schedule \"0 3 * * *\",\n"
                        + "but its schedule is \"*/1 * * * *\".\n");
        assertThatThrownBy(() -> assertThat(cluster).hasCronJob("default", "hello")
                .hasLastScheduleTime(Instant.parse("2025-01-01T00:02:00Z")))
                .hasMessageStartingWith("Expecting cron job default/hello to have been last scheduled at 2025-01-01T00:02:00Z,\n"
                        + "but it was last scheduled at 2025-01-01T00:01:00Z.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasCronJob("default", "hello").isSuspended())
                .hasMessageStartingWith("Expecting cron job default/hello to be suspended,\nbut it is not suspended.\n");
    }

    @Test
    void aSuspendedCronJobStartsNoJobs(Cluster cluster) {
        cluster.apply("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: hello}
                spec:
                  schedule: "*/1 * * * *"
                  suspend: true
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: hello, image: busybox, command: [echo, hello k8s CronJob!]}]
                          restartPolicy: OnFailure
                """);
        cluster.advance(Duration.ofMinutes(2));

        assertThat(cluster).hasCronJob("default", "hello").isSuspended().hasActiveJobs(0);
        assertThatThrownBy(() -> assertThat(cluster).hasCronJob("default", "hello").isNotSuspended())
                .hasMessageStartingWith("Expecting cron job default/hello to not be suspended,\nbut it is suspended.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasCronJob("default", "hello")
                .hasLastScheduleTime(Instant.parse("2025-01-01T00:01:00Z")))
                .hasMessageStartingWith("Expecting cron job default/hello to have been last scheduled at 2025-01-01T00:01:00Z,\n"
                        + "but it has never been scheduled.\n");
    }
}
