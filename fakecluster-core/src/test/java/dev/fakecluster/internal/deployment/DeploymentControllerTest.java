package dev.fakecluster.internal.deployment;

import static dev.fakecluster.internal.deployment.RolloutHarness.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {

    private final RolloutHarness h = new RolloutHarness();

    private void stalledRollout() {
        h.apply(deployment("app", 10, "\"25%\"", "\"25%\"", "app:v1"));
        h.kubeletReadiesEverything();
        h.advance(Duration.ofSeconds(1));
        h.apply(deployment("app", 10, "\"25%\"", "\"25%\"", "app:v2"));
        h.kubelet(pod -> pod.json().toString().contains("app:v1"));
    }

    private JsonNode condition(String type) {
        return DeploymentController.condition(h.deployment("app").json().path("status"), type);
    }

    @Test
    void progressDeadlinePassesSixHundredSecondsAfterTheLastProgress() {
        stalledRollout();

        h.advance(Duration.ofSeconds(600));
        assertThat(condition("Progressing").path("reason").asText()).isEqualTo("ReplicaSetUpdated");

        h.advance(Duration.ofSeconds(1));
        JsonNode progressing = condition("Progressing");
        assertThat(progressing.path("status").asText()).isEqualTo("False");
        assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(progressing.path("message").asText())
                .isEqualTo("ReplicaSet \"" + h.replicaSets().get(1).name() + "\" has timed out progressing.");
        assertThat(condition("Available").path("reason").asText()).isEqualTo("MinimumReplicasAvailable");
    }

    @Test
    void rollingBackAStalledRolloutRemovesTheUnavailablePodsFirst() {
        stalledRollout();
        String oldRs = h.replicaSets().get(0).name();

        Rollback.undo(h.api, "default", "app", 1);
        h.settle();

        assertThat(h.replicaSets()).extracting(StoredObject::name).last().isEqualTo(oldRs);
        assertThat(h.replicaSets().get(1).json().path("metadata").path("annotations").path(ReplicaSets.REVISION).asText())
                .isEqualTo("3");
        assertThat(Json.text(h.replicaSets().get(1).json(), "metadata", "annotations", ReplicaSets.REVISION_HISTORY))
                .isEqualTo("1");
        assertThat(h.sizes()).containsExactly(0, 10);
        h.kubeletReadiesEverything();
        assertThat(h.status("app")).containsExactly(10, 10, 10, 10, 0);
    }

    @Test
    void scalingMidRolloutSplitsTheNewReplicasInProportion() {
        stalledRollout();
        assertThat(h.sizes()).containsExactly(8, 5);

        h.apply(deployment("app", 15, "\"25%\"", "\"25%\"", "app:v2"));

        assertThat(h.sizes()).containsExactly(12, 7);
        assertThat(Json.text(h.replicaSets().get(0).json(), "metadata", "annotations", ReplicaSets.MAX_REPLICAS))
                .isEqualTo("19");
    }

    @Test
    void recreateRemovesEveryOldPodBeforeCreatingNewOnes() {
        String v1 = deployment("web", 3, "0", "1", "app:v1").replace(
                "type: RollingUpdate\n    rollingUpdate: {maxSurge: 0, maxUnavailable: 1}", "type: Recreate");
        h.apply(v1);
        h.kubeletReadiesEverything();
        h.advance(Duration.ofSeconds(1));

        h.apply(v1.replace("app:v1", "app:v2"));
        assertThat(h.sizes()).containsExactly(0);
        assertThat(h.api.state().list("pods", "default")).allMatch(StoredObject::isDeleting);

        h.kubelet(pod -> false);
        assertThat(h.sizes()).containsExactly(0, 3);
    }

    @Test
    void aPausedDeploymentScalesButDoesNotRollOut() {
        h.apply(deployment("web", 2, "1", "0", "app:v1"));
        h.kubeletReadiesEverything();
        String paused = deployment("web", 4, "1", "0", "app:v2").replace("  replicas: 4\n", "  replicas: 4\n  paused: true\n");

        h.apply(paused);

        assertThat(h.sizes()).containsExactly(4);
        assertThat(condition("web", "Progressing").path("reason").asText()).isEqualTo("DeploymentPaused");
    }

    private JsonNode condition(String name, String type) {
        return DeploymentController.condition(h.deployment(name).json().path("status"), type);
    }

    @Test
    void revisionHistoryLimitDeletesTheOldestEmptyReplicaSets() {
        String base = deployment("web", 1, "1", "0", "IMAGE").replace("  replicas: 1\n",
                "  replicas: 1\n  revisionHistoryLimit: 1\n");
        for (String image : List.of("app:v1", "app:v2", "app:v3", "app:v4")) {
            h.apply(base.replace("IMAGE", image));
            h.kubeletReadiesEverything();
            h.kubeletReadiesEverything();
            h.advance(Duration.ofSeconds(1));
        }

        assertThat(h.replicaSets()).extracting(ReplicaSets::revision).containsExactly(3L, 4L);
    }

    @Test
    void availabilityWaitsForMinReadySeconds() {
        h.apply(deployment("web", 2, "1", "0", "app:v1").replace("  replicas: 2\n", "  replicas: 2\n  minReadySeconds: 10\n"));
        h.kubeletReadiesEverything();
        assertThat(h.status("web")).containsExactly(2, 2, 2, 0, 2);

        h.advance(Duration.ofSeconds(10));
        assertThat(h.status("web").get(3)).isZero();

        h.advance(Duration.ofSeconds(1));
        assertThat(h.status("web")).containsExactly(2, 2, 2, 2, 0);
    }

    @Test
    void changeCauseAndOtherAnnotationsAreCopiedToTheNewReplicaSet() {
        h.apply(deployment("web", 1, "1", "0", "app:v1").replace("metadata: {name: web}",
                "metadata: {name: web, annotations: {kubernetes.io/change-cause: kubectl apply --record=true}}"));

        JsonNode annotations = h.replicaSets().get(0).json().path("metadata").path("annotations");
        assertThat(annotations.path("kubernetes.io/change-cause").asText()).isEqualTo("kubectl apply --record=true");
        assertThat(annotations.path(ReplicaSets.DESIRED_REPLICAS).asText()).isEqualTo("1");
        assertThat(annotations.path(ReplicaSets.MAX_REPLICAS).asText()).isEqualTo("2");
        assertThat(annotations.has("kubectl.kubernetes.io/last-applied-configuration")).isFalse();
    }
}
