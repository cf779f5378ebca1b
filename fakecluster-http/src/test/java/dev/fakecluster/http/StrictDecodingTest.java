package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrictDecodingTest {

    /** The body of the API server's own field validation test (test/integration/apiserver/field_validation_test.go). */
    static final String INVALID_DEPLOYMENT = """
            {
              "apiVersion": "apps/v1",
              "kind": "Deployment",
              "metadata": {"name": "web", "labels": {"app": "nginx"}},
              "spec": {
                "unknown1": "val1",
                "unknownDupe": "valDupe",
                "unknownDupe": "valDupe2",
                "paused": true,
                "paused": false,
                "selector": {"matchLabels": {"app": "nginx"}},
                "template": {
                  "metadata": {"labels": {"app": "nginx"}},
                  "spec": {
                    "containers": [{
                      "name": "nginx",
                      "image": "nginx:latest",
                      "unknownNested": "val1",
                      "imagePullPolicy": "Always",
                      "imagePullPolicy": "Never"
                    }]
                  }
                }
              }
            }""";

    @Test
    void typedDecodingReportsUnknownAndDuplicateFieldsInDocumentOrderEachOnce() {
        assertThat(StrictDecoding.json(INVALID_DEPLOYMENT, BuiltInSchemas.of("apps/v1", "Deployment"))).containsExactly(
                "unknown field \"spec.unknown1\"",
                "unknown field \"spec.unknownDupe\"",
                "duplicate field \"spec.paused\"",
                "unknown field \"spec.template.spec.containers[0].unknownNested\"",
                "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"");
    }

    @Test
    void decodingIntoMapsReportsEveryDuplicateKeyAndNoUnknownOnes() {
        assertThat(StrictDecoding.json(INVALID_DEPLOYMENT, SchemaNode.UNSTRUCTURED)).containsExactly(
                "duplicate field \"spec.unknownDupe\"",
                "duplicate field \"spec.paused\"",
                "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"");
    }

    @Test
    void duplicateMapKeysCountButValuesDecodedWholeAreNotLookedInto() {
        String revision = """
                {"metadata": {"name": "r", "labels": {"a": "1", "a": "2"}},
                 "data": {"x": 1, "x": 2}, "revision": 1}""";

        assertThat(StrictDecoding.json(revision, BuiltInSchemas.of("apps/v1", "ControllerRevision")))
                .containsExactly("duplicate field \"metadata.labels.a\"");
    }

    @Test
    void yamlDuplicatesCarryTheLineOfTheRepeatedKey() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  paused: true
                  paused: false
                  template:
                    spec:
                      containers:
                      - name: a
                        image: x
                        image: y
                """;
        String json = "{\n  \"spec\": {\n    \"paused\": true,\n    \"paused\": false\n  }\n}";

        assertThat(StrictDecoding.yamlDuplicates(yaml)).containsExactly(
                "line 5: key \"paused\" already set in map", "line 11: key \"image\" already set in map");
        assertThat(StrictDecoding.yamlDuplicates(json)).containsExactly("line 4: key \"paused\" already set in map");
    }
}
