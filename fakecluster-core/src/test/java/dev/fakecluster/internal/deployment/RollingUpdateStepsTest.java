package dev.fakecluster.internal.deployment;

import static dev.fakecluster.internal.deployment.RolloutHarness.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.internal.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rolling update, step by step: after each round in which every new pod becomes ready, the
 * ReplicaSets' sizes (old, new) are those the upstream controller's rolloutRolling produces.
 * The expected sequences were worked out by hand from rolling.go's arithmetic.
 */
class RollingUpdateStepsTest {

    static List<Arguments> rollouts() {
        return List.of(
                // 10 replicas, 25 %: surge ceil(2.5) = 3, unavailable floor(2.5) = 2
                Arguments.of(10, "25%", "25%", List.of(List.of(8, 5), List.of(3, 10), List.of(0, 10))),
                // 3 replicas, 25 %: surge 1, unavailable 0 — one pod at a time (the tutorial's httpd)
                Arguments.of(3, "25%", "25%", List.of(List.of(3, 1), List.of(2, 2), List.of(1, 3), List.of(0, 3))),
                // 5 replicas, 35 %: surge ceil(1.75) = 2, unavailable floor(1.75) = 1
                Arguments.of(5, "35%", "35%", List.of(List.of(4, 3), List.of(1, 5), List.of(0, 5))),
                // no surge: replace in place, one unavailable at a time
                Arguments.of(2, "0", "1", List.of(List.of(1, 1), List.of(0, 2))),
                // integers: surge 1, unavailable 1
                Arguments.of(4, "1", "1", List.of(List.of(3, 2), List.of(1, 4), List.of(0, 4))),
                // 10 % of 2 rounds up to a surge of 1 and down to no unavailability
                Arguments.of(2, "10%", "10%", List.of(List.of(2, 1), List.of(1, 2), List.of(0, 2))),
                // both round to 0: unavailable becomes 1
                Arguments.of(2, "0%", "10%", List.of(List.of(1, 1), List.of(0, 2))));
    }

    @ParameterizedTest(name = "{0} replicas, maxSurge {1}, maxUnavailable {2}")
    @MethodSource("rollouts")
    void replicaSetSizesFollowTheControllersStepsWhenNewPodsBecomeReady(int replicas, String surge, String unavailable,
            List<List<Integer>> expected) {
        RolloutHarness h = new RolloutHarness();
        h.apply(deployment("web", replicas, quoted(surge), quoted(unavailable), "app:v1"));
        h.kubeletReadiesEverything();
        assertThat(h.sizes()).containsExactly(replicas);

        h.apply(deployment("web", replicas, quoted(surge), quoted(unavailable), "app:v2"));
        List<List<Integer>> steps = new ArrayList<>();
        steps.add(h.sizes());
        for (int i = 1; i < expected.size(); i++) {
            h.kubeletReadiesEverything();
            steps.add(h.sizes());
        }

        assertThat(steps).isEqualTo(expected);
        h.kubeletReadiesEverything();
        assertThat(h.status("web")).containsExactly(replicas, replicas, replicas, replicas, 0);
        assertThat(Json.text(h.deployment("web").json(), "status", "observedGeneration")).isEqualTo("2");
    }

    private static String quoted(String v) {
        return v.endsWith("%") ? "\"" + v + "\"" : v;
    }

    @ParameterizedTest(name = "{0} replicas at {1}: {2} pods, {3} available")
    @MethodSource("stalls")
    void newPodsThatNeverBecomeReadyStallTheRolloutAtSurgeAndUnavailableLimits(int replicas, String pct, int pods,
            int available, List<String> events) {
        RolloutHarness h = new RolloutHarness();
        h.apply(deployment("app", replicas, quoted(pct), quoted(pct), "app:v1"));
        h.kubeletReadiesEverything();
        List<String> before = h.scalingEvents();

        h.apply(deployment("app", replicas, quoted(pct), quoted(pct), "app:v2"));
        h.kubelet(pod -> pod.json().toString().contains("app:v1"));
        h.advance(Duration.ofMinutes(5));

        List<Integer> status = h.status("app");
        assertThat(status.get(0)).as("pods").isEqualTo(pods);
        assertThat(status.get(3)).as("available").isEqualTo(available);
        assertThat(status.get(4)).as("unavailable").isEqualTo(pods - available);
        List<String> rollout = h.scalingEvents().subList(before.size(), h.scalingEvents().size());
        String oldRs = h.replicaSets().get(0).name();
        String newRs = h.replicaSets().get(1).name();
        assertThat(rollout).containsExactlyElementsOf(
                events.stream().map(e -> e.replace("OLD", oldRs).replace("NEW", newRs)).toList());
    }

    static List<Arguments> stalls() {
        return List.of(
                Arguments.of(10, "25%", 13, 8, List.of("Scaled up replica set NEW to 3",
                        "Scaled down replica set OLD to 8 from 10", "Scaled up replica set NEW to 5 from 3")),
                Arguments.of(10, "35%", 14, 7, List.of("Scaled up replica set NEW to 4",
                        "Scaled down replica set OLD to 7 from 10", "Scaled up replica set NEW to 7 from 4")));
    }
}
