package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

    static JsonNode json(String text) {
        return Bodies.json(text.replace('\'', '"'));
    }

    static List<String> unknown(String apiVersion, String kind, String object) {
        return UnknownFields.find(json(object), BuiltInSchemas.of(apiVersion, kind), p -> false);
    }

    @Test
    void unknownFieldsAreNamedByTheirFullPathInSortedKeyOrder() {
        String deployment = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labelz':{}},"
                + "'spec':{'replica':3,'template':{'spec':{'containers':[{'name':'a'},{'name':'b','imagePullPolicyy':'Always'}]}}}}";

        assertThat(unknown("apps/v1", "Deployment", deployment)).containsExactly(
                "metadata.labelz", "spec.replica", "spec.template.spec.containers[1].imagePullPolicyy");
    }

    @Test
    void freeFormMapsAndValuesDecodedWholeNeverHoldUnknownFields() {
        String deployment = "{'metadata':{'labels':{'any/key':'x'},'annotations':{'a':'b'},'creationTimestamp':'2024-01-01T00:00:00Z',"
                + "'managedFields':[{'manager':'m','fieldsV1':{'f:spec':{'f:replicas':{}}},'time':'2024-01-01T00:00:00Z'}],"
                + "'ownerReferences':[{'apiVersion':'v1','kind':'X','name':'x','uid':'1'}]},"
                + "'spec':{'selector':{'matchLabels':{'whatever':'x'}},'strategy':{'rollingUpdate':{'maxSurge':'25%','maxUnavailable':1}},"
                + "'template':{'metadata':{'labels':{'a':'b'}},'spec':{'nodeSelector':{'disk':'ssd'},"
                + "'containers':[{'name':'a','resources':{'limits':{'cpu':'1','nvidia.com/gpu':1},'requests':{'memory':'1Gi'}},"
                + "'ports':[{'containerPort':80}],'livenessProbe':{'httpGet':{'port':'http'}}}],"
                + "'volumes':[{'name':'v','emptyDir':{}},{'name':'c','configMap':{'name':'cm'}}]}}}}";
        String secret = "{'data':{'k':'dg=='},'stringData':{'s':'t'},'type':'Opaque'}";
        String revision = "{'metadata':{'name':'r'},'data':{'spec':{'anything':{'at':'all'}}},'revision':1}";
        String binding = "{'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'r'},"
                + "'subjects':[{'kind':'User','name':'u','apiGroup':'rbac.authorization.k8s.io'}]}";

        assertThat(unknown("apps/v1", "Deployment", deployment)).isEmpty();
        assertThat(unknown("v1", "Secret", secret)).isEmpty();
        assertThat(unknown("apps/v1", "ControllerRevision", revision)).isEmpty();
        assertThat(unknown("rbac.authorization.k8s.io/v1", "RoleBinding", binding)).isEmpty();
    }

    @Test
    void onlyKindsCarryApiVersionAndKindNotTheirTemplates() {
        String statefulSet = "{'apiVersion':'apps/v1','kind':'StatefulSet','spec':{"
                + "'template':{'apiVersion':'v1','metadata':{}},"
                + "'volumeClaimTemplates':[{'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'data'}}]}}";

        assertThat(unknown("apps/v1", "StatefulSet", statefulSet)).containsExactly("spec.template.apiVersion");
    }

    @Test
    void droppedFieldsLeaveTheTree() {
        JsonNode pod = json("{'spec':{'containers':[{'name':'a','imagee':'x'}],'nodeNamee':'n'}}");

        List<String> found = UnknownFields.find(pod, BuiltInSchemas.of("v1", "Pod"), p -> !p.startsWith("spec.containers"));

        assertThat(found).containsExactly("spec.containers[0].imagee", "spec.nodeNamee");
        assertThat(Http.json(pod)).isEqualTo("{\"spec\":{\"containers\":[{\"name\":\"a\",\"imagee\":\"x\"}]}}");
    }

    @Test
    void everyObjectOfARunningClusterIsKnownToTheSchemasAndWellTyped() {
        Path manifests = Path.of(System.getProperty("fakecluster.seed.manifests",
                "../fakecluster-core/src/test/resources/seed/manifests"));
        List<String> unknown = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        try (Cluster cluster = Cluster.builder().seed(3).build()) {
            for (String m : List.of("nginx.v3-replicas3.yaml", "httpd.v1.yml", "httpd-service.v3-nodeport30000.yml",
                    "mycronjob.yml", "myjob.v4-parallel.yml", "healthcheck.yml", "liveness.yml")) {
                cluster.apply(manifests.resolve(m));
            }
            cluster.advance(Duration.ofMinutes(3));

            for (KindInfo kind : KindRegistry.builtIns().all()) {
                for (Resource r : cluster.list(kind.plural(), null, null)) {
                    SchemaNode schema = BuiltInSchemas.of(r.apiVersion(), r.kind());
                    if (schema != null) {
                        checked.add(r.kind());
                        UnknownFields.Findings found = UnknownFields.check(r.json(), schema, p -> false);
                        found.unknown().forEach(p -> unknown.add(r.kind() + " " + r.name() + ": " + p));
                        found.mismatches().forEach(m -> unknown.add(r.kind() + " " + r.name() + ": " + FieldTypes.decodeError(m)));
                    }
                }
            }
        }

        assertThat(checked).contains("Pod", "Deployment", "ReplicaSet", "Service", "Endpoints", "Node", "Event",
                "CronJob", "Job", "Namespace");
        assertThat(unknown).isEmpty();
    }

    @Test
    void customResourcesKnowTheirSchemaAndObjectMeta() {
        SchemaNode widget = CustomResourceSchemas.of(json("{'type':'object','properties':{"
                + "'spec':{'type':'object','properties':{'size':{'type':'integer'},"
                + "'ports':{'type':'array','items':{'type':'object','properties':{'port':{'type':'integer'}}}},"
                + "'labels':{'type':'object','additionalProperties':{'type':'string'}},"
                + "'config':{'type':'object','x-kubernetes-preserve-unknown-fields':true,'properties':{'mode':{'type':'object'}}},"
                + "'template':{'type':'object','x-kubernetes-embedded-resource':true,'properties':{'spec':{'type':'object'}}}}}}}"));
        JsonNode object = json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','labelz':{}},"
                + "'spec':{'size':1,'colour':'red','ports':[{'port':80,'name':'http'}],'labels':{'any':'x'},"
                + "'config':{'free':{'form':1},'mode':{'fast':true}},"
                + "'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','bad':1},'spec':{'x':1}}}}");

        assertThat(UnknownFields.find(object, widget, p -> false)).containsExactly("metadata.labelz", "spec.colour",
                "spec.config.mode.fast", "spec.ports[0].name", "spec.template.metadata.bad", "spec.template.spec.x");
    }
}
