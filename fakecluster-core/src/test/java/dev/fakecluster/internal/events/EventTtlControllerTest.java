package dev.fakecluster.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventTtlControllerTest {

    @Test
    void eventsGoAnHourAfterTheirLastOccurrence() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: crash}
                    spec:
                      restartPolicy: Always
                      containers: [{name: c, image: busybox, command: [sh, -c, "exit 1"]}]
                    """);
            cluster.advance(Duration.ofMinutes(10));
            int before = cluster.events("default").size();
            assertThat(before).isPositive();

            cluster.advance(Duration.ofMinutes(51));
            assertThat(cluster.events("default")).hasSizeLessThan(before)
                    .allSatisfy(e -> assertThat(e.field("reason")).isIn(java.util.Optional.of("BackOff"),
                            java.util.Optional.of("Pulling"), java.util.Optional.of("Pulled"),
                            java.util.Optional.of("Created"), java.util.Optional.of("Started")));
            assertThat(cluster.events("default")).noneMatch(e -> e.field("reason").orElse("").equals("Scheduled"));
        }
    }
}
