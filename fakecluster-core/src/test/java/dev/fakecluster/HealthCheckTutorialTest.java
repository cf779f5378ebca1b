package dev.fakecluster;

import static dev.fakecluster.PodRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's health-check chapter (seed BEHAVIOURS.md section I) with its manifests unchanged:
 * liveness restarts, readiness flips, a rollout held back by readiness, and its rollback. Pods land
 * at t = 0 and their containers start at t = 2 s (the default start-up delay).
 */
class HealthCheckTutorialTest {

    private static Resource event(Cluster cluster, String reason) {
        return cluster.events("default").stream().filter(e -> e.field("reason").orElse("").equals(reason))
                .findFirst().orElseThrow(() -> new AssertionError("no " + reason + " event"));
    }

    @Test
    void livenessFailsThreeTimesThenTheContainerIsKilledWith137AndRestarted() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("liveness.yml"));
            // probe ticks every 5 s from admission; the file goes at start + 30 s = 32 s;
            // failures at 35, 40 and 45 s; sh ignores SIGTERM, so the kill comes 30 s later
            cluster.advance(Duration.ofSeconds(44));
            assertThat(row(cluster, "liveness")).isEqualTo("1/1 Running 0");
            assertThat(event(cluster, "Unhealthy").field("count")).contains("2");

            cluster.advance(Duration.ofSeconds(1));
            assertThat(event(cluster, "Killing").field("message"))
                    .contains("Container liveness failed liveness probe, will be restarted");
            cluster.advance(Duration.ofSeconds(29));
            assertThat(row(cluster, "liveness")).isEqualTo("1/1 Running 0");

            cluster.advance(Duration.ofSeconds(1));
            assertThat(row(cluster, "liveness")).isEqualTo("1/1 Running 1");
            Resource pod = cluster.get("pods", "default", "liveness").orElseThrow();
            assertThat(pod.field("status.containerStatuses[0].lastState.terminated.exitCode")).contains("137");
            assertThat(pod.field("status.containerStatuses[0].lastState.terminated.reason")).contains("Error");
            Resource unhealthy = event(cluster, "Unhealthy");
            assertThat(unhealthy.field("count")).contains("3");
            assertThat(unhealthy.field("type")).contains("Warning");
            assertThat(unhealthy.field("message"))
                    .contains("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
        }
    }

    @Test
    void readinessTurnsOnAtTheFirstProbeAndOffAfterThreeFailuresWithoutRestarts() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("readiness.yml"));

            cluster.advance(Duration.ofSeconds(11));
            assertThat(row(cluster, "readiness")).isEqualTo("0/1 Running 0");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(row(cluster, "readiness")).isEqualTo("1/1 Running 0");
            cluster.advance(Duration.ofSeconds(29));
            assertThat(row(cluster, "readiness")).isEqualTo("1/1 Running 0");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(row(cluster, "readiness")).isEqualTo("0/1 Running 0");
            cluster.advance(Duration.ofMinutes(5));
            assertThat(row(cluster, "readiness")).isEqualTo("0/1 Running 0");
        }
    }

    @Test
    void aRolloutWhoseReadinessNeverPassesStallsAtEightOfTenWithThirteenPodsAndRollsBack() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(Seed.manifest("app.v1.yml"));
            cluster.advance(Duration.ofSeconds(15));
            assertThat(cluster.table("deploy", "default")).contains("app    10/10   10           10");

            cluster.apply(Seed.manifest("app.v2.yml"));
            cluster.advance(Duration.ofMinutes(2));

            assertThat(cluster.table("deploy", "default")).contains("app    8/10    5            8");
            assertThat(cluster.list("pods", "default", null).stream().filter(p -> p.deletionTimestamp().isEmpty()))
                    .hasSize(13);
            cluster.advance(Duration.ofMinutes(9));
            Resource app = cluster.get("deploy", "default", "app").orElseThrow();
            assertThat(app.field("status.conditions[1].reason")).contains("ProgressDeadlineExceeded");

            assertThat(cluster.rollback("default", "app", 1)).isEqualTo("deployment.apps/app rolled back");
            cluster.advance(Duration.ofSeconds(20));
            assertThat(cluster.table("deploy", "default")).contains("app    10/10   10           10");
        }
    }

    @Test
    void thirtyFivePercentSurgeAndUnavailabilityStallAtFourteenPodsSevenAvailable() {
        try (Cluster cluster = Cluster.builder().build()) {
            String v1 = Seed.manifest("app.v1-strategy35.yml");
            cluster.apply(v1);
            cluster.advance(Duration.ofSeconds(15));

            cluster.apply(v1.replace("sleep 10; touch /tmp/healthy; sleep 30000", "sleep 3000"));
            cluster.advance(Duration.ofMinutes(2));

            assertThat(cluster.table("deploy", "default")).contains("app    7/10    7            7");
            assertThat(cluster.list("pods", "default", null).stream().filter(p -> p.deletionTimestamp().isEmpty()))
                    .hasSize(14);
        }
    }

    @Test
    void podsJoinOnlyWhenTheirHealthEndpointAnswersAndLeaveAfterThreeFailures() {
        AtomicBoolean healthy = new AtomicBoolean(true);
        try (Cluster cluster = Cluster.builder().image("myhttpd", ContainerBehaviour.httpServer(request ->
                request.path().equals("/health") && !healthy.get() ? Reply.of(503, "sick") : Reply.of(200, "ok")))
                .build()) {
            cluster.apply(Seed.manifest("scaleup-readiness.yml"));
            cluster.advance(Duration.ofSeconds(11));
            assertThat(cluster.table("deploy", "default")).contains("web    0/3");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(cluster.table("deploy", "default")).contains("web    3/3");

            healthy.set(false);
            cluster.advance(Duration.ofSeconds(15));

            assertThat(cluster.table("deploy", "default")).contains("web    0/3");
            assertThat(event(cluster, "Unhealthy").field("message")).contains("Readiness probe failed: HTTP probe failed with statuscode: 503");
        }
    }
}
