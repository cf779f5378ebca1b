package dev.fakecluster.internal.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Probe timing tables: admitted at t = 0, container started at t = 2; the handler passes while
 * {@code healthy} holds at that second. Each row lists the seconds at which the probe ran and the
 * seconds at which its result flipped.
 */
class ProberTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private record Trace(List<Long> ran, List<String> flips) {
    }

    private static Trace run(Prober.Kind kind, JsonNode spec, IntPredicate healthy, int until) {
        Prober p = new Prober(kind, spec, T0);
        Instant started = T0.plusSeconds(2);
        List<Long> ran = new ArrayList<>();
        List<String> flips = new ArrayList<>();
        boolean containerStarted = false;
        for (int t = 0; t <= until; t++) {
            Instant now = T0.plusSeconds(t);
            if (!containerStarted && !now.isBefore(started)) {
                p.containerStarted(started);
                containerStarted = true;
            }
            while (!p.nextTick().isAfter(now)) {
                int second = t;
                Prober.Run r = p.tick(now, containerStarted ? started : null, true,
                        () -> new Prober.Attempt(healthy.test(second), healthy.test(second) ? "" : "no"));
                if (r.probed()) {
                    ran.add((long) t);
                }
                if (r.flipped()) {
                    flips.add(t + ":" + p.result());
                }
            }
        }
        return new Trace(ran, flips);
    }

    private static ObjectNode spec(int delay, int period, int success, int failure) {
        return Json.object().put("initialDelaySeconds", delay).put("periodSeconds", period)
                .put("successThreshold", success).put("failureThreshold", failure);
    }

    @ParameterizedTest(name = "readiness delay {0} period {1}: runs {4}, flips {5}")
    @CsvSource(delimiter = '|', value = {
            // delay | period | healthy from | healthy until | runs | flips
            "0  | 10 | 0  | 99 | 2 12 22          | 2:true",
            "10 | 5  | 0  | 31 | 12 17 22 27 32 37 42 | 12:true 42:false",
            "10 | 5  | 12 | 99 | 12 17 22         | 12:true",
            "5  | 3  | 0  | 99 | 8 11 14 17 20     | 8:true"})
    void readinessRunsAtStartAndEveryPeriodAfterTheInitialDelay(int delay, int period, int from, int until,
            String runs, String flips) {
        Trace trace = run(Prober.Kind.READINESS, spec(delay, period, 1, 3), t -> t >= from && t < until,
                Integer.parseInt(runs.trim().split(" ")[runs.trim().split(" ").length - 1]));

        assertThat(trace.ran()).containsExactlyElementsOf(List.of(runs.trim().split(" ")).stream().map(Long::parseLong).toList());
        assertThat(trace.flips()).containsExactly(flips.trim().split(" "));
    }

    @ParameterizedTest(name = "liveness delay {0} period {1}, failing from {2}: flips {3}")
    @CsvSource(delimiter = '|', value = {
            // ticks from admission (t = 0), not from the start: 15, 20, 25 ... with a 10 s delay after t = 2
            "10 | 5  | 32 | 45:false",
            "0  | 10 | 5  | 30:false",
            "0  | 10 | 99 | -"})
    void livenessFailsAfterThreeConsecutiveFailuresOnTheAdmissionTicks(int delay, int period, int failingFrom,
            String flips) {
        Trace trace = run(Prober.Kind.LIVENESS, spec(delay, period, 1, 3), t -> t < failingFrom, 60);

        assertThat(trace.flips()).containsExactlyElementsOf(flips.equals("-") ? List.of() : List.of(flips.split(" ")));
    }
}
