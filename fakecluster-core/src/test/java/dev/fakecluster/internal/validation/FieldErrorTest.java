package dev.fakecluster.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

    @Test
    void eachTypeRendersAsTheApiServerPrintsIt() {
        assertThat(FieldError.required("spec.containers", "")).hasToString("spec.containers: Required value");
        assertThat(FieldError.required("metadata.name", "name or generateName is required"))
                .hasToString("metadata.name: Required value: name or generateName is required");
        assertThat(FieldError.invalid("spec.replicas", "-1", "must be greater than or equal to 0"))
                .hasToString("spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        assertThat(FieldError.notSupported("spec.type", "Foo", List.of("ClusterIP", "NodePort")))
                .hasToString("spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", \"NodePort\"");
        assertThat(FieldError.forbidden("spec", "pod updates may not change fields"))
                .hasToString("spec: Forbidden: pod updates may not change fields");
        assertThat(FieldError.duplicate("spec.containers[1].name", "\"app\""))
                .hasToString("spec.containers[1].name: Duplicate value: \"app\"");
        assertThat(FieldError.notFound("spec.volumes[0].name", "\"cfg\""))
                .hasToString("spec.volumes[0].name: Not found: \"cfg\"");
        assertThat(FieldError.tooLong("metadata.annotations", "must have at most 262144 bytes"))
                .hasToString("metadata.annotations: Too long: must have at most 262144 bytes");
    }

    @Test
    void causeMessageIsTheErrorWithoutItsFieldPrefix() {
        FieldError e = FieldError.invalid("metadata.name", "\"My_App\"", "bad");

        assertThat(e.causeMessage()).isEqualTo("Invalid value: \"My_App\": bad");
        assertThat(e.type().causeReason()).isEqualTo("FieldValueInvalid");
    }

    @Test
    void causeReasonsAreTheStatusCauseTypes() {
        assertThat(List.of(FieldError.Type.values())).extracting(FieldError.Type::causeReason).containsExactly(
                "FieldValueRequired", "FieldValueInvalid", "FieldValueNotSupported", "FieldValueForbidden",
                "FieldValueDuplicate", "FieldValueNotFound", "FieldValueTooLong");
    }

    @Test
    void quoteEscapesLikeGo() {
        assertThat(FieldError.quote("a\"b\\c\nd\te")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\"");
    }

    @Test
    void goMapSortsKeysAndSeparatesEntriesWithCommaSpace() {
        assertThat(FieldError.goMap(Map.of("tier", "web", "app", "x")))
                .isEqualTo("map[string]string{\"app\":\"x\", \"tier\":\"web\"}");
        assertThat(FieldError.goMap(Map.of())).isEqualTo("map[string]string{}");
    }
}
