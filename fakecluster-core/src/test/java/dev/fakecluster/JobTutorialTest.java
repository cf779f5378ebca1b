package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tutorial's Job and CronJob chapter (seed BEHAVIOURS.md section F). */
class JobTutorialTest {

    @Test
    void aJobRunsItsPodToCompletionAndKeepsItsOutput() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("myjob.v1.yml"));
            cluster.advance(Duration.ofSeconds(14));

            assertThat(cluster.table("jobs", "default")).contains("myjob   Complete   1/1");
            Resource pod = cluster.list("pods", "default", "job-name=myjob").get(0);
            assertThat(pod.name()).matches("myjob-[bcdfghjklmnpqrstvwxz2456789]{5}");
            assertThat(cluster.table("pods", "default")).contains(pod.name() + "   0/1     Completed   0");
            assertThat(cluster.logs("default", pod.name())).isEqualTo("hello k8s Job!\n");

            cluster.delete("job", "default", "myjob");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(cluster.list("pods", "default", null)).isEmpty();
        }
    }

    @Test
    void aParallelJobRunsBothPodsAtOnce() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("myjob.v4-parallel.yml"));
            cluster.advance(Duration.ofSeconds(16));

            assertThat(cluster.table("jobs", "default")).contains("myjob   Complete   2/2");
            List<Resource> pods = cluster.list("pods", "default", "job-name=myjob");
            assertThat(pods).hasSize(2).extracting(Resource::creationTimestamp).containsOnly(pods.get(0).creationTimestamp());
        }
    }

    @Test
    void aCronJobStartsOneJobEveryMinuteNamedByTheScheduledMinute() {
        Instant start = Instant.parse("2019-05-10T09:46:30Z");
        try (Cluster cluster = Cluster.builder().startTime(start).build()) {
            cluster.apply(Seed.manifest("mycronjob.yml"));
            assertThat(cluster.table("cronjobs", "default"))
                    .contains("hello   */1 * * * *   <none>     False     0        <none>");

            cluster.advance(Duration.ofSeconds(30 + 3 * 60));

            assertThat(cluster.list("jobs", "default", null)).extracting(Resource::name)
                    .containsExactly("hello-25958027", "hello-25958028", "hello-25958029");
            assertThat(cluster.list("jobs", "default", null)).extracting(Resource::creationTimestamp).containsExactly(
                    Instant.parse("2019-05-10T09:47:00Z"), Instant.parse("2019-05-10T09:48:00Z"),
                    Instant.parse("2019-05-10T09:49:00Z"));
            assertThat(cluster.table("jobs", "default")).contains("hello-25958029   Complete   1/1");
            Resource pod = cluster.list("pods", "default", "job-name=hello-25958029").get(0);
            assertThat(pod.name()).matches("hello-25958029-[bcdfghjklmnpqrstvwxz2456789]{5}");
            assertThat(cluster.logs("default", pod.name())).isEqualTo("hello k8s CronJob!\n");
            Resource cronJob = cluster.get("cronjob", "default", "hello").orElseThrow();
            assertThat(cronJob.field("status.lastScheduleTime")).contains("2019-05-10T09:49:00Z");
            assertThat(cronJob.field("status.lastSuccessfulTime")).isPresent();
            assertThat(cluster.events("default")).anySatisfy(e ->
                    assertThat(e.field("message")).contains("Created job hello-25958029"));

            cluster.delete("cronjob", "default", "hello");
            cluster.advance(Duration.ofSeconds(2));
            assertThat(cluster.list("jobs", "default", null)).isEmpty();
        }
    }
}
