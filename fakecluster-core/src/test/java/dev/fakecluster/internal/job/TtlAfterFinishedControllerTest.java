package dev.fakecluster.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlAfterFinishedControllerTest {

    @Test
    void ttlDeletesFinishedJobAndItsPods() {
        String manifest = JobControllerTest.seed("myjob.v1.yml")
                .replace("spec:\n  template:", "spec:\n  ttlSecondsAfterFinished: 100\n  template:");
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(manifest);

            cluster.advance(Duration.ofSeconds(102));
            assertThat(JobControllerTest.job(cluster, "myjob").field("status.conditions[1].lastTransitionTime"))
                    .contains("2025-01-01T00:00:03Z");
            assertThat(JobControllerTest.pods(cluster)).hasSize(1);

            cluster.advance(Duration.ofSeconds(1));
            assertThat(cluster.list("jobs", "default", null)).isEmpty();
            assertThat(JobControllerTest.pods(cluster)).isEmpty();
        }
    }
}
