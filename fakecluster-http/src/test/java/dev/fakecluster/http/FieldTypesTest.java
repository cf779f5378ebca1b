package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldTypesTest {

    static UnknownFields.Findings check(String apiVersion, String kind, String object) {
        return UnknownFields.check(UnknownFieldsTest.json(object), BuiltInSchemas.of(apiVersion, kind), p -> false);
    }

    static List<String> decodeErrors(String apiVersion, String kind, String object) {
        return check(apiVersion, kind, object).mismatches().stream().map(FieldTypes::decodeError).toList();
    }

    static List<String> applyErrors(String apiVersion, String kind, String object) {
        return FieldTypes.applyErrors(check(apiVersion, kind, object).mismatches());
    }

    @Test
    void wellTypedObjectsHaveNoMismatches() {
        String deployment = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'a':'b'},"
                + "'finalizers':['x'],'creationTimestamp':'2024-01-01T00:00:00Z'},'spec':{'replicas':3,'paused':false,"
                + "'strategy':{'rollingUpdate':{'maxSurge':'25%','maxUnavailable':1}},'template':{'spec':{'containers':[{"
                + "'name':'a','resources':{'limits':{'cpu':'1','memory':1024}},'ports':[{'containerPort':80}]}]}}}}";

        assertThat(check("apps/v1", "Deployment", deployment).mismatches()).isEmpty();
        assertThat(check("v1", "Secret", "{'data':{'k':'dmFsdWU='}}").mismatches()).isEmpty();
    }

    @Test
    void jsonDecodingNamesTheDeclaringStructTheFieldPathAndTheGoType() {
        assertThat(decodeErrors("apps/v1", "Deployment", "{'spec':{'replicas':'x'}}")).containsExactly(
                "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
        assertThat(decodeErrors("v1", "ConfigMap", "{'metadata':{'labels':'x'},'data':[1,2]}")).containsExactly(
                "json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string",
                "json: cannot unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string");
        assertThat(decodeErrors("v1", "ConfigMap", "{'metadata':{'ownerReferences':5,'annotations':{'x':[1]},'finalizers':[1,{'a':'b'}]}}"))
                .containsExactly(
                        "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type string",
                        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.finalizers of type string",
                        "json: cannot unmarshal object into Go struct field ObjectMeta.metadata.finalizers of type string",
                        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference");
    }

    @Test
    void listIndexesAndMapKeysAreNotPartOfTheGoFieldPath() {
        String pod = "{'spec':{'containers':[{'name':'a'},{'name':'b','image':7,'resources':{'limits':{'cpu':true}}}]}}";

        assertThat(check("v1", "Pod", pod).mismatches()).extracting(FieldTypes.Mismatch::path)
                .containsExactly("spec.containers[1].image", "spec.containers[1].resources.limits.cpu");
        assertThat(decodeErrors("v1", "Pod", pod)).containsExactly(
                "json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string",
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    @Test
    void intOrStringTakesStringsAndIntegersAndNamesInt32Otherwise() {
        String d = "{'spec':{'strategy':{'rollingUpdate':{'maxSurge':true,'maxUnavailable':1.5}}}}";

        assertThat(decodeErrors("apps/v1", "Deployment", d)).containsExactly(
                "json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32",
                "json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxUnavailable of type int32");
    }

    @Test
    void secretDataMustBeBase64() {
        assertThat(decodeErrors("v1", "Secret", "{'data':{'a':'no spaces','b':'abc','c':'YQ==','d':5}}")).containsExactly(
                "illegal base64 data at input byte 2", "illegal base64 data at input byte 0",
                "json: cannot unmarshal number into Go struct field Secret.data of type []uint8");
    }

    @Test
    void serverSideApplyUsesStructuredMergeDiffsWordsAndItsLooserScalars() {
        String d = "{'metadata':{'labels':{'a':1},'annotations':'x'},'spec':{'replicas':'x','paused':'no','minReadySeconds':1.5,"
                + "'strategy':{'rollingUpdate':{'maxSurge':[1]}},'template':{'spec':{'containers':{'name':'a'}}}}}";

        assertThat(applyErrors("apps/v1", "Deployment", d)).containsExactly(
                ".metadata.annotations: expected map, got &{x}",
                ".metadata.labels.a: expected string, got &value.valueUnstructured{Value:1}",
                ".spec.paused: expected boolean, got &{no}",
                ".spec.replicas: expected numeric (int or float), got string",
                ".spec.strategy.rollingUpdate.maxSurge: expected any scalar, got &{[1]}",
                ".spec.template.spec.containers: expected list, got &{map[name:a]}");
    }

    @Test
    void customResourceTypesComeFromTheSchema() {
        SchemaNode widget = CustomResourceSchemas.of(UnknownFieldsTest.json("{'type':'object','properties':{'spec':{'type':'object',"
                + "'properties':{'size':{'type':'integer'},'port':{'x-kubernetes-int-or-string':true},'tags':{'type':'array'}}}}}"));
        List<FieldTypes.Mismatch> found = UnknownFields.check(UnknownFieldsTest.json(
                "{'metadata':{'labels':{'a':'b'}},'spec':{'size':'big','port':'http','tags':{}}}"), widget, p -> false).mismatches();

        assertThat(found).extracting(m -> FieldTypes.invalid(m).detail()).containsExactly(
                "spec.size in body must be of type integer: \"string\"", "spec.tags in body must be of type array: \"object\"");
    }
}
