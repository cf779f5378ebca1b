package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    FakeApiServer server;
    Http http;

    @BeforeEach
    void start() {
        server = FakeApiServer.builder().build().start();
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void versionReportsKubernetes132SoTheKubectlDispatcherRuns132() {
        JsonNode v = http.get("/version?timeout=5s").json();
        assertThat(v.path("major").asText()).isEqualTo("1");
        assertThat(v.path("minor").asText()).isEqualTo("32");
        assertThat(v.path("gitVersion").asText()).isEqualTo("v1.32.0");
    }

    @Test
    void healthEndpointsAnswerOk() {
        for (String path : List.of("/healthz", "/readyz", "/livez")) {
            Http.Reply r = http.get(path);
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("ok");
        }
    }

    @Test
    void serverBindsLoopback() {
        assertThat(server.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void aggregatedDiscoveryOfTheCoreGroupIsNegotiatedOnAccept() {
        Http.Reply r = http.get("/api?timeout=32s", Http.AGGREGATED);
        assertThat(r.contentType()).isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        JsonNode list = r.json();
        assertThat(list.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        assertThat(list.path("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2");
        JsonNode core = list.path("items").get(0);
        assertThat(core.path("metadata").has("name")).isFalse();
        JsonNode pods = resource(core.path("versions").get(0), "pods");
        assertThat(pods.path("shortNames").get(0).asText()).isEqualTo("po");
        assertThat(pods.path("categories").get(0).asText()).isEqualTo("all");
        assertThat(pods.path("scope").asText()).isEqualTo("Namespaced");
        assertThat(texts(pods.path("verbs"))).contains("get", "list", "watch", "create", "patch", "delete");
        assertThat(resource(core.path("versions").get(0), "nodes").path("scope").asText()).isEqualTo("Cluster");
    }

    @Test
    void v2beta1IsServedToClientsThatOnlyKnowIt() {
        Http.Reply r = http.get("/apis",
                "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
        assertThat(r.contentType()).isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
        assertThat(r.json().path("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2beta1");
    }

    @Test
    void aggregatedGroupsListDeploymentsWithScaleAndStatusAndOldVersionsLast() {
        JsonNode items = http.get("/apis", Http.AGGREGATED).json().path("items");
        List<String> groups = new ArrayList<>();
        items.forEach(g -> groups.add(g.path("metadata").path("name").asText()));
        assertThat(groups).startsWith("apps", "batch").endsWith("extensions").doesNotContain("");
        JsonNode apps = items.get(groups.indexOf("apps"));
        List<String> versions = new ArrayList<>();
        apps.path("versions").forEach(v -> versions.add(v.path("version").asText()));
        assertThat(versions).containsExactly("v1", "v1beta2", "v1beta1");
        JsonNode deployments = resource(apps.path("versions").get(0), "deployments");
        assertThat(deployments.path("shortNames").get(0).asText()).isEqualTo("deploy");
        List<String> subresources = new ArrayList<>();
        deployments.path("subresources").forEach(s -> subresources.add(s.path("subresource").asText()));
        assertThat(subresources).containsExactlyInAnyOrder("scale", "status");
        JsonNode scale = deployments.path("subresources").get(0);
        assertThat(scale.path("responseKind").path("kind").asText()).isEqualTo("Scale");
        JsonNode old = resource(apps.path("versions").get(2), "deployments");
        assertThat(old.has("shortNames")).as("old versions must not steal 'deploy' or 'all'").isFalse();
        assertThat(old.has("categories")).isFalse();
    }

    @Test
    void legacyDiscoveryDocuments() {
        JsonNode api = http.get("/api").json();
        assertThat(api.path("kind").asText()).isEqualTo("APIVersions");
        assertThat(api.path("versions").get(0).asText()).isEqualTo("v1");

        JsonNode groups = http.get("/apis").json();
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        JsonNode apps = groups.path("groups").get(0);
        assertThat(apps.path("name").asText()).isEqualTo("apps");
        assertThat(apps.path("preferredVersion").path("groupVersion").asText()).isEqualTo("apps/v1");

        JsonNode v1 = http.get("/api/v1").json();
        assertThat(v1.path("kind").asText()).isEqualTo("APIResourceList");
        assertThat(v1.path("groupVersion").asText()).isEqualTo("v1");
        List<String> names = new ArrayList<>();
        v1.path("resources").forEach(r -> names.add(r.path("name").asText()));
        assertThat(names).contains("pods", "pods/status", "namespaces", "replicationcontrollers/scale");
        JsonNode appsV1 = http.get("/apis/apps/v1").json();
        JsonNode scale = null;
        for (JsonNode r : appsV1.path("resources")) {
            if (r.path("name").asText().equals("deployments/scale")) {
                scale = r;
            }
        }
        assertThat(scale).isNotNull();
        assertThat(scale.path("group").asText()).isEqualTo("autoscaling");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(http.get("/apis/apps").json().path("kind").asText()).isEqualTo("APIGroup");
        assertThat(http.get("/apis/extensions/v1beta1").json().path("resources").get(0).path("name").asText())
                .isEqualTo("deployments");
    }

    @Test
    void podsListEvictionAndLogSoKubectlDrainEvictsRatherThanDeletes() {
        JsonNode pods = resource(http.get("/api", Http.AGGREGATED).json().path("items").get(0).path("versions").get(0), "pods");
        List<String> subresources = new ArrayList<>();
        pods.path("subresources").forEach(s -> subresources.add(s.path("subresource").asText()));
        assertThat(subresources).containsExactly("binding", "eviction", "log", "status");
        JsonNode eviction = pods.path("subresources").get(1);
        assertThat(eviction.path("responseKind").toString()).isEqualTo("{\"group\":\"policy\",\"version\":\"v1\",\"kind\":\"Eviction\"}");
        assertThat(texts(eviction.path("verbs"))).containsExactly("create");

        JsonNode legacy = null;
        for (JsonNode r : http.get("/api/v1").json().path("resources")) {
            if (r.path("name").asText().equals("pods/eviction")) {
                legacy = r;
            }
        }
        assertThat(legacy).as("pods/eviction in /api/v1").isNotNull();
        assertThat(legacy.path("group").asText() + "/" + legacy.path("version").asText() + " " + legacy.path("kind").asText())
                .as("kubectl drain needs the group, version and kind").isEqualTo("policy/v1 Eviction");
    }

    @Test
    void unknownGroupsAndVersionsAre404Statuses() {
        for (String path : List.of("/apis/nope.example.com/v1", "/api/v2", "/apis/apps/v7", "/nothing")) {
            Http.Reply r = http.get(path);
            assertThat(r.code()).as(path).isEqualTo(404);
            assertThat(r.json().path("kind").asText()).isEqualTo("Status");
            assertThat(r.json().path("message").asText()).isEqualTo("the server could not find the requested resource");
        }
    }

    @Test
    void openApiV3IndexAndDocumentsCarryWhatKubectlValidationNeeds() {
        JsonNode index = http.get("/openapi/v3").json();
        String url = index.path("paths").path("apis/apps/v1").path("serverRelativeURL").asText();
        assertThat(url).startsWith("/openapi/v3/apis/apps/v1?hash=");
        assertThat(index.path("paths").has("api/v1")).isTrue();
        assertThat(index.path("paths").has("apis/extensions/v1beta1")).isTrue();
        JsonNode doc = http.get(url).json();
        JsonNode patch = doc.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText()).isEqualTo("Deployment");
        List<String> params = new ArrayList<>();
        patch.path("parameters").forEach(p -> params.add(p.path("name").asText()));
        assertThat(params).contains("fieldValidation");
        assertThat(http.get("/openapi/v2").code()).isEqualTo(404);
        assertThat(http.get("/openapi/v3/apis/nope/v1").code()).isEqualTo(404);
    }

    static JsonNode resource(JsonNode version, String name) {
        for (JsonNode r : version.path("resources")) {
            if (r.path("resource").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name + " in " + version);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
