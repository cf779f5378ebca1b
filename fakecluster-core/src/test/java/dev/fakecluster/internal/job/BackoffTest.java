package dev.fakecluster.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static JsonNode podFinishedAt(Instant at) {
        var pod = Json.object();
        pod.putObject("metadata").put("creationTimestamp", Json.time(T));
        pod.putObject("status").putArray("containerStatuses").addObject().putObject("state").putObject("terminated")
                .put("finishedAt", Json.time(at));
        return pod;
    }

    @Test
    void delayDoublesFromTenSecondsAndStopsAtTenMinutes() {
        List<Long> delays = new ArrayList<>();
        for (int failures = 1; failures <= 9; failures++) {
            delays.add(new Backoff(failures, T).remaining(T).toSeconds());
        }

        assertThat(delays).containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 600L, 600L, 600L);
        assertThat(new Backoff(2, T).remaining(T.plusSeconds(15))).isEqualTo(Duration.ofSeconds(5));
        assertThat(new Backoff(2, T).remaining(T.plusSeconds(20))).isZero();
        assertThat(Backoff.NONE.remaining(T)).isZero();
    }

    @Test
    void failuresCountFromTheLastSuccess() {
        Backoff two = Backoff.NONE.after(List.of(), List.of(podFinishedAt(T.plusSeconds(5)), podFinishedAt(T)));
        assertThat(two).isEqualTo(new Backoff(2, T.plusSeconds(5)));

        Backoff afterSuccess = two.after(List.of(podFinishedAt(T.plusSeconds(10))),
                List.of(podFinishedAt(T.plusSeconds(8)), podFinishedAt(T.plusSeconds(12))));
        assertThat(afterSuccess).isEqualTo(new Backoff(1, T.plusSeconds(12)));
        assertThat(afterSuccess.after(List.of(podFinishedAt(T.plusSeconds(20))), List.of())).isEqualTo(Backoff.NONE);
    }
}
