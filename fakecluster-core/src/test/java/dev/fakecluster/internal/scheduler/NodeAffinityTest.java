package dev.fakecluster.internal.scheduler;

import static dev.fakecluster.internal.scheduler.Fixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeAffinityTest {

    private static final ObjectNode SSD = Fixture.label(Fixture.label(Fixture.worker("node1", 1), "disk", "ssd"),
            "cores", "16");
    private static final ObjectNode HDD = Fixture.label(Fixture.worker("node2", 2), "disk", "hdd");

    private static JsonNode required(String terms) {
        return json("{'spec': {'affinity': {'nodeAffinity': {'requiredDuringSchedulingIgnoredDuringExecution': "
                + "{'nodeSelectorTerms': " + terms + "}}}}}");
    }

    private static boolean matches(String expressions, JsonNode node) {
        return NodeAffinity.matchesRequired(required("[{'matchExpressions': " + expressions + "}]"), node);
    }

    @Test
    void nodeSelectorNeedsEveryPairEqual() {
        JsonNode pod = json("{'spec': {'nodeSelector': {'disk': 'ssd', 'kubernetes.io/os': 'linux'}}}");

        assertThat(NodeAffinity.matchesRequired(pod, SSD)).isTrue();
        assertThat(NodeAffinity.matchesRequired(pod, HDD)).isFalse();
        assertThat(NodeAffinity.matchesRequired(json("{'spec': {'nodeSelector': {'gpu': ''}}}"), SSD)).isFalse();
        assertThat(NodeAffinity.matchesRequired(json("{'spec': {}}"), HDD)).isTrue();
    }

    @Test
    void nodeSelectorAndRequiredAffinityMustBothHold() {
        ObjectNode pod = (ObjectNode) required("[{'matchExpressions': [{'key': 'disk', 'operator': 'In', 'values': ['ssd', 'nvme']}]}]");
        ((ObjectNode) pod.get("spec")).putObject("nodeSelector").put("kubernetes.io/hostname", "node2");

        assertThat(NodeAffinity.matchesRequired(pod, SSD)).isFalse();
        assertThat(NodeAffinity.matchesRequired(pod, HDD)).isFalse();
        ((ObjectNode) pod.get("spec").get("nodeSelector")).put("kubernetes.io/hostname", "node1");
        assertThat(NodeAffinity.matchesRequired(pod, SSD)).isTrue();
    }

    @Test
    void termsAreOredAndExpressionsAnded() {
        JsonNode pod = required("""
                [{'matchExpressions': [{'key': 'disk', 'operator': 'In', 'values': ['ssd']},
                                       {'key': 'cores', 'operator': 'Gt', 'values': ['32']}]},
                 {'matchExpressions': [{'key': 'disk', 'operator': 'In', 'values': ['hdd']}]}]""");

        assertThat(NodeAffinity.matchesRequired(pod, SSD)).as("first term fails on cores").isFalse();
        assertThat(NodeAffinity.matchesRequired(pod, HDD)).as("second term").isTrue();
    }

    @Test
    void operators() {
        assertThat(matches("[{'key': 'disk', 'operator': 'NotIn', 'values': ['hdd']}]", SSD)).isTrue();
        assertThat(matches("[{'key': 'gpu', 'operator': 'NotIn', 'values': ['a']}]", SSD)).as("absent label").isTrue();
        assertThat(matches("[{'key': 'disk', 'operator': 'Exists'}]", SSD)).isTrue();
        assertThat(matches("[{'key': 'gpu', 'operator': 'Exists'}]", SSD)).isFalse();
        assertThat(matches("[{'key': 'gpu', 'operator': 'DoesNotExist'}]", SSD)).isTrue();
        assertThat(matches("[{'key': 'cores', 'operator': 'Gt', 'values': ['8']}]", SSD)).isTrue();
        assertThat(matches("[{'key': 'cores', 'operator': 'Lt', 'values': ['8']}]", SSD)).isFalse();
        assertThat(matches("[{'key': 'disk', 'operator': 'Gt', 'values': ['1']}]", SSD)).as("not a number").isFalse();
        assertThat(matches("[{'key': 'cores', 'operator': 'Gt', 'values': ['x']}]", SSD)).as("malformed").isFalse();
        assertThat(matches("[{'key': 'disk', 'operator': 'In', 'values': []}]", SSD)).as("malformed").isFalse();
    }

    @Test
    void matchFieldsMatchTheNodeName() {
        JsonNode pod = required("[{'matchFields': [{'key': 'metadata.name', 'operator': 'In', 'values': ['node2']}]}]");

        assertThat(NodeAffinity.matchesRequired(pod, HDD)).isTrue();
        assertThat(NodeAffinity.matchesRequired(pod, SSD)).isFalse();
        assertThat(NodeAffinity.matchesRequired(
                required("[{'matchFields': [{'key': 'metadata.uid', 'operator': 'In', 'values': ['node2']}]}]"), HDD))
                .as("only metadata.name is a node field").isFalse();
    }

    @Test
    void emptyOrMalformedTermsMatchNothingButOtherTermsStillCount() {
        assertThat(NodeAffinity.matchesRequired(required("[{}]"), SSD)).isFalse();
        assertThat(NodeAffinity.matchesRequired(required("[]"), SSD)).isFalse();
        assertThat(NodeAffinity.matchesRequired(required("""
                [{'matchExpressions': [{'key': 'disk', 'operator': 'Bogus'}]},
                 {'matchExpressions': [{'key': 'disk', 'operator': 'Exists'}]}]"""), SSD)).isTrue();
    }

    @Test
    void preferredScoreSumsTheWeightsOfMatchingTerms() {
        JsonNode pod = json("""
                {'spec': {'affinity': {'nodeAffinity': {'preferredDuringSchedulingIgnoredDuringExecution': [
                  {'weight': 50, 'preference': {'matchExpressions': [{'key': 'disk', 'operator': 'In', 'values': ['ssd']}]}},
                  {'weight': 20, 'preference': {'matchExpressions': [{'key': 'cores', 'operator': 'Exists'}]}},
                  {'weight': 5, 'preference': {'matchExpressions': [{'key': 'disk', 'operator': 'Exists'}]}},
                  {'weight': 7, 'preference': {}}]}}}}""");

        assertThat(NodeAffinity.preferredScore(pod, SSD)).isEqualTo(75);
        assertThat(NodeAffinity.preferredScore(pod, HDD)).isEqualTo(5);
        assertThat(NodeAffinity.preferredScore(json("{'spec': {}}"), SSD)).isZero();
    }

    @Test
    void pinnedNodeNamesFollowTheMatchFieldsShortcut() {
        assertThat(NodeAffinity.pinnedNodeNames(json("{'spec': {}}"))).isEmpty();
        assertThat(NodeAffinity.pinnedNodeNames(
                required("[{'matchFields': [{'key': 'metadata.name', 'operator': 'In', 'values': ['n1']}]}]")))
                .contains(Set.of("n1"));
        assertThat(NodeAffinity.pinnedNodeNames(required("""
                [{'matchFields': [{'key': 'metadata.name', 'operator': 'In', 'values': ['n1']}]},
                 {'matchExpressions': [{'key': 'disk', 'operator': 'Exists'}]}]""")))
                .as("a term without names allows every node").isEqualTo(Optional.empty());
        assertThat(NodeAffinity.pinnedNodeNames(required("""
                [{'matchFields': [{'key': 'metadata.name', 'operator': 'In', 'values': ['n1']},
                                  {'key': 'metadata.name', 'operator': 'In', 'values': ['n2']}]}]""")))
                .as("conflicting names").contains(Set.of());
    }
}
