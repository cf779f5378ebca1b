package dev.fakecluster.internal.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetControllerTest {

    private static final String RS = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "nginx:1.25"}]}
            """;

    private static final String ORPHAN = """
            apiVersion: v1
            kind: Pod
            metadata: {name: stray, labels: {app: web}}
            spec: {containers: [{name: web, image: "nginx:1.25"}]}
            """;

    private static List<Resource> pods(Cluster cluster) {
        return cluster.list("pods", "default", null).stream().filter(p -> p.deletionTimestamp().isEmpty()).toList();
    }

    @Test
    void aMatchingOrphanIsAdoptedAndCountsTowardsTheReplicas() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(ORPHAN);
            cluster.apply(RS);

            assertThat(pods(cluster)).hasSize(3);
            Resource stray = cluster.get("pods", "default", "stray").orElseThrow();
            assertThat(stray.field("metadata.ownerReferences[0].name")).contains("web");
            assertThat(stray.field("metadata.ownerReferences[0].controller")).contains("true");
        }
    }

    @Test
    void aPodRelabelledOutOfTheSelectorIsReleasedAndReplaced() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(RS);
            cluster.advance(Duration.ofSeconds(5));
            String name = pods(cluster).get(0).name();

            cluster.apply(ORPHAN.replace("name: stray", "name: " + name).replace("app: web}", "app: debug}"));

            Resource released = cluster.get("pods", "default", name).orElseThrow();
            assertThat(released.field("metadata.ownerReferences[0].name")).isEmpty();
            assertThat(cluster.list("pods", "default", "app=web")).hasSize(3).extracting(Resource::name).doesNotContain(name);
            assertThat(cluster.get("rs", "default", "web").orElseThrow().field("status.replicas")).contains("3");
        }
    }

    @Test
    void aDeletedPodIsReplacedAsSoonAsItStartsTerminating() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(RS);
            cluster.advance(Duration.ofSeconds(5));
            String victim = pods(cluster).get(0).name();

            cluster.delete("pods", "default", victim);

            assertThat(cluster.get("pods", "default", victim).orElseThrow().deletionTimestamp()).isPresent();
            assertThat(pods(cluster)).hasSize(3).extracting(Resource::name).doesNotContain(victim);
            assertThat(cluster.events("default")).anySatisfy(e ->
                    assertThat(e.field("message").orElseThrow()).startsWith("Created pod: web-"));
        }
    }

    @Test
    void scaleDownDeletesUnreadyAndUnscheduledPodsFirst() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(RS);
            cluster.advance(Duration.ofSeconds(5));
            cluster.node("node2").cordon();
            cluster.node("node3").cordon();
            cluster.scale("rs", "default", "web", 5);
            List<String> pending = cluster.list("pods", "default", null).stream()
                    .filter(p -> p.field("spec.nodeName").isEmpty()).map(Resource::name).toList();
            assertThat(pending).hasSize(2);

            cluster.scale("rs", "default", "web", 3);

            assertThat(pods(cluster)).hasSize(3).extracting(Resource::name).doesNotContainAnyElementsOf(pending);
            assertThat(pods(cluster)).allSatisfy(p -> assertThat(p.field("status.phase")).contains("Running"));
        }
    }
}
