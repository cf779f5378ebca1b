package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PatchTest {

    static JsonNode json(String text) {
        return Bodies.json(text.replace('\'', '"'));
    }

    static String smp(String target, String patch) {
        return Http.json(StrategicMergePatch.apply(json(target), json(patch))).replace('"', '\'');
    }

    @Nested
    class Strategic {

        @Test
        void containersMergeByNameKeepingWhatThePatchDoesNotMention() {
            String pod = "{'spec':{'containers':[{'name':'a','image':'a:1','ports':[{'containerPort':80}]},{'name':'b','image':'b:1'}]}}";

            assertThat(smp(pod, "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'b'}],"
                    + "'containers':[{'name':'b','image':'b:2'}]}}"))
                    .isEqualTo("{'spec':{'containers':[{'name':'a','image':'a:1','ports':[{'containerPort':80}]},"
                            + "{'name':'b','image':'b:2'}]}}");
        }

        @Test
        void newElementsAreAppendedAndSetElementOrderReordersThem() {
            String pod = "{'spec':{'containers':[{'name':'a','image':'a:1'}]}}";

            assertThat(smp(pod, "{'spec':{'$setElementOrder/containers':[{'name':'z'},{'name':'a'}],"
                    + "'containers':[{'name':'z','image':'z:1'}]}}"))
                    .isEqualTo("{'spec':{'containers':[{'name':'z','image':'z:1'},{'name':'a','image':'a:1'}]}}");
        }

        @Test
        void portsMergeByContainerPortInContainersAndByPortInServices() {
            String pod = "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}}";
            assertThat(smp(pod, "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'},"
                    + "{'containerPort':443}]}]}}"))
                    .isEqualTo("{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http','protocol':'TCP'},"
                            + "{'containerPort':443}]}]}}");

            String svc = "{'spec':{'ports':[{'port':80,'targetPort':8080}]}}";
            assertThat(smp(svc, "{'spec':{'ports':[{'port':80,'nodePort':30000}]}}"))
                    .isEqualTo("{'spec':{'ports':[{'port':80,'targetPort':8080,'nodePort':30000}]}}");
        }

        @Test
        void envAndVolumesMergeByNameVolumeMountsByMountPath() {
            String spec = "{'spec':{'volumes':[{'name':'v','emptyDir':{}}],'containers':[{'name':'a','env':[{'name':'X','value':'1'}],"
                    + "'volumeMounts':[{'mountPath':'/data','name':'v'}]}]}}";

            assertThat(smp(spec, "{'spec':{'volumes':[{'name':'w','emptyDir':{}}],'containers':[{'name':'a',"
                    + "'env':[{'name':'X','value':'2'},{'name':'Y','value':'3'}],'volumeMounts':[{'mountPath':'/data','readOnly':true}]}]}}"))
                    .isEqualTo("{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{}}],'containers':[{'name':'a',"
                            + "'env':[{'name':'X','value':'2'},{'name':'Y','value':'3'}],"
                            + "'volumeMounts':[{'mountPath':'/data','name':'v','readOnly':true}]}]}}");
        }

        @Test
        void directivesDeleteAndReplace() {
            String pod = "{'spec':{'containers':[{'name':'a'},{'name':'sidecar'}],'nodeSelector':{'x':'1','y':'2'}}}";

            assertThat(smp(pod, "{'spec':{'containers':[{'name':'sidecar','$patch':'delete'}]}}"))
                    .isEqualTo("{'spec':{'containers':[{'name':'a'}],'nodeSelector':{'x':'1','y':'2'}}}");
            assertThat(smp(pod, "{'spec':{'containers':[{'name':'only'},{'$patch':'replace'}]}}"))
                    .isEqualTo("{'spec':{'containers':[{'name':'only'}],'nodeSelector':{'x':'1','y':'2'}}}");
            assertThat(smp(pod, "{'spec':{'nodeSelector':{'z':'3','$patch':'replace'}}}"))
                    .isEqualTo("{'spec':{'containers':[{'name':'a'},{'name':'sidecar'}],'nodeSelector':{'z':'3'}}}");
            assertThat(smp(pod, "{'spec':{'nodeSelector':{'$patch':'delete'}}}"))
                    .isEqualTo("{'spec':{'containers':[{'name':'a'},{'name':'sidecar'}]}}");
        }

        @Test
        void retainKeysDropsWhatIsNotListed() {
            String d = "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}";

            assertThat(smp(d, "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}"))
                    .isEqualTo("{'spec':{'strategy':{'type':'Recreate'}}}");
        }

        @Test
        void nullDeletesListsWithoutKeyAreReplacedAndFinalizersMergeAsASet() {
            String o = "{'metadata':{'labels':{'a':'1','b':'2'},'finalizers':['x']},'spec':{'tolerations':[{'key':'k'}],"
                    + "'containers':[{'name':'c','args':['1','2']}]}}";

            assertThat(smp(o, "{'metadata':{'labels':{'a':null},'finalizers':['y','x']},'spec':{'tolerations':[{'key':'t'}],"
                    + "'containers':[{'name':'c','args':['3']}]}}"))
                    .isEqualTo("{'metadata':{'labels':{'b':'2'},'finalizers':['x','y']},'spec':{'tolerations':[{'key':'t'}],"
                            + "'containers':[{'name':'c','args':['3']}]}}");
        }

        @Test
        void deleteFromPrimitiveList() {
            assertThat(smp("{'metadata':{'finalizers':['a','b','c']}}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}"))
                    .isEqualTo("{'metadata':{'finalizers':['a','c']}}");
        }

        @Test
        void mergeKeysDependOnWhereTheListIs() {
            assertThat(StrategicMergePatch.mergeKey(List.of("spec", "template", "spec", "containers"), "ports"))
                    .isEqualTo("containerPort");
            assertThat(StrategicMergePatch.mergeKey(List.of("spec"), "ports")).isEqualTo("port");
            assertThat(StrategicMergePatch.mergeKey(List.of("status"), "conditions")).isEqualTo("type");
            assertThat(StrategicMergePatch.mergeKey(List.of("spec"), "tolerations")).isNull();
            assertThat(StrategicMergePatch.mergeKey(List.of("spec"), "taints")).isNull();
        }
    }

    @Nested
    class Json6902 {

        @Test
        void operations() {
            JsonNode doc = json("{'a':{'b':[1,2]},'c':'x'}");

            JsonNode out = JsonPatch.apply(doc, json("[{'op':'add','path':'/a/b/-','value':3},{'op':'add','path':'/a/b/0','value':0},"
                    + "{'op':'replace','path':'/c','value':'y'},{'op':'copy','from':'/c','path':'/d'},"
                    + "{'op':'move','from':'/d','path':'/e~1f'},{'op':'remove','path':'/a/b/1'},{'op':'test','path':'/c','value':'y'}]"));

            assertThat(Http.json(out).replace('"', '\'')).isEqualTo("{'a':{'b':[0,2,3]},'c':'y','e/f':'y'}");
            assertThat(Http.json(doc).replace('"', '\'')).isEqualTo("{'a':{'b':[1,2]},'c':'x'}");
        }

        @Test
        void operationsThatDoNotApplyAre422AndMalformedOnes400() {
            JsonNode doc = json("{'a':1}");

            assertThatThrownBy(() -> JsonPatch.apply(doc, json("[{'op':'remove','path':'/b'}]")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
            assertThatThrownBy(() -> JsonPatch.apply(doc, json("[{'op':'replace','path':'/b','value':2}]")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
            assertThatThrownBy(() -> JsonPatch.apply(doc, json("[{'op':'test','path':'/a','value':2}]")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
            assertThatThrownBy(() -> JsonPatch.apply(doc, json("[{'op':'frob','path':'/a'}]")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
            assertThatThrownBy(() -> JsonPatch.apply(doc, json("{'op':'add'}")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        }
    }

    @Test
    void mergePatchReplacesListsAndNullDeletes() {
        JsonNode out = MergePatch.apply(json("{'a':{'b':1,'c':2},'l':[1,2]}"), json("{'a':{'b':null,'d':3},'l':[3]}"));

        assertThat(Http.json(out).replace('"', '\'')).isEqualTo("{'a':{'c':2,'d':3},'l':[3]}");
    }

    @Nested
    class OverHttp {

        @Test
        void setImageRollsOutAndUndoByJsonPatchGoesBack() {
            try (Cluster cluster = Cluster.builder().build(); FakeApiServer server = FakeApiServer.start(cluster)) {
                Http http = new Http(server.url());
                http.post(ResourcesTest.DEPLOYMENTS, ResourcesTest.WEB);
                cluster.advance(Duration.ofSeconds(10));
                String path = ResourcesTest.DEPLOYMENTS + "/web";
                JsonNode v1Template = http.get(path).json().path("spec").path("template");

                Http.Reply setImage = http.patch(path + "?fieldManager=kubectl-set", Patches.STRATEGIC_MERGE_PATCH,
                        "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"nginx\"}],"
                                + "\"containers\":[{\"image\":\"nginx:1.26\",\"name\":\"nginx\"}]}}}}");
                assertThat(setImage.code()).isEqualTo(200);
                JsonNode container = setImage.json().path("spec").path("template").path("spec").path("containers").get(0);
                assertThat(container.path("image").asText()).isEqualTo("nginx:1.26");
                assertThat(container.path("imagePullPolicy").asText()).as("defaults kept").isEqualTo("IfNotPresent");
                assertThat(setImage.json().path("metadata").path("generation").asInt()).isEqualTo(2);
                cluster.advance(Duration.ofMinutes(1));
                assertThat(cluster.list("rs", "default", "app=web")).hasSize(2);

                String undo = "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":" + Http.json(v1Template) + "},"
                        + "{\"op\":\"replace\",\"path\":\"/metadata/annotations\",\"value\":{\"deployment.kubernetes.io/revision\":\"2\"}}]";
                assertThat(http.patch(path, Patches.JSON_PATCH, undo).code()).isEqualTo(200);
                cluster.advance(Duration.ofMinutes(1));

                assertThat(cluster.list("rs", "default", "app=web")).as("undo reuses the first ReplicaSet").hasSize(2);
                assertThat(cluster.get("deploy", "default", "web").orElseThrow().json().path("metadata").path("annotations")
                        .path("deployment.kubernetes.io/revision").asText()).isEqualTo("3");
            }
        }

        @Test
        void mergePatchLabelsAndAResourceVersionInThePatchIsAPrecondition() {
            try (Cluster cluster = Cluster.builder().build(); FakeApiServer server = FakeApiServer.start(cluster)) {
                Http http = new Http(server.url());
                http.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"c\",\"labels\":{\"a\":\"1\"}}}");
                String path = "/api/v1/namespaces/default/configmaps/c";

                JsonNode labelled = http.patch(path, Patches.MERGE_PATCH,
                        "{\"metadata\":{\"labels\":{\"a\":null,\"b\":\"2\"}}}").json();
                assertThat(labelled.path("metadata").path("labels").toString()).isEqualTo("{\"b\":\"2\"}");

                Http.Reply stale = http.patch(path, Patches.MERGE_PATCH,
                        "{\"metadata\":{\"resourceVersion\":\"1\",\"labels\":{\"c\":\"3\"}}}");
                assertThat(stale.code()).isEqualTo(409);
                assertThat(stale.json().path("reason").asText()).isEqualTo("Conflict");

                String rv = labelled.path("metadata").path("resourceVersion").asText();
                Http.Reply current = http.patch(path, Patches.MERGE_PATCH,
                        "{\"metadata\":{\"resourceVersion\":\"" + rv + "\",\"labels\":{\"c\":\"3\"}}}");
                assertThat(current.code()).isEqualTo(200);

                Http.Reply unchanged = http.patch(path, Patches.MERGE_PATCH, "{\"metadata\":{\"labels\":{\"c\":\"3\"}}}");
                assertThat(unchanged.json().path("metadata").path("resourceVersion").asText())
                        .as("a no-op patch commits nothing")
                        .isEqualTo(current.json().path("metadata").path("resourceVersion").asText());

                Http.Reply apply = http.patch(path, "application/apply-patch+cbor", "{}");
                assertThat(apply.code()).isEqualTo(415);
                Http.Reply notAnObject = http.patch(path, Patches.MERGE_PATCH, "[1]");
                assertThat(notAnObject.code()).isEqualTo(400);
                Http.Reply missing = http.patch(path + "x", Patches.MERGE_PATCH, "{}");
                assertThat(missing.code()).isEqualTo(404);
                Http.Reply failedTest = http.patch(path, Patches.JSON_PATCH,
                        "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"}]");
                assertThat(failedTest.code()).isEqualTo(422);
            }
        }
    }
}
