package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FieldValidationTest {

    static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
    static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
    static final String WEB = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}""";
    static final String TYPO = WEB.replace("\"spec\":{\"selector\"", "\"spec\":{\"replica\":2,\"selector\"");

    Cluster cluster;
    FakeApiServer server;
    final OkHttpClient client = new OkHttpClient();

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(7).build();
        server = FakeApiServer.start(cluster);
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    /**
     * One answer, with its warnings.
     *
     * @param code the HTTP status
     * @param warnings the {@code Warning} headers
     * @param body the JSON body
     */
    record Answer(int code, List<String> warnings, JsonNode body) {
        String message() {
            return body.path("message").asText();
        }
    }

    Answer send(String method, String path, String contentType, String body) {
        okhttp3.Request request = new okhttp3.Request.Builder().url(server.url() + path)
                .method(method, RequestBody.create(body, MediaType.get(contentType))).build();
        try (Response r = client.newCall(request).execute()) {
            return new Answer(r.code(), r.headers("Warning"), Bodies.json(r.body().string()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer create(String query, String body) {
        return send("POST", DEPLOYMENTS + query, "application/json", body);
    }

    JsonNode stored(String name) {
        return cluster.get("deployments", "default", name).orElseThrow().json();
    }

    @Test
    void strictRejectsUnknownAndDuplicateFieldsInTheOrderTheBodyHasThem() {
        Answer a = create("?fieldValidation=Strict", StrictDecodingTest.INVALID_DEPLOYMENT);

        assertThat(a.code()).isEqualTo(400);
        assertThat(a.body().path("reason").asText()).isEqualTo("BadRequest");
        assertThat(a.message()).isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding "
                + "error: unknown field \"spec.unknown1\", unknown field \"spec.unknownDupe\", duplicate field \"spec.paused\", "
                + "unknown field \"spec.template.spec.containers[0].unknownNested\", "
                + "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"");
        assertThat(cluster.get("deployments", "default", "web")).isEmpty();
    }

    @Test
    void warnIsTheDefaultWithOneWarningPerFieldAndTheUnknownOnesDropped() {
        Answer a = create("", TYPO);

        assertThat(a.code()).isEqualTo(201);
        assertThat(a.warnings()).containsExactly("299 - \"unknown field \\\"spec.replica\\\"\"");
        assertThat(a.body().path("spec").has("replica")).isFalse();
        assertThat(stored("web").path("spec").has("replica")).isFalse();
        assertThat(stored("web").path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void ignoreDropsUnknownFieldsSilently() {
        Answer a = create("?fieldValidation=Ignore", TYPO);

        assertThat(a.code()).isEqualTo(201);
        assertThat(a.warnings()).isEmpty();
        assertThat(stored("web").path("spec").has("replica")).isFalse();
    }

    @Test
    void anUpdateIsCheckedLikeACreate() {
        create("", WEB);
        String update = TYPO.replace("\"name\":\"web\"}", "\"name\":\"web\",\"resourceVersion\":\""
                + stored("web").path("metadata").path("resourceVersion").asText() + "\"}");

        Answer a = send("PUT", DEPLOYMENTS + "/web?fieldValidation=Strict", "application/json", update);

        assertThat(a.code()).isEqualTo(400);
        assertThat(a.message()).isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding "
                + "error: unknown field \"spec.replica\"");
    }

    @Test
    void aYamlBodyReportsDuplicateKeysByLineBeforeTheUnknownFields() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  paused: true
                  paused: false
                  replica: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: nginx, image: nginx}]}
                """;

        Answer strict = send("POST", DEPLOYMENTS + "?fieldValidation=Strict", "application/yaml", yaml);
        Answer warn = send("POST", DEPLOYMENTS, "application/yaml", yaml);

        assertThat(strict.message()).isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: strict "
                + "decoding error: error converting YAML to JSON: yaml: unmarshal errors:\n"
                + "  line 6: key \"paused\" already set in map, unknown field \"spec.replica\"");
        assertThat(warn.code()).isEqualTo(201);
        assertThat(warn.warnings()).containsExactly("299 - \"line 6: key \\\"paused\\\" already set in map\"",
                "299 - \"unknown field \\\"spec.replica\\\"\"");
    }

    @Test
    void anUnsupportedDirectiveIsAnInvalidOption() {
        Answer a = create("?fieldValidation=strict", WEB);

        assertThat(a.code()).isEqualTo(422);
        assertThat(a.message()).isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: "
                + "\"strict\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
        assertThat(a.body().path("details").path("causes").get(0).path("reason").asText()).isEqualTo("FieldValueNotSupported");
    }

    @Test
    void aStrictMergePatchIsAnInvalidPatchShowingThePatchedObject() {
        create("", WEB);

        Answer a = send("PATCH", DEPLOYMENTS + "/web?fieldValidation=Strict", Patches.MERGE_PATCH,
                "{\"spec\":{\"replica\":2,\"paused\":true,\"paused\":false}}");

        assertThat(a.code()).isEqualTo(422);
        assertThat(a.body().path("reason").asText()).isEqualTo("Invalid");
        assertThat(a.message()).startsWith(" \"\" is invalid: patch: Invalid value: \"{\\\"apiVersion\\\":\\\"apps/v1\\\",")
                .endsWith("\": strict decoding error: duplicate field \"spec.paused\", unknown field \"spec.replica\"");
        assertThat(a.body().path("details").path("causes").get(0).path("field").asText()).isEqualTo("patch");
        assertThat(stored("web").path("spec").path("paused").asBoolean()).isFalse();
    }

    @Test
    void aStrictStrategicMergePatchShowsThePatchAsAGoMap() {
        create("", WEB);

        Answer a = send("PATCH", DEPLOYMENTS + "/web?fieldValidation=Strict", Patches.STRATEGIC_MERGE_PATCH,
                "{\"spec\":{\"replica\":2,\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"imagee\":\"x\"}]}}}}");

        assertThat(a.message()).isEqualTo(" \"\" is invalid: patch: Invalid value: \"map[spec:map[replica:2 "
                + "template:map[spec:map[containers:[map[imagee:x name:nginx]]]]]]\": strict decoding error: "
                + "unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].imagee\"");
    }

    @Test
    void aJsonPatchWarnsOfItsOwnOperationsAndOfTheResult() {
        create("", WEB);

        Answer a = send("PATCH", DEPLOYMENTS + "/web", Patches.JSON_PATCH,
                "[{\"op\":\"add\",\"path\":\"/spec/replica\",\"value\":2,\"foo\":1},{\"op\":\"add\",\"op\":\"add\",\"path\":\"/spec/paused\",\"value\":true}]");

        assertThat(a.code()).isEqualTo(200);
        assertThat(a.warnings()).containsExactly("299 - \"json patch unknown field \\\"[0].foo\\\"\"",
                "299 - \"json patch duplicate field \\\"[1].op\\\"\"", "299 - \"unknown field \\\"spec.replica\\\"\"");
        assertThat(stored("web").path("spec").has("replica")).isFalse();
        assertThat(stored("web").path("spec").path("paused").asBoolean()).isTrue();
    }

    @Test
    void aPatchIsNotBlamedForFieldsTheStoredObjectAlreadyHad() {
        cluster.apply(TYPO);

        Answer a = send("PATCH", DEPLOYMENTS + "/web?fieldValidation=Strict", Patches.STRATEGIC_MERGE_PATCH,
                "{\"spec\":{\"paused\":true}}");

        assertThat(a.code()).isEqualTo(200);
        assertThat(stored("web").path("spec").path("paused").asBoolean()).isTrue();
    }

    @Test
    void serverSideApplyFailsOnAnUnknownFieldWhateverTheDirective() {
        Answer a = send("PATCH", DEPLOYMENTS + "/web?fieldManager=me&fieldValidation=Ignore", ApplyPatches.TYPE, TYPO);

        assertThat(a.code()).as("1.32 answers 500 (kubernetes#139253); the fix, and we, answer 400").isEqualTo(400);
        assertThat(a.body().path("reason").asText()).isEqualTo("BadRequest");
        assertThat(a.message()).isEqualTo("failed to create typed patch object (default/web; apps/v1, Kind=Deployment): "
                + ".spec.replica: field not declared in schema");
        assertThat(cluster.get("deployments", "default", "web")).isEmpty();
    }

    @Test
    void serverSideApplyReportsDuplicateKeysAsStrictYamlErrors() {
        String twice = WEB.replace("\"spec\":{\"selector\"", "\"spec\":{\"paused\":true,\n\"paused\":false,\"selector\"");

        Answer strict = send("PATCH", DEPLOYMENTS + "/web?fieldManager=me&fieldValidation=Strict", ApplyPatches.TYPE, twice);
        Answer warn = send("PATCH", DEPLOYMENTS + "/web?fieldManager=me", ApplyPatches.TYPE, twice);

        assertThat(strict.code()).isEqualTo(400);
        assertThat(strict.message()).isEqualTo("error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal "
                + "errors:\n  line 3: key \"paused\" already set in map");
        assertThat(warn.code()).isEqualTo(201);
        assertThat(warn.warnings()).containsExactly("299 - \"line 3: key \\\"paused\\\" already set in map\"");
    }

    @Test
    void customResourcesAreCheckedAgainstTheirSchemaAndPrunedOtherwise() {
        assertThat(send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "application/json", """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"widgets.example.com"},
                 "spec":{"group":"example.com","scope":"Namespaced",
                         "names":{"kind":"Widget","plural":"widgets","singular":"widget"},
                         "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{
                           "type":"object","properties":{"spec":{"type":"object","properties":{
                             "size":{"type":"integer"},
                             "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}}}]}}""").code())
                .isEqualTo(201);
        String widget = """
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
                 "spec":{"size":1,"size":2,"colour":"red","extra":{"any":"thing"}}}""";

        Answer strict = send("POST", WIDGETS + "?fieldValidation=Strict", "application/json", widget);
        Answer warn = send("POST", WIDGETS, "application/json", widget);

        assertThat(strict.code()).isEqualTo(400);
        assertThat(strict.message()).isEqualTo("Widget in version \"v1\" cannot be handled as a Widget: strict decoding "
                + "error: duplicate field \"spec.size\", unknown field \"spec.colour\"");
        assertThat(warn.code()).isEqualTo(201);
        assertThat(warn.warnings()).containsExactly("299 - \"duplicate field \\\"spec.size\\\"\"",
                "299 - \"unknown field \\\"spec.colour\\\"\"");
        assertThat(Http.json(cluster.get("widgets", "default", "w").orElseThrow().json().path("spec")))
                .isEqualTo("{\"size\":2,\"extra\":{\"any\":\"thing\"}}");
    }

    static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

    @Test
    void serverSideApplyOfAValueOfTheWrongTypeIsABadRequestThatStoresNothing() {
        String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"%s}%s}";
        String prefix = "failed to create typed patch object (default/c; /v1, Kind=ConfigMap): ";
        List<List<String>> cases = List.of(
                List.of(cm.formatted("", ",\"data\":[1,2]"), ".data: expected map, got &{[1 2]}"),
                List.of(cm.formatted(",\"labels\":\"x\"", ""), ".metadata.labels: expected map, got &{x}"),
                List.of(cm.formatted(",\"ownerReferences\":5", ""), ".metadata.ownerReferences: expected list, got &{5}"),
                List.of(cm.formatted(",\"finalizers\":[1,{\"a\":\"b\"}]", ""), "errors:\n"
                        + "  .metadata.finalizers[0]: expected string, got &value.valueUnstructured{Value:1}\n"
                        + "  .metadata.finalizers[1]: expected string, got &value.valueUnstructured{Value:map[string]interface {}{\"a\":\"b\"}}"),
                List.of(cm.formatted(",\"annotations\":{\"x\":[1]}", ""),
                        ".metadata.annotations.x: expected string, got &value.valueUnstructured{Value:[]interface {}{1}}"));

        for (List<String> c : cases) {
            Answer a = send("PATCH", CONFIGMAPS + "/c?fieldManager=me&fieldValidation=Ignore", ApplyPatches.TYPE, c.get(0));

            assertThat(a.code()).as(c.get(0)).isEqualTo(400);
            assertThat(a.body().path("reason").asText()).isEqualTo("BadRequest");
            assertThat(a.message()).isEqualTo(prefix + c.get(1));
            assertThat(cluster.get("configmaps", "default", "c")).isEmpty();
        }
    }

    @Test
    void serverSideApplyOfAStringReplicaCountIsABadRequest() {
        String bad = WEB.replace("\"spec\":{\"selector\"", "\"spec\":{\"replicas\":\"x\",\"selector\"");

        Answer a = send("PATCH", DEPLOYMENTS + "/web?fieldManager=me", ApplyPatches.TYPE, bad);

        assertThat(a.code()).isEqualTo(400);
        assertThat(a.message()).isEqualTo("failed to create typed patch object (default/web; apps/v1, Kind=Deployment): "
                + ".spec.replicas: expected numeric (int or float), got string");
        assertThat(cluster.get("deployments", "default", "web")).isEmpty();
    }

    @Test
    void createAndUpdateWithAValueOfTheWrongTypeAreBadRequestsEvenUnderIgnore() {
        Answer created = create("?fieldValidation=Ignore", WEB.replace("\"name\":\"web\"}", "\"name\":\"web\",\"labels\":\"x\"}"));

        assertThat(created.code()).isEqualTo(400);
        assertThat(created.body().path("reason").asText()).isEqualTo("BadRequest");
        assertThat(created.message()).isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: json: "
                + "cannot unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string");
        assertThat(cluster.get("deployments", "default", "web")).isEmpty();

        assertThat(create("", WEB).code()).isEqualTo(201);
        Answer updated = send("PUT", DEPLOYMENTS + "/web?fieldValidation=Ignore", "application/json",
                WEB.replace("\"spec\":{\"selector\"", "\"spec\":{\"replicas\":\"x\",\"selector\""));

        assertThat(updated.code()).isEqualTo(400);
        assertThat(updated.message()).isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: json: "
                + "cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
        assertThat(stored("web").path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void aPatchWhoseResultHasAValueOfTheWrongTypeIsInvalidAndChangesNothing() {
        assertThat(create("", WEB).code()).isEqualTo(201);

        Answer a = send("PATCH", DEPLOYMENTS + "/web?fieldValidation=Ignore", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":\"x\"}}");

        assertThat(a.code()).isEqualTo(422);
        assertThat(a.message()).startsWith(" \"\" is invalid: patch: Invalid value: \"{").endsWith(
                "}\": json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
        assertThat(stored("web").path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void aCustomResourceOfTheWrongTypeFailsItsSchemaValidation() {
        assertThat(send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "application/json", """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"widgets.example.com"},
                 "spec":{"group":"example.com","scope":"Namespaced",
                         "names":{"kind":"Widget","plural":"widgets","singular":"widget"},
                         "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{
                           "type":"object","properties":{"spec":{"type":"object","properties":{
                             "size":{"type":"integer"}}}}}}}]}}""").code()).isEqualTo(201);
        String widget = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
                + "\"spec\":{\"size\":\"big\"}}";

        Answer created = send("POST", WIDGETS, "application/json", widget);
        Answer applied = send("PATCH", WIDGETS + "/w?fieldManager=me", ApplyPatches.TYPE, widget);

        assertThat(created.code()).isEqualTo(422);
        assertThat(created.message()).isEqualTo("Widget.example.com \"w\" is invalid: spec.size: Invalid value: \"string\": "
                + "spec.size in body must be of type integer: \"string\"");
        assertThat(applied.code()).isEqualTo(400);
        assertThat(applied.message()).isEqualTo("failed to create typed patch object (default/w; example.com/v1, Kind=Widget): "
                + ".spec.size: expected numeric (int or float), got string");
        assertThat(cluster.get("widgets", "default", "w")).isEmpty();
    }
}
