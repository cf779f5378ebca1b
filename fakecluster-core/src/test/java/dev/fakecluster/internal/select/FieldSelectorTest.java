package dev.fakecluster.internal.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

    private static KindInfo kind(String resource) {
        return KindRegistry.builtIns().resolve(resource).orElseThrow();
    }

    private static JsonNode json(String text) throws JsonProcessingException {
        return Json.MAPPER.readTree(text);
    }

    private static ApiException parseFailure(String selector, String resource) {
        return catchThrowableOfType(ApiException.class, () -> FieldSelector.parse(selector, kind(resource)));
    }

    private static boolean matches(String selector, String resource, JsonNode obj) {
        return FieldSelector.parse(selector, kind(resource)).matches(obj);
    }

    @Test
    void equalsDoubleEqualsAndNotEqualsAreParsedIntoTerms() {
        FieldSelector s = FieldSelector.parse("status.phase=Running, spec.nodeName==node1,metadata.name!=web",
                kind("pods"));

        assertThat(s.requirements()).containsExactly(
                new FieldSelector.Term("status.phase", false, "Running"),
                new FieldSelector.Term("spec.nodeName", false, "node1"),
                new FieldSelector.Term("metadata.name", true, "web"));
    }

    @Test
    void termsAreAndedAndMatchAgainstTheObjectsFields() throws JsonProcessingException {
        JsonNode pod = json("""
                {"metadata": {"name": "web", "namespace": "default"},
                 "spec": {"nodeName": "node1", "restartPolicy": "Always"},
                 "status": {"phase": "Running", "podIP": "10.244.0.5"}}
                """);

        assertThat(matches("status.phase=Running,spec.nodeName=node1", "pods", pod)).isTrue();
        assertThat(matches("status.phase=Running,spec.nodeName=node2", "pods", pod)).isFalse();
        assertThat(matches("metadata.namespace!=kube-system", "pods", pod)).isTrue();
        assertThat(matches("metadata.name!=web", "pods", pod)).isFalse();
        assertThat(matches("status.podIP=10.244.0.5", "pods", pod)).isTrue();
    }

    @Test
    void absentFieldsCompareAsEmptyStrings() throws JsonProcessingException {
        JsonNode pending = json("{\"metadata\": {\"name\": \"p\"}, \"spec\": {}}");

        assertThat(matches("spec.nodeName=", "pods", pending)).isTrue();
        assertThat(matches("spec.nodeName!=", "pods", pending)).isFalse();
        assertThat(matches("spec.nodeName!=node1", "pods", pending)).isTrue();
    }

    @Test
    void nodeUnschedulableDefaultsToFalseWhenAbsent() throws JsonProcessingException {
        JsonNode schedulable = json("{\"metadata\": {\"name\": \"n1\"}, \"spec\": {}}");
        JsonNode cordoned = json("{\"metadata\": {\"name\": \"n2\"}, \"spec\": {\"unschedulable\": true}}");

        assertThat(matches("spec.unschedulable=false", "nodes", schedulable)).isTrue();
        assertThat(matches("spec.unschedulable!=true", "nodes", schedulable)).isTrue();
        assertThat(matches("spec.unschedulable=true", "nodes", cordoned)).isTrue();
        assertThat(matches("spec.unschedulable=false", "nodes", cordoned)).isFalse();
    }

    @Test
    void podHostNetworkDefaultsToFalseWhenAbsent() throws JsonProcessingException {
        JsonNode pod = json("{\"metadata\": {\"name\": \"p\"}, \"spec\": {}}");

        assertThat(matches("spec.hostNetwork=false", "pods", pod)).isTrue();
    }

    @Test
    void eventSourceSelectsTheSourceComponent() throws JsonProcessingException {
        JsonNode event = json("""
                {"metadata": {"name": "e"}, "involvedObject": {"kind": "Pod", "name": "web"},
                 "reason": "Scheduled", "source": {"component": "default-scheduler"}, "type": "Normal"}
                """);

        assertThat(matches("source=default-scheduler,involvedObject.kind=Pod,involvedObject.name=web,"
                + "reason=Scheduled,type=Normal", "events", event)).isTrue();
        assertThat(matches("source=kubelet", "events", event)).isFalse();
    }

    @Test
    void everyKindSupportsMetadataNameAndNamespace() {
        for (String resource : List.of("pods", "configmaps", "deployments", "services", "nodes", "namespaces")) {
            assertThatCode(() -> FieldSelector.parse("metadata.name=a,metadata.namespace=b", kind(resource)))
                    .as(resource).doesNotThrowAnyException();
        }
    }

    @Test
    void eachKindSupportsItsOwnExtraFields() {
        assertThatCode(() -> {
            FieldSelector.parse("spec.nodeName=a,spec.restartPolicy=Always,spec.schedulerName=s,"
                    + "spec.serviceAccountName=sa,spec.hostNetwork=true,status.phase=Running,status.podIP=1.2.3.4,"
                    + "status.nominatedNodeName=n", kind("pods"));
            FieldSelector.parse("spec.unschedulable=true", kind("nodes"));
            FieldSelector.parse("status.phase=Active", kind("namespaces"));
            FieldSelector.parse("involvedObject.kind=Pod,involvedObject.namespace=d,involvedObject.name=n,"
                    + "involvedObject.uid=u,involvedObject.apiVersion=v1,involvedObject.resourceVersion=1,"
                    + "involvedObject.fieldPath=f,reason=r,reportingComponent=c,source=s,type=Normal", kind("events"));
            FieldSelector.parse("type=Opaque", kind("secrets"));
            FieldSelector.parse("status.replicas=1", kind("replicasets"));
            FieldSelector.parse("status.successful=1", kind("jobs"));
        }).doesNotThrowAnyException();
    }

    @Test
    void podSupportsStatusPodIPs() {
        assertThatCode(() -> FieldSelector.parse("status.podIPs=10.244.0.5", kind("pods")))
                .doesNotThrowAnyException();
    }

    @Test
    void jobStatusSuccessfulSelectsOnStatusSucceeded() throws JsonProcessingException {
        JsonNode job = json("{\"metadata\": {\"name\": \"j\"}, \"status\": {\"succeeded\": 1}}");

        assertThat(matches("status.successful=1", "jobs", job)).isTrue();
    }

    @Test
    void replicaSetStatusReplicasDefaultsToZeroWhenAbsent() throws JsonProcessingException {
        JsonNode rs = json("{\"metadata\": {\"name\": \"rs\"}, \"status\": {}}");

        assertThat(matches("status.replicas=0", "replicasets", rs)).isTrue();
    }

    @Test
    void unsupportedFieldIsABadRequest() {
        ApiException e = parseFailure("spec.replicas=3", "deployments");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("field label not supported: spec.replicas");
    }

    @Test
    void fieldOfAnotherKindIsNotSupported() {
        assertThat(parseFailure("spec.unschedulable=true", "pods"))
                .hasMessage("field label not supported: spec.unschedulable");
        assertThat(parseFailure("status.phase=Running", "nodes"))
                .hasMessage("field label not supported: status.phase");
        assertThat(parseFailure("type=Opaque", "configmaps"))
                .hasMessage("field label not supported: type");
    }

    @Test
    void termWithoutAnOperatorIsABadRequest() {
        ApiException e = parseFailure("status.phase", "pods");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("invalid selector: 'status.phase'; can't understand 'status.phase'");
    }

    @Test
    void nullOrBlankSelectsEverything() throws JsonProcessingException {
        assertThat(FieldSelector.parse(null, kind("pods")).isEverything()).isTrue();
        assertThat(FieldSelector.parse(" ", kind("pods")).isEverything()).isTrue();
        assertThat(matches("", "pods", json("{}"))).isTrue();
    }
}
