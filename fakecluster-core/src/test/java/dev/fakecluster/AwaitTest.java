package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** {@link Cluster#await()}: waiting on the real-time clock and on other threads' writes. */
class AwaitTest {

    private static boolean available(Cluster cluster) {
        return cluster.get("deploy", "default", "web").flatMap(d -> d.field("status.availableReplicas"))
                .filter("2"::equals).isPresent();
    }

    @Test
    void aRealTimeClusterRollsOutWhileTheTestWaits() {
        try (Cluster cluster = Cluster.builder().realTime(100).build()) {
            cluster.apply(ClusterTest.NGINX);

            cluster.await().until(() -> available(cluster));

            assertThat(cluster.list("pods", "default", null)).hasSize(2);
        }
    }

    @Test
    void onAVirtualClockItSeesWhatAnotherThreadWrites() {
        try (Cluster cluster = Cluster.builder().build()) {
            CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> cluster.apply("""
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "from-the-operator"}}
                    """));

            cluster.await().until(() -> cluster.get("configmap", "default", "from-the-operator").isPresent());

            assertThat(operator).succeedsWithin(Duration.ofSeconds(5));
        }
    }

    @Test
    void itGivesUpAtItsLimitWhenNothingMakesTheConditionTrue() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(ClusterTest.NGINX);

            assertThatThrownBy(() -> cluster.await().atMost(Duration.ofMillis(100)).until(() -> available(cluster)))
                    .as("a virtual clock does not move by itself: advanceUntil is the tool")
                    .isInstanceOf(ConditionTimeoutException.class);
        }
    }
}
