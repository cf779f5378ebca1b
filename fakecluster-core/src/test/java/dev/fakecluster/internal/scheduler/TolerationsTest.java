package dev.fakecluster.internal.scheduler;

import static dev.fakecluster.internal.scheduler.Fixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

class TolerationsTest {

    private static final JsonNode CONTROL_PLANE = json("{'key': 'node-role.kubernetes.io/control-plane', 'effect': 'NoSchedule'}");
    private static final JsonNode GPU = json("{'key': 'dedicated', 'value': 'gpu', 'effect': 'NoSchedule'}");

    @Test
    void emptyKeyWithExistsToleratesEveryTaint() {
        JsonNode tolerations = json("[{'operator': 'Exists'}]");

        assertThat(Tolerations.tolerates(tolerations, CONTROL_PLANE)).isTrue();
        assertThat(Tolerations.tolerates(tolerations, GPU)).isTrue();
        assertThat(Tolerations.tolerates(tolerations, json("{'key': 'x', 'effect': 'NoExecute'}"))).isTrue();
    }

    @Test
    void operatorDefaultsToEqualAndComparesValues() {
        assertThat(Tolerations.tolerates(json("[{'key': 'dedicated', 'value': 'gpu'}]"), GPU)).isTrue();
        assertThat(Tolerations.tolerates(json("[{'key': 'dedicated', 'value': 'cpu'}]"), GPU)).isFalse();
        assertThat(Tolerations.tolerates(json("[{'key': 'dedicated', 'operator': 'Equal', 'value': 'gpu'}]"), GPU)).isTrue();
        assertThat(Tolerations.tolerates(json("[{'key': 'dedicated'}]"), GPU)).as("Equal with empty value").isFalse();
    }

    @Test
    void existsIgnoresTheValue() {
        assertThat(Tolerations.tolerates(json("[{'key': 'dedicated', 'operator': 'Exists'}]"), GPU)).isTrue();
        assertThat(Tolerations.tolerates(json("[{'key': 'other', 'operator': 'Exists'}]"), GPU)).isFalse();
    }

    @Test
    void emptyEffectMatchesAllEffectsOtherwiseEffectsMustBeEqual() {
        JsonNode any = json("[{'key': 'dedicated', 'operator': 'Exists'}]");
        JsonNode noExecute = json("[{'key': 'dedicated', 'operator': 'Exists', 'effect': 'NoExecute'}]");

        assertThat(Tolerations.tolerates(any, GPU)).isTrue();
        assertThat(Tolerations.tolerates(noExecute, GPU)).isFalse();
        assertThat(Tolerations.tolerates(noExecute, json("{'key': 'dedicated', 'effect': 'NoExecute'}"))).isTrue();
    }

    @Test
    void unknownOperatorsAndMissingTolerationsTolerateNothing() {
        assertThat(Tolerations.tolerates(json("[{'key': 'dedicated', 'operator': 'Gt', 'value': 'gpu'}]"), GPU)).isFalse();
        assertThat(Tolerations.tolerates(MissingNode.getInstance(), GPU)).isFalse();
        assertThat(Tolerations.tolerates(null, GPU)).isFalse();
    }

    @Test
    void firstUntoleratedSkipsFilteredEffectsAndToleratedTaints() {
        JsonNode taints = json("""
                [{'key': 'soft', 'effect': 'PreferNoSchedule'},
                 {'key': 'node-role.kubernetes.io/control-plane', 'effect': 'NoSchedule'},
                 {'key': 'dedicated', 'value': 'gpu', 'effect': 'NoSchedule'}]""");
        JsonNode tolerations = json("[{'key': 'node-role.kubernetes.io/control-plane', 'operator': 'Exists'}]");

        assertThat(Tolerations.firstUntolerated(tolerations, taints, Tolerations.DO_NOT_SCHEDULE)).contains(GPU);
        assertThat(Tolerations.firstUntolerated(MissingNode.getInstance(), taints, Tolerations.DO_NOT_SCHEDULE))
                .contains(CONTROL_PLANE);
        assertThat(Tolerations.firstUntolerated(json("[{'operator': 'Exists'}]"), taints, e -> true)).isEmpty();
        assertThat(Tolerations.firstUntolerated(tolerations, MissingNode.getInstance(), e -> true)).isEmpty();
    }

    @Test
    void describeRendersKeyAndValueLikeTheSchedulerMessage() {
        assertThat(Tolerations.describe(GPU)).isEqualTo("{dedicated: gpu}");
        assertThat(Tolerations.describe(CONTROL_PLANE)).isEqualTo("{node-role.kubernetes.io/control-plane: }");
    }
}
