package dev.fakecluster.internal.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronJobControllerTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:30Z");

    private static String cronJob(String schedule, String extraSpec, String command) {
        return """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick}
                spec:
                  schedule: "%s"
                %s
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: c, image: busybox, command: ["sh", "-c", "%s"]}]
                """.formatted(schedule, extraSpec, command);
    }

    private static List<String> jobs(Cluster cluster) {
        return cluster.list("jobs", "default", null).stream().filter(j -> j.deletionTimestamp().isEmpty())
                .map(Resource::name).toList();
    }

    private static List<String> messages(Cluster cluster) {
        return cluster.events("default").stream().map(e -> e.field("message").orElse("")).toList();
    }

    @Test
    void forbidSkipsRunsWhileOneIsActiveThenStartsTheLatestMissedOne() {
        try (Cluster cluster = Cluster.builder().startTime(START).build()) {
            cluster.apply(cronJob("*/1 * * * *", "  concurrencyPolicy: Forbid", "sleep 150"));
            cluster.advance(Duration.ofMinutes(4));

            // 00:01 runs until 00:03:32; 00:02 and 00:03 are refused; once it completes, the most
            // recent missed time (00:03) starts at once, and 00:04 is refused again.
            assertThat(jobs(cluster)).containsExactly("tick-28401121", "tick-28401123");
            assertThat(cluster.get("job", "default", "tick-28401123").orElseThrow().creationTimestamp())
                    .isEqualTo(Instant.parse("2024-01-01T00:03:33Z"));
            Resource refused = cluster.events("default").stream()
                    .filter(e -> e.field("reason").orElse("").equals("JobAlreadyActive")).findFirst().orElseThrow();
            assertThat(refused.field("message")).contains(
                    "Not starting job because prior execution is running and concurrency policy is Forbid");
            assertThat(refused.field("count")).contains("3");
        }
    }

    @Test
    void replaceDeletesTheRunningJobForTheNewOne() {
        try (Cluster cluster = Cluster.builder().startTime(START).build()) {
            cluster.apply(cronJob("*/1 * * * *", "  concurrencyPolicy: Replace", "sleep 150"));
            cluster.advance(Duration.ofMinutes(2));

            assertThat(jobs(cluster)).containsExactly("tick-28401122");
            assertThat(messages(cluster)).contains("Deleted job tick-28401121");
        }
    }

    @Test
    void allowRunsThemSideBySideAndHistoryLimitsPruneFinishedOnes() {
        try (Cluster cluster = Cluster.builder().startTime(START).build()) {
            cluster.apply(cronJob("*/1 * * * *", "  successfulJobsHistoryLimit: 2", "echo hi"));
            cluster.advance(Duration.ofMinutes(5).plusSeconds(10));

            assertThat(jobs(cluster)).containsExactly("tick-28401124", "tick-28401125");
        }
    }

    @Test
    void suspendStopsNewRuns() {
        try (Cluster cluster = Cluster.builder().startTime(START).build()) {
            cluster.apply(cronJob("*/1 * * * *", "  suspend: true", "echo hi"));
            cluster.advance(Duration.ofMinutes(3));

            assertThat(jobs(cluster)).isEmpty();
        }
    }

    @Test
    void aMissedStartPastTheDeadlineIsReportedNotRun() {
        try (Cluster cluster = Cluster.builder().startTime(START).build()) {
            cluster.apply(cronJob("0 * * * *", "  startingDeadlineSeconds: 10\n  suspend: true", "echo hi"));
            cluster.advance(Duration.ofMinutes(61));
            cluster.apply(cronJob("0 * * * *", "  startingDeadlineSeconds: 10", "echo hi"));

            assertThat(jobs(cluster)).isEmpty();
            cluster.advance(Duration.ofMinutes(60));
            assertThat(jobs(cluster)).containsExactly("tick-28401240");
        }
    }

    @Test
    void onlyTheMostRecentMissedRunStartsAfterAGap() {
        try (Cluster cluster = Cluster.builder().startTime(Instant.parse("2024-01-01T10:02:30Z")).build()) {
            cluster.apply(cronJob("*/5 * * * *", "  suspend: true", "echo hi"));
            cluster.advance(Duration.ofMinutes(14).plusSeconds(40));
            cluster.apply(cronJob("*/5 * * * *", "", "echo hi"));

            assertThat(jobs(cluster)).containsExactly("tick-" + Instant.parse("2024-01-01T10:15:00Z").getEpochSecond() / 60);
        }
    }

    @Test
    void schedulesFollowTheirTimeZone() {
        try (Cluster cluster = Cluster.builder().startTime(Instant.parse("2024-06-01T06:00:00Z")).build()) {
            cluster.apply(cronJob("0 9 * * *", "  timeZone: Europe/Berlin", "echo hi"));
            cluster.advance(Duration.ofHours(1).plusSeconds(1));

            Resource job = cluster.list("jobs", "default", null).get(0);
            assertThat(job.creationTimestamp()).isEqualTo(Instant.parse("2024-06-01T07:00:00Z"));
            assertThat(job.annotations()).containsEntry(CronJobController.SCHEDULED_TIMESTAMP, "2024-06-01T09:00:00+02:00");
        }
    }

    @Test
    void invalidSchedulesAndLongNamesAreRejected() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertThatThrownBy(() -> cluster.apply(cronJob("*/1 * * *", "", "echo hi")))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("CronJob.batch \"tick\" is invalid: spec.schedule: Invalid value: \"*/1 * * *\": "
                            + "expected exactly 5 fields, found 4: [*/1 * * *]");
            assertThatThrownBy(() -> cluster.apply(cronJob("@hourly", "  timeZone: Mars/Olympus", "echo hi")))
                    .hasMessageContaining("spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus");
            assertThatThrownBy(() -> cluster.apply(cronJob("@hourly", "", "echo hi").replace("name: tick", "name: " + "x".repeat(53))))
                    .hasMessageContaining("must be no more than 52 characters");
        }
    }
}
