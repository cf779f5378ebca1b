package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvanceUntilTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static boolean available(Cluster cluster) {
        return cluster.get("deploy", "default", "web").flatMap(d -> d.field("status.availableReplicas"))
                .filter("2"::equals).isPresent();
    }

    @Test
    void stopsAtTheFirstInstantTheConditionHolds() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(ClusterTest.NGINX);

            Cluster returned = cluster.advanceUntil(AdvanceUntilTest::available, Duration.ofMinutes(5));

            assertThat(returned).isSameAs(cluster);
            assertThat(cluster.now()).isEqualTo(START.plusSeconds(2));
            assertThat(cluster.table("deploy", "default")).contains("web    2/2     2            2           2s");
        }
    }

    @Test
    void checksAfterEveryInstantAtWhichTimersFire() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(ClusterTest.NGINX);
            List<Instant> checkedAt = new ArrayList<>();

            cluster.advanceUntil(c -> {
                checkedAt.add(c.now());
                return available(c);
            }, Duration.ofMinutes(5));

            assertThat(checkedAt).first().isEqualTo(START);
            assertThat(checkedAt).last().isEqualTo(START.plusSeconds(2));
            assertThat(checkedAt).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aConditionThatAlreadyHoldsLeavesTheClockAlone() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.advanceUntil(c -> true, Duration.ofMinutes(5));

            assertThat(cluster.now()).isEqualTo(START);
        }
    }

    @Test
    void failsWhenTheLimitPassesAndLeavesTheClockAtTheLimit() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(ClusterTest.NGINX.replace("nginx:1.25\n", "nginx:1.25\n        resources: {requests: {cpu: \"64\"}}\n"));

            assertThatThrownBy(() -> cluster.advanceUntil(AdvanceUntilTest::available, Duration.ofSeconds(90)))
                    .isInstanceOfSatisfying(ConditionTimeoutException.class, e -> {
                        assertThat(e.limit()).isEqualTo(Duration.ofSeconds(90));
                        assertThat(e.gaveUpAt()).isEqualTo(START.plusSeconds(90));
                    })
                    .hasMessage("Condition still false after 90s of cluster time"
                            + " (from 2025-01-01T00:00:00Z to 2025-01-01T00:01:30Z)");
            assertThat(cluster.now()).isEqualTo(START.plusSeconds(90));
        }
    }

    @Test
    void aZeroLimitChecksOnceWithoutMovingTheClock() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertThatThrownBy(() -> cluster.advanceUntil(c -> false, Duration.ZERO))
                    .isInstanceOf(ConditionTimeoutException.class);
            assertThat(cluster.now()).isEqualTo(START);
        }
    }

    @Test
    void aNegativeLimitIsRejected() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertThatThrownBy(() -> cluster.advanceUntil(c -> true, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("time only moves forward; got a limit of PT-1S");
        }
    }

    @Test
    void sameCallsStopAtTheSameInstantAndState() {
        assertThat(runUntilRolledOut(3)).isEqualTo(runUntilRolledOut(3));
    }

    private static String runUntilRolledOut(long seed) {
        try (Cluster cluster = Cluster.builder().seed(seed).build()) {
            cluster.apply(ClusterTest.NGINX);
            cluster.advanceUntil(AdvanceUntilTest::available, Duration.ofMinutes(1));
            cluster.setImage("default", "web", "nginx", "nginx:1.26");
            cluster.advanceUntil(c -> c.list("pods", "default", "app=web").stream()
                    .allMatch(p -> p.field("spec.containers[0].image").orElse("").equals("nginx:1.26")
                            && p.deletionTimestamp().isEmpty()), Duration.ofMinutes(5));
            return cluster.now() + "\n" + cluster.table("pods", "default");
        }
    }
}
