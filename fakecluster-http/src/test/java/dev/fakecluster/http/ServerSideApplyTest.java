package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-side apply and managedFields over HTTP: the answers and Status bodies the API server gives. */
class ServerSideApplyTest {

    static final String WEB_PATH = "/apis/apps/v1/namespaces/default/deployments/web";
    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
            """;

    Cluster cluster;
    FakeApiServer server;
    Http http;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(11).build();
        server = FakeApiServer.start(cluster);
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    Http.Reply apply(String query, String yaml) {
        return http.patch(WEB_PATH + query, ApplyPatches.TYPE, yaml);
    }

    static JsonNode managers(JsonNode obj) {
        return obj.path("metadata").path("managedFields");
    }

    @Test
    void applyCreatesAMissingObjectWith201AndUpdatesItWith200() {
        Http.Reply created = apply("?fieldManager=ci", WEB);
        Http.Reply updated = apply("?fieldManager=ci", WEB.replace("replicas: 2", "replicas: 4"));

        assertThat(created.code()).isEqualTo(201);
        assertThat(managers(created.json()).get(0).path("manager").asText()).isEqualTo("ci");
        assertThat(managers(created.json()).get(0).path("operation").asText()).isEqualTo("Apply");
        assertThat(managers(created.json()).get(0).path("time").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(updated.code()).isEqualTo(200);
        assertThat(updated.json().path("spec").path("replicas").asInt()).isEqualTo(4);
        assertThat(cluster.list("pods", "default", "app=web")).hasSize(4);
    }

    @Test
    void applyWithoutFieldManagerIsInvalidPatchOptions() {
        Http.Reply r = apply("", WEB);

        assertThat(r.code()).isEqualTo(422);
        assertThat(Http.json(r.json())).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"PatchOptions.meta.k8s.io \\\"\\\" is invalid: fieldManager: "
                + "Required value: is required for apply patch\",\"reason\":\"Invalid\",\"details\":{\"group\":"
                + "\"meta.k8s.io\",\"kind\":\"PatchOptions\",\"causes\":[{\"reason\":\"FieldValueRequired\",\"message\":"
                + "\"Required value: is required for apply patch\",\"field\":\"fieldManager\"}]},\"code\":422}");
        assertThat(cluster.get("deploy", "default", "web")).isEmpty();
    }

    @Test
    void aConflictWithAnotherManagerIsA409StatusNamingManagerAndField() {
        http.post("/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-client-side-apply",
                Http.json(Bodies.json(ResourcesTest.WEB)));

        Http.Reply r = apply("?fieldManager=kubectl&force=false", WEB);

        assertThat(r.code()).isEqualTo(409);
        assertThat(Http.json(r.json())).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"Apply failed with 1 conflict: conflict with "
                + "\\\"kubectl-client-side-apply\\\" using apps/v1: .spec.replicas\",\"reason\":\"Conflict\","
                + "\"details\":{\"causes\":[{\"reason\":\"FieldManagerConflict\",\"message\":\"conflict with "
                + "\\\"kubectl-client-side-apply\\\" using apps/v1\",\"field\":\".spec.replicas\"}]},\"code\":409}");
        assertThat(cluster.get("deploy", "default", "web").orElseThrow().json().path("spec").path("replicas").asInt())
                .isEqualTo(3);
    }

    @Test
    void forceTakesTheFieldAndTheOtherManagerLosesIt() {
        http.post("/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-client-side-apply",
                Http.json(Bodies.json(ResourcesTest.WEB)));

        Http.Reply r = apply("?fieldManager=kubectl&force=true", WEB);

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.json().path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode csa = managers(r.json()).get(1);
        assertThat(csa.path("manager").asText()).isEqualTo("kubectl-client-side-apply");
        assertThat(csa.path("fieldsV1").path("f:spec").has("f:replicas")).isFalse();
        assertThat(csa.path("fieldsV1").path("f:spec").has("f:template")).isTrue();
    }

    @Test
    void scaleThroughTheSubresourceIsOwnedByTheUserAgentsProgramAndConflictsWithTheApplier() {
        apply("?fieldManager=kubectl", WEB);
        http.patch(WEB_PATH + "/scale", Patches.MERGE_PATCH, "{\"spec\":{\"replicas\":5}}");

        Http.Reply r = apply("?fieldManager=kubectl", WEB);

        assertThat(r.json().path("message").asText()).isEqualTo(
                "Apply failed with 1 conflict: conflict with \"okhttp\" with subresource \"scale\" using apps/v1: "
                        + ".spec.replicas");
    }

    @Test
    void aFieldTheManagerStopsApplyingIsRemoved() {
        apply("?fieldManager=ci", WEB.replace("  replicas: 2\n", "  replicas: 2\n  minReadySeconds: 5\n"));

        Http.Reply r = apply("?fieldManager=ci", WEB);

        assertThat(r.json().path("spec").has("minReadySeconds")).isFalse();
    }

    @Test
    void dryRunAnswersTheResultAndStoresNothing() {
        Http.Reply created = apply("?fieldManager=ci&dryRun=All", WEB);

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().path("metadata").has("resourceVersion")).isFalse();
        assertThat(managers(created.json())).hasSize(1);
        assertThat(cluster.get("deploy", "default", "web")).isEmpty();
    }

    @Test
    void applyBodiesMustMatchTheUrl() {
        assertThat(apply("?fieldManager=ci", WEB.replace("apps/v1", "apps/v1beta2")).json().path("message").asText())
                .isEqualTo("Incorrect version specified in apply patch. Specified patch version: apps/v1beta2, "
                        + "expected: apps/v1");
        assertThat(apply("?fieldManager=ci", WEB.replace("name: web", "name: api")).json().path("message").asText())
                .isEqualTo("the name of the object (api) does not match the name on the URL (web)");
        assertThat(http.patch(WEB_PATH + "?fieldManager=ci", "application/apply-patch+cbor", "{}").code())
                .isEqualTo(415);
    }

    @Test
    void everyHttpWriteRecordsItsManagerAndStatusWritesMergeIntoOneEntry() {
        http.post("/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}");
        Http.Reply patched = http.patch("/api/v1/namespaces/default/configmaps/c", Patches.MERGE_PATCH,
                "{\"data\":{\"b\":\"2\"}}");
        apply("?fieldManager=ci", WEB);
        for (int i = 0; i < 3; i++) {
            http.patch(WEB_PATH + "/status?fieldManager=operator", Patches.MERGE_PATCH,
                    "{\"status\":{\"observedGeneration\":" + (10 + i) + "}}");
        }

        assertThat(Http.json(managers(patched.json()))).isEqualTo("[{\"manager\":\"kubectl-create\",\"operation\":"
                + "\"Update\",\"apiVersion\":\"v1\",\"time\":\"2025-01-01T00:00:00Z\",\"fieldsType\":\"FieldsV1\","
                + "\"fieldsV1\":{\"f:data\":{\".\":{},\"f:a\":{}}}},{\"manager\":\"okhttp\",\"operation\":\"Update\","
                + "\"apiVersion\":\"v1\",\"time\":\"2025-01-01T00:00:00Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":"
                + "{\"f:data\":{\"f:b\":{}}}}]");
        JsonNode web = http.get(WEB_PATH).json();
        assertThat(managers(web)).extracting(m -> m.path("manager").asText() + "/" + m.path("subresource").asText())
                .containsExactly("ci/", "operator/status");
    }

    @Test
    void javaApiWritesRecordTheFakeclusterManager() {
        cluster.apply("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"j\"},\"data\":{\"a\":\"1\"}}");

        JsonNode cm = http.get("/api/v1/namespaces/default/configmaps/j").json();

        assertThat(managers(cm).get(0).path("manager").asText()).isEqualTo("fakecluster");
        assertThat(managers(cm).get(0).path("fieldsV1").path("f:metadata").path("f:annotations")
                .has("f:kubectl.kubernetes.io/last-applied-configuration")).isTrue();
    }
}
