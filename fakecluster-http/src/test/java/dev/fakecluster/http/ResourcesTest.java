package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
    static final String WEB = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},
                                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}""";

    Cluster cluster;
    FakeApiServer server;
    Http http;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(7).build();
        server = FakeApiServer.start(cluster);
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    @Test
    void anEvictionDeletesThePodUnlessItsBudgetForbidsIt() {
        http.post(DEPLOYMENTS, WEB);
        http.post("/apis/policy/v1/namespaces/default/poddisruptionbudgets", """
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web"},
                 "spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"web"}}}}""");
        cluster.advance(java.time.Duration.ofSeconds(5));
        var pods = cluster.list("pods", "default", "app=web");
        String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"%s\"}}";

        Http.Reply first = http.post("/api/v1/namespaces/default/pods/" + pods.get(0).name() + "/eviction",
                eviction.formatted(pods.get(0).name()));
        Http.Reply second = http.post("/api/v1/namespaces/default/pods/" + pods.get(1).name() + "/eviction",
                eviction.formatted(pods.get(1).name()));

        assertThat(first.code()).isEqualTo(201);
        assertThat(cluster.get("pods", "default", pods.get(0).name()).orElseThrow().deletionTimestamp()).isPresent();
        assertThat(second.code()).isEqualTo(429);
        assertThat(second.text()).contains("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(cluster.get("pods", "default", pods.get(1).name()).orElseThrow().deletionTimestamp()).isEmpty();
    }

    @Test
    void createGetListAndDeleteAConfigMap() {
        Http.Reply created = http.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\"},\"data\":{\"a\":\"1\"}}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().path("metadata").path("uid").asText()).isNotEmpty();
        assertThat(created.json().path("metadata").path("namespace").asText()).isEqualTo("default");

        assertThat(http.get("/api/v1/namespaces/default/configmaps/cfg").json().path("data").path("a").asText()).isEqualTo("1");
        JsonNode list = http.get("/api/v1/namespaces/default/configmaps").json();
        assertThat(list.path("kind").asText()).isEqualTo("ConfigMapList");
        assertThat(list.path("metadata").path("resourceVersion").asText()).isEqualTo(cluster.resourceVersion());
        assertThat(list.path("items").get(0).has("kind")).as("built-in list items carry no kind").isFalse();

        Http.Reply again = http.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\"}}");
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.json().path("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(again.json().path("message").asText()).isEqualTo("configmaps \"cfg\" already exists");
        assertThat(again.json().path("details").path("kind").asText()).isEqualTo("configmaps");

        Http.Reply deleted = http.delete("/api/v1/namespaces/default/configmaps/cfg", "{\"propagationPolicy\":\"Background\"}");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.json().path("kind").asText()).isEqualTo("Status");
        assertThat(deleted.json().path("status").asText()).isEqualTo("Success");
        assertThat(deleted.json().path("details").path("name").asText()).isEqualTo("cfg");

        Http.Reply gone = http.get("/api/v1/namespaces/default/configmaps/cfg");
        assertThat(gone.code()).isEqualTo(404);
        assertThat(gone.json().path("status").asText()).isEqualTo("Failure");
        assertThat(gone.json().path("reason").asText()).isEqualTo("NotFound");
        assertThat(gone.json().path("message").asText()).isEqualTo("configmaps \"cfg\" not found");
        assertThat(gone.json().path("code").asInt()).isEqualTo(404);
    }

    @Test
    void anHttpWriteSettlesTheControllersAndTheJavaHandleSeesTheSameCluster() {
        assertThat(http.post(DEPLOYMENTS, WEB).code()).isEqualTo(201);

        JsonNode rs = http.get("/apis/apps/v1/namespaces/default/replicasets").json().path("items");
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).path("metadata").path("ownerReferences").get(0).path("name").asText()).isEqualTo("web");
        assertThat(cluster.list("pods", "default", "app=web")).hasSize(3);

        cluster.advance(Duration.ofSeconds(10));

        JsonNode web = http.get(DEPLOYMENTS + "/web").json();
        assertThat(web.path("status").path("readyReplicas").asInt()).isEqualTo(3);
        JsonNode running = http.get("/api/v1/namespaces/default/pods?fieldSelector=status.phase%3DRunning").json();
        assertThat(running.path("items")).hasSize(3);
    }

    @Test
    void javaWritesAreVisibleOverHttp() {
        cluster.apply("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"from-java\"}}");

        assertThat(http.get("/api/v1/namespaces/default/configmaps/from-java").code()).isEqualTo(200);
    }

    @Test
    void labelAndFieldSelectorsFilterLists() {
        http.post(DEPLOYMENTS, WEB);
        http.post(DEPLOYMENTS, WEB.replace("\"web\"", "\"api\""));

        assertThat(http.get("/api/v1/pods?labelSelector=app%20in%20(web,api)").json().path("items")).hasSize(6);
        assertThat(http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dapi").json().path("items")).hasSize(3);
        assertThat(http.get("/api/v1/namespaces/default/pods?labelSelector=app!%3Dapi").json().path("items")).hasSize(3);
        assertThat(http.get(DEPLOYMENTS + "?fieldSelector=metadata.name%3Dapi").json().path("items")).hasSize(1);

        Http.Reply badLabels = http.get("/api/v1/pods?labelSelector=app%20in%20web");
        assertThat(badLabels.code()).isEqualTo(400);
        assertThat(badLabels.json().path("reason").asText()).isEqualTo("BadRequest");
        Http.Reply badField = http.get("/api/v1/pods?fieldSelector=spec.color%3Dred");
        assertThat(badField.code()).isEqualTo(400);
        assertThat(badField.json().path("message").asText()).contains("field label not supported: spec.color");
    }

    @Test
    void limitAndContinuePageThroughAList() {
        http.post(DEPLOYMENTS, WEB.replace("\"replicas\":3", "\"replicas\":5"));

        JsonNode first = http.get("/api/v1/namespaces/default/pods?limit=2").json();
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("metadata").path("remainingItemCount").asInt()).isEqualTo(3);
        String token = first.path("metadata").path("continue").asText();
        assertThat(token).isNotEmpty();

        List<String> names = new ArrayList<>();
        first.path("items").forEach(p -> names.add(p.path("metadata").path("name").asText()));
        JsonNode page = http.get("/api/v1/namespaces/default/pods?limit=2&continue=" + token).json();
        page.path("items").forEach(p -> names.add(p.path("metadata").path("name").asText()));
        JsonNode last = http.get("/api/v1/namespaces/default/pods?limit=2&continue="
                + page.path("metadata").path("continue").asText()).json();
        last.path("items").forEach(p -> names.add(p.path("metadata").path("name").asText()));

        assertThat(last.path("metadata").has("continue")).isFalse();
        assertThat(names).hasSize(5).doesNotHaveDuplicates().isSorted();
        assertThat(http.get("/api/v1/pods?continue=garbage").code()).isEqualTo(400);
    }

    @Test
    void putWithAStaleResourceVersionIsAConflict() {
        JsonNode cm = http.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"v\":\"1\"}}").json();
        String fresh = Http.json(cm).replace("\"v\":\"1\"", "\"v\":\"2\"");

        assertThat(http.put("/api/v1/namespaces/default/configmaps/c", fresh).code()).isEqualTo(200);
        Http.Reply stale = http.put("/api/v1/namespaces/default/configmaps/c", fresh.replace("\"v\":\"2\"", "\"v\":\"3\""));

        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.json().path("reason").asText()).isEqualTo("Conflict");
        assertThat(stale.json().path("message").asText()).isEqualTo("Operation cannot be fulfilled on configmaps \"c\": "
                + "the object has been modified; please apply your changes to the latest version and try again");
        assertThat(cluster.get("cm", "default", "c").orElseThrow().json().path("data").path("v").asText()).isEqualTo("2");

        Http.Reply renamed = http.put("/api/v1/namespaces/default/configmaps/c", fresh.replace("\"name\":\"c\"", "\"name\":\"d\""));
        assertThat(renamed.code()).isEqualTo(400);
        assertThat(renamed.json().path("message").asText())
                .isEqualTo("the name of the object (d) does not match the name on the URL (c)");
        assertThat(http.put("/api/v1/namespaces/default/configmaps/nope",
                "{\"metadata\":{\"name\":\"nope\"}}").code()).isEqualTo(404);
    }

    @Test
    void invalidObjectsAre422WithCauses() {
        Http.Reply r = http.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad_Name\"}}");

        assertThat(r.code()).isEqualTo(422);
        JsonNode status = r.json();
        assertThat(status.path("reason").asText()).isEqualTo("Invalid");
        assertThat(status.path("message").asText()).startsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value");
        assertThat(status.path("details").path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(status.path("details").path("causes").get(0).path("field").asText()).isEqualTo("metadata.name");
        assertThat(status.path("details").path("causes").get(0).path("reason").asText()).isEqualTo("FieldValueInvalid");
    }

    @Test
    void malformedForeignAndOversizedBodiesAre4xxAndChangeNothing() {
        String rv = cluster.resourceVersion();
        Http.Reply malformed = http.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":");
        assertThat(malformed.code()).isEqualTo(400);
        assertThat(malformed.json().path("kind").asText()).isEqualTo("Status");

        Http.Reply protobuf = http.call("POST", "/api/v1/namespaces/default/configmaps", null,
                ProtobufBodies.MEDIA_TYPE, "k8s");
        assertThat(protobuf.code()).isEqualTo(400);
        assertThat(protobuf.json().path("reason").asText()).isEqualTo("BadRequest");
        Http.Reply foreign = http.call("POST", "/api/v1/namespaces/default/configmaps", null, "text/csv", "a,b");
        assertThat(foreign.code()).isEqualTo(415);
        assertThat(foreign.json().path("message").asText()).isEqualTo("the body of the request was in an unknown format - "
                + "accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf "
                + "(got text/csv)");

        String huge = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"x\":\""
                + "x".repeat(4 * 1024 * 1024) + "\"}}";
        Http.Reply tooLarge = http.post("/api/v1/namespaces/default/configmaps", huge);
        assertThat(tooLarge.code()).isEqualTo(413);

        Http.Reply wrongKind = http.post(DEPLOYMENTS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}");
        assertThat(wrongKind.code()).isEqualTo(400);
        assertThat(wrongKind.json().path("message").asText()).contains("does not match the expected API version (apps/v1)");

        Http.Reply otherNamespace = http.post("/api/v1/namespaces/default/configmaps",
                "{\"metadata\":{\"name\":\"x\",\"namespace\":\"kube-system\"}}");
        assertThat(otherNamespace.code()).isEqualTo(400);
        assertThat(http.call("PUT", "/api/v1/namespaces/default/configmaps", null, "application/json", "{}").code())
                .isEqualTo(405);
        assertThat(http.get("/api/v1/namespaces/default/widgets").code()).isEqualTo(404);
        assertThat(cluster.resourceVersion()).isEqualTo(rv);
    }

    @Test
    void protobufBodiesCreateAndDeleteAndTheRepliesStayJson() {
        byte[] configMap = ProtobufBodiesTest.body("v1", "ConfigMap", V1.ConfigMap.newBuilder()
                .setMetadata(ProtobufBodiesTest.meta("cfg")).putData("a", "1").build());
        byte[] deleteOptions = ProtobufBodiesTest.body("v1", "DeleteOptions",
                Meta.DeleteOptions.newBuilder().addDryRun("All").build());
        String accept = ProtobufBodies.MEDIA_TYPE + ", application/json";

        Http.Reply created = http.send("POST", "/api/v1/namespaces/default/configmaps", accept, ProtobufBodies.MEDIA_TYPE,
                configMap);
        Http.Reply dryRunDelete = http.send("DELETE", "/api/v1/namespaces/default/configmaps/cfg", accept,
                ProtobufBodies.MEDIA_TYPE, deleteOptions);

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.contentType()).isEqualTo("application/json");
        assertThat(created.json().path("data")).isEqualTo(Bodies.json("{\"a\":\"1\"}"));
        assertThat(dryRunDelete.code()).isEqualTo(200);
        assertThat(cluster.get("configmaps", "default", "cfg")).as("a dry run, from the protobuf DeleteOptions").isPresent();
        Http.Reply read = http.get("/api/v1/namespaces/default/configmaps/cfg", accept);
        assertThat(read.contentType()).isEqualTo("application/json");
        assertThat(read.json().path("metadata").path("name").asText()).isEqualTo("cfg");
        Http.Reply protobufOnly = http.get("/api/v1/namespaces/default/configmaps/cfg", ProtobufBodies.MEDIA_TYPE);
        assertThat(protobufOnly.code()).isEqualTo(406);
        assertThat(protobufOnly.json().path("message").asText())
                .isEqualTo("only the following media types are accepted: application/json");
    }

    @Test
    void deletingAScheduledPodAnswersWithThePodBeingTerminated() {
        http.post(DEPLOYMENTS, WEB);
        cluster.advance(Duration.ofSeconds(10));
        String pod = cluster.list("pods", "default", "app=web").get(0).name();

        Http.Reply r = http.delete("/api/v1/namespaces/default/pods/" + pod, "{\"propagationPolicy\":\"Background\"}");

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.json().path("kind").asText()).isEqualTo("Pod");
        assertThat(r.json().path("metadata").has("deletionTimestamp")).isTrue();
        assertThat(http.get("/api/v1/namespaces/default/pods/" + pod).code()).isEqualTo(200);
        cluster.advance(Duration.ofSeconds(5));
        assertThat(http.get("/api/v1/namespaces/default/pods/" + pod).code()).isEqualTo(404);
    }

    @Test
    void propagationPolicyDecidesWhatHappensToDependents() {
        http.post(DEPLOYMENTS, WEB);
        http.post(DEPLOYMENTS, WEB.replace("\"web\"", "\"api\""));

        Http.Reply orphaned = http.delete(DEPLOYMENTS + "/web", "{\"propagationPolicy\":\"Orphan\"}");
        Http.Reply background = http.call("DELETE", DEPLOYMENTS + "/api?propagationPolicy=Background", null, null, null);

        assertThat(orphaned.code()).isEqualTo(200);
        assertThat(background.json().path("status").asText()).isEqualTo("Success");
        assertThat(cluster.list("rs", "default", "app=web")).hasSize(1);
        assertThat(cluster.list("rs", "default", "app=api")).isEmpty();
        assertThat(cluster.get("deploy", "default", "web")).isEmpty();
    }

    @Test
    void dryRunValidatesButPersistsNothing() {
        String rv = cluster.resourceVersion();

        Http.Reply created = http.post(DEPLOYMENTS + "?dryRun=All", WEB);
        http.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"keep\"}}");
        String afterCreate = cluster.resourceVersion();
        Http.Reply deleted = http.call("DELETE", "/api/v1/namespaces/default/configmaps/keep?dryRun=All", null, null, null);
        Http.Reply invalid = http.post(DEPLOYMENTS + "?dryRun=All", WEB.replace("\"replicas\":3", "\"replicas\":-1"));

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().path("metadata").has("resourceVersion")).isFalse();
        assertThat(cluster.get("deploy", "default", "web")).isEmpty();
        assertThat(Long.parseLong(afterCreate)).isEqualTo(Long.parseLong(rv) + 1);
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(cluster.get("cm", "default", "keep")).isPresent();
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(cluster.resourceVersion()).isEqualTo(afterCreate);
    }

    @Test
    void scaleSubresourceReadsAndWritesReplicas() {
        http.post(DEPLOYMENTS, WEB);

        JsonNode scale = http.get(DEPLOYMENTS + "/web/scale").json();
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=web");

        JsonNode patched = http.patch(DEPLOYMENTS + "/web/scale", Patches.MERGE_PATCH, "{\"spec\":{\"replicas\":5}}").json();

        assertThat(patched.path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(cluster.list("pods", "default", "app=web")).hasSize(5);
        Http.Reply put = http.put(DEPLOYMENTS + "/web/scale", "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\","
                + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1}}");
        assertThat(put.json().path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(cluster.get("deploy", "default", "web").orElseThrow().json().path("spec").path("replicas").asInt())
                .isEqualTo(1);
        assertThat(http.get("/api/v1/namespaces/default/pods/x/scale").code()).isEqualTo(404);
    }

    @Test
    void statusSubresourceWritesOnlyStatusAndTheMainResourceOnlyTheRest() {
        http.post("/api/v1/namespaces/default/services", """
                {"metadata":{"name":"svc"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}""");
        String path = "/api/v1/namespaces/default/services/svc";
        ObjectNode svc = (ObjectNode) http.get(path).json();
        svc.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", "1.2.3.4");
        ((ObjectNode) svc.path("metadata")).putObject("labels").put("tier", "front");

        JsonNode viaMain = http.put(path, Http.json(svc)).json();
        assertThat(viaMain.path("status").path("loadBalancer").has("ingress")).isFalse();
        assertThat(viaMain.path("metadata").path("labels").path("tier").asText()).isEqualTo("front");

        ((ObjectNode) svc.path("metadata")).put("resourceVersion", viaMain.path("metadata").path("resourceVersion").asText());
        ((ObjectNode) svc.path("metadata")).putObject("labels").put("tier", "back");
        JsonNode viaStatus = http.put(path + "/status", Http.json(svc)).json();
        assertThat(viaStatus.path("status").path("loadBalancer").path("ingress").get(0).path("ip").asText())
                .isEqualTo("1.2.3.4");
        assertThat(viaStatus.path("metadata").path("labels").path("tier").asText()).isEqualTo("front");

        JsonNode patched = http.patch(path + "/status", Patches.MERGE_PATCH,
                "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"5.6.7.8\"}]}}}").json();
        assertThat(patched.path("status").path("loadBalancer").path("ingress").get(0).path("ip").asText())
                .isEqualTo("5.6.7.8");
    }

    @Test
    void tablesCarryKubectlColumnsAndPartialObjectMetadata() {
        http.post(DEPLOYMENTS, WEB);
        cluster.advance(Duration.ofSeconds(10));

        JsonNode table = http.get(DEPLOYMENTS + "?limit=500", Http.TABLE).json();

        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        List<String> columns = new ArrayList<>();
        List<Integer> priorities = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> {
            columns.add(c.path("name").asText());
            priorities.add(c.path("priority").asInt());
        });
        assertThat(columns).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES",
                "SELECTOR");
        assertThat(priorities).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        JsonNode row = table.path("rows").get(0);
        assertThat(DiscoveryTest.texts(row.path("cells"))).containsExactly("web", "3/3", "3", "3", "10s", "nginx",
                "nginx:1.25", "app=web");
        assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(row.path("object").path("metadata").path("labels").path("app").asText()).isEqualTo("web");

        JsonNode one = http.get("/api/v1/nodes/node1", Http.TABLE).json();
        assertThat(one.path("rows")).hasSize(1);
        assertThat(one.path("rows").get(0).path("cells").get(1).asText()).isEqualTo("Ready");
    }

    @Test
    void oldVersionsAreServedWithTheirApiVersion() {
        Http.Reply created = http.post("/apis/extensions/v1beta1/namespaces/default/deployments", """
                {"apiVersion":"extensions/v1beta1","kind":"Deployment","metadata":{"name":"old"},
                 "spec":{"replicas":1,"template":{"metadata":{"labels":{"app":"old"}},
                         "spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""");

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().path("apiVersion").asText()).isEqualTo("extensions/v1beta1");
        Resource stored = cluster.get("deploy", "default", "old").orElseThrow();
        assertThat(stored.apiVersion()).isEqualTo("apps/v1");
        assertThat(stored.json().path("spec").path("selector").path("matchLabels").path("app").asText()).isEqualTo("old");
        assertThat(http.get(DEPLOYMENTS + "/old").json().path("apiVersion").asText()).isEqualTo("apps/v1");
    }

    @Test
    void namespacesAndClusterScopedObjects() {
        assertThat(http.get("/api/v1/namespaces/default").json().path("kind").asText()).isEqualTo("Namespace");
        assertThat(http.get("/api/v1/nodes").json().path("items")).hasSize(3);
        assertThat(http.get("/api/v1/namespaces/default/nodes").code()).isEqualTo(404);
        Http.Reply forbidden = http.delete("/api/v1/namespaces/default", "{}");
        assertThat(forbidden.code()).isEqualTo(403);
        assertThat(forbidden.json().path("reason").asText()).isEqualTo("Forbidden");
    }

    @Test
    void deleteCollectionDeletesWhatTheSelectorMatches() {
        for (String n : List.of("a", "b", "c")) {
            http.post("/api/v1/namespaces/default/configmaps",
                    "{\"metadata\":{\"name\":\"" + n + "\",\"labels\":{\"keep\":\"" + n.equals("c") + "\"}}}");
        }

        JsonNode deleted = http.call("DELETE", "/api/v1/namespaces/default/configmaps?labelSelector=keep%3Dfalse",
                null, null, null).json();

        assertThat(deleted.path("items")).hasSize(2);
        assertThat(cluster.list("cm", "default", "keep")).extracting(Resource::name).containsExactly("c");
    }

    @Test
    void customResourcesAreServedOnceTheirDefinitionExists() {
        Http.Reply crd = http.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"widgets.example.com"},
                 "spec":{"group":"example.com","scope":"Namespaced",
                         "names":{"kind":"Widget","plural":"widgets","singular":"widget","shortNames":["wd"]},
                         "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
                           "properties":{"spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}}}]}}""");
        assertThat(crd.code()).isEqualTo(201);

        JsonNode groups = http.get("/apis", Http.AGGREGATED).json().path("items");
        JsonNode example = null;
        for (JsonNode g : groups) {
            if (g.path("metadata").path("name").asText().equals("example.com")) {
                example = g;
            }
        }
        assertThat(example).isNotNull();
        assertThat(DiscoveryTest.resource(example.path("versions").get(0), "widgets").path("shortNames").get(0).asText())
                .isEqualTo("wd");

        String widgets = "/apis/example.com/v1/namespaces/default/widgets";
        assertThat(http.post(widgets, "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
                + "\"spec\":{\"size\":3}}").code()).isEqualTo(201);
        JsonNode list = http.get(widgets).json();
        assertThat(list.path("kind").asText()).isEqualTo("WidgetList");
        assertThat(list.path("items").get(0).path("kind").asText()).isEqualTo("Widget");
        assertThat(http.patch(widgets + "/w", Patches.STRATEGIC_MERGE_PATCH, "{\"spec\":{\"size\":4}}").code()).isEqualTo(415);
        assertThat(http.patch(widgets + "/w", Patches.MERGE_PATCH, "{\"spec\":{\"size\":4}}").json()
                .path("spec").path("size").asInt()).isEqualTo(4);
    }
}
