package dev.fakecluster.internal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

    private static List<String> written(List<ObjectNode> objects) {
        return objects.stream().map(Json::write).toList();
    }

    private static ApiException readFailure(String text) {
        return catchThrowableOfType(ApiException.class, () -> ManifestReader.read(text));
    }

    @Test
    void multiDocumentYamlSkipsEmptyAndCommentOnlyDocuments() {
        String yaml = """
                ---
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                ---
                # only a comment
                ---

                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: b
                ---
                """;

        List<ObjectNode> objects = ManifestReader.read(yaml);

        assertThat(written(objects)).containsExactly(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}",
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"b\"}}");
    }

    @Test
    void emptyInputReadsAsNoObjects() {
        assertThat(ManifestReader.read("")).isEmpty();
        assertThat(ManifestReader.read("   \n# nothing here\n")).isEmpty();
    }

    @Test
    void singleJsonObjectIsRead() {
        List<ObjectNode> objects = ManifestReader.read("""
                  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}
                """);

        assertThat(written(objects)).containsExactly(
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}");
    }

    @Test
    void streamOfJsonObjectsIsReadInOrder() {
        List<ObjectNode> objects = ManifestReader.read("""
                {"kind": "Pod", "metadata": {"name": "one"}}
                {"kind": "Pod", "metadata": {"name": "two"}}{"kind": "Pod", "metadata": {"name": "three"}}
                """);

        assertThat(objects).extracting(o -> o.path("metadata").path("name").asText())
                .containsExactly("one", "two", "three");
    }

    @Test
    void jsonArrayIsExpandedIntoItsElements() {
        List<ObjectNode> objects = ManifestReader.read("[{\"kind\": \"Pod\"}, {\"kind\": \"Service\"}]");

        assertThat(written(objects)).containsExactly("{\"kind\":\"Pod\"}", "{\"kind\":\"Service\"}");
    }

    @Test
    void listKindIsExpandedIntoItsItemsInOrder() {
        String yaml = """
                apiVersion: v1
                kind: List
                items:
                - kind: Pod
                  metadata: {name: a}
                - kind: Service
                  metadata: {name: b}
                ---
                kind: ConfigMap
                metadata: {name: c}
                """;

        List<ObjectNode> objects = ManifestReader.read(yaml);

        assertThat(objects).extracting(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .containsExactly("Pod/a", "Service/b", "ConfigMap/c");
    }

    @Test
    void typedListsAndNestedListsAreExpanded() {
        String yaml = """
                kind: PodList
                items:
                - kind: List
                  items:
                  - kind: Pod
                    metadata: {name: inner}
                - kind: Pod
                  metadata: {name: outer}
                """;

        List<ObjectNode> objects = ManifestReader.read(yaml);

        assertThat(objects).extracting(o -> o.path("metadata").path("name").asText())
                .containsExactly("inner", "outer");
    }

    @Test
    void emptyListReadsAsNoObjects() {
        assertThat(ManifestReader.read("kind: List\nitems: []\n")).isEmpty();
    }

    @Test
    void malformedYamlInTheFirstDocumentIsABadRequestNamingDocumentAndLine() {
        ApiException e = readFailure("kind: Pod\nmetadata: name: x\n");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("error parsing YAML document 1: mapping values are not allowed here (line 2, column 15)");
    }

    @Test
    void malformedYamlInALaterDocumentNamesThatDocumentAndItsLineInTheStream() {
        ApiException e = readFailure("""
                kind: Pod
                ---
                kind: Service
                ---
                kind: ConfigMap
                data: a: b
                """);

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("error parsing YAML document 3: mapping values are not allowed here (line 6, column 8)");
    }

    @Test
    void malformedYamlAfterAnEmptyDocumentCountsTheEmptyDocument() {
        ApiException e = readFailure("kind: Pod\n---\n---\nkind: [a,\n");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("error parsing YAML document 3: while parsing a flow node (line 4, column 9)");
    }

    @Test
    void malformedJsonIsABadRequestNamingDocumentAndLine() {
        ApiException e = readFailure("{\"kind\": \"Pod\"}\n{\"kind\" \"Service\"}");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e).hasMessage("error parsing JSON document 2: Unexpected character ('\"' (code 34)): "
                + "was expecting a colon to separate field name and value (line 2, column 9)");
    }

    @Test
    void scalarDocumentIsABadRequest() {
        ApiException e = readFailure("kind: Pod\n---\njust text\n");

        assertThat(e.reason()).isEqualTo("BadRequest");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("error parsing document 2: expected an object, found string 'just text'");
    }
}
