package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenApiTest {

    static final String WIDGETS = """
            {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
             "metadata": {"name": "widgets.stable.example.com"},
             "spec": {"group": "stable.example.com", "scope": "Namespaced",
               "names": {"kind": "Widget", "plural": "widgets", "singular": "widget"},
               "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema":
                 {"type": "object", "description": "A widget.", "properties": {"spec": {"type": "object",
                   "properties": {"size": {"type": "integer", "description": "How big."}}}}}}}]}}
            """;

    Cluster cluster;
    FakeApiServer server;
    Http http;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().build();
        server = FakeApiServer.builder().cluster(cluster).build().start();
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    @Test
    void appsV1DocumentDescribesDeploymentWithItsGroupVersionKindAndFieldTypes() {
        JsonNode schemas = document("apis/apps/v1").path("components").path("schemas");

        JsonNode deployment = schemas.path("io.k8s.api.apps.v1.Deployment");
        assertThat(deployment.path("type").asText()).isEqualTo("object");
        assertThat(deployment.path("x-kubernetes-group-version-kind")).hasToString(
                "[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]");
        assertThat(deployment.path("properties").path("metadata")).hasToString(
                "{\"allOf\":[{\"$ref\":\"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta\"}]}");
        assertThat(deployment.path("properties").path("apiVersion")).hasToString("{\"type\":\"string\"}");
        assertThat(schemas.path("io.k8s.api.apps.v1.DeploymentList").path("x-kubernetes-group-version-kind").get(0)
                .path("kind").asText()).isEqualTo("DeploymentList");

        JsonNode spec = schemas.path("io.k8s.api.apps.v1.DeploymentSpec").path("properties");
        assertThat(spec.path("replicas")).hasToString("{\"type\":\"integer\",\"format\":\"int32\"}");
        assertThat(spec.path("paused")).hasToString("{\"type\":\"boolean\"}");
        assertThat(spec.path("template").path("allOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec");
        assertThat(schemas.path("io.k8s.api.core.v1.PodTemplateSpec").has("x-kubernetes-group-version-kind")).isFalse();
        assertThat(schemas.path("io.k8s.api.core.v1.PodTemplateSpec").path("properties").has("kind")).isFalse();
    }

    @Test
    void fieldsUseJsonNamesAndSpecialTypesTheirUpstreamSchemas() {
        JsonNode schemas = document("api/v1").path("components").path("schemas");

        JsonNode container = schemas.path("io.k8s.api.core.v1.Container").path("properties");
        assertThat(container.path("ports")).hasToString("{\"type\":\"array\",\"items\":"
                + "{\"allOf\":[{\"$ref\":\"#/components/schemas/io.k8s.api.core.v1.ContainerPort\"}]}}");
        assertThat(container.path("command")).hasToString("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
        JsonNode probe = schemas.path("io.k8s.api.core.v1.Probe").path("properties");
        assertThat(probe.has("httpGet")).as("ProbeHandler's fields are inlined").isTrue();
        assertThat(probe.has("handler")).isFalse();
        assertThat(schemas.path("io.k8s.api.core.v1.Volume").path("properties").has("configMap")).isTrue();
        assertThat(schemas.path("io.k8s.api.core.v1.ObjectReference").path("properties").has("uid")).isTrue();
        assertThat(schemas.path("io.k8s.api.core.v1.ResourceRequirements").path("properties").path("limits"))
                .hasToString("{\"type\":\"object\",\"additionalProperties\":"
                        + "{\"allOf\":[{\"$ref\":\"#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity\"}]}}");
        assertThat(schemas.path("io.k8s.api.core.v1.Secret").path("properties").path("data"))
                .hasToString("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\",\"format\":\"byte\"}}");
        assertThat(schemas.path("io.k8s.api.core.v1.Pod").path("properties").path("metadata").isMissingNode()).isFalse();

        assertThat(schemas.path("io.k8s.apimachinery.pkg.apis.meta.v1.Time"))
                .hasToString("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(schemas.path("io.k8s.apimachinery.pkg.api.resource.Quantity"))
                .hasToString("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}");
        assertThat(schemas.path("io.k8s.apimachinery.pkg.util.intstr.IntOrString"))
                .hasToString("{\"format\":\"int-or-string\",\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}");
        assertThat(schemas.path("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").path("properties")
                .path("creationTimestamp").path("allOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        assertThat(schemas.path("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").path("properties")
                .path("generation")).hasToString("{\"type\":\"integer\",\"format\":\"int64\"}");
    }

    @Test
    void customResourceDocumentCarriesTheCrdSchemaCompletedWithTypeMeta() {
        cluster.apply(WIDGETS);

        JsonNode schemas = document("apis/stable.example.com/v1").path("components").path("schemas");

        JsonNode widget = schemas.path("com.example.stable.v1.Widget");
        assertThat(widget.path("description").asText()).isEqualTo("A widget.");
        assertThat(widget.path("x-kubernetes-group-version-kind")).hasToString(
                "[{\"group\":\"stable.example.com\",\"kind\":\"Widget\",\"version\":\"v1\"}]");
        assertThat(widget.path("properties").path("spec").path("properties").path("size"))
                .isEqualTo(Bodies.json("{\"type\":\"integer\",\"description\":\"How big.\"}"));
        assertThat(widget.path("properties").path("metadata").path("allOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(widget.path("properties").path("kind")).hasToString("{\"type\":\"string\"}");
        assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
        JsonNode list = schemas.path("com.example.stable.v1.WidgetList");
        assertThat(list.path("properties").path("items").path("items").path("allOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/com.example.stable.v1.Widget");
        assertThat(list.path("properties").path("metadata").path("allOf").get(0).path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta");
    }

    @Test
    void customResourceWithoutASchemaIsAnyObject() {
        cluster.apply(WIDGETS.substring(0, WIDGETS.indexOf(", \"schema\"")) + "}]}}");

        JsonNode widget = document("apis/stable.example.com/v1").path("components").path("schemas")
                .path("com.example.stable.v1.Widget");

        assertThat(widget.path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(widget.path("properties").fieldNames()).toIterable().containsExactly("apiVersion", "kind", "metadata");
    }

    @Test
    void indexHashesStayTheSameUntilADocumentChanges() {
        JsonNode before = http.get("/openapi/v3").json().path("paths");
        String apps = before.path("apis/apps/v1").path("serverRelativeURL").asText();
        assertThat(http.get(apps).text()).isEqualTo(http.get(apps).text());

        cluster.apply(WIDGETS);
        JsonNode after = http.get("/openapi/v3").json().path("paths");
        assertThat(after.path("apis/apps/v1").path("serverRelativeURL").asText()).isEqualTo(apps);
        assertThat(after.path("api/v1")).isEqualTo(before.path("api/v1"));
        String widgets = after.path("apis/stable.example.com/v1").path("serverRelativeURL").asText();
        assertThat(widgets).startsWith("/openapi/v3/apis/stable.example.com/v1?hash=");

        cluster.apply(WIDGETS.replace("How big.", "How large."));
        String changed = http.get("/openapi/v3").json().path("paths").path("apis/stable.example.com/v1")
                .path("serverRelativeURL").asText();
        assertThat(changed).isNotEqualTo(widgets);
        assertThat(http.get(changed).text()).contains("How large.");
    }

    private JsonNode document(String path) {
        String url = http.get("/openapi/v3").json().path("paths").path(path).path("serverRelativeURL").asText();
        return http.get(url).json();
    }
}
