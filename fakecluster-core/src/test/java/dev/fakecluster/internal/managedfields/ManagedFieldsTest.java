package dev.fakecluster.internal.managedfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.ApiException.Cause;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.kinds.KindRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

    private static final KindInfo DEPLOYMENTS = KindRegistry.builtIns().resolve("deployments").orElseThrow();
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Manager KUBECTL = new Manager("kubectl", "apps/v1", "");
    private static final Manager CSA = new Manager("kubectl-client-side-apply", "apps/v1", "");
    private static final Manager SCALE = new Manager("kubectl", "apps/v1", "scale");

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String text(JsonNode n) {
        return Json.write(n).replace('"', '\'');
    }

    static ObjectNode deployment(String spec) {
        return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':'default',"
                + "'labels':{'app':'web'}},'spec':" + spec + "}");
    }

    static final String WEB = "{'replicas':2,'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':"
            + "{'labels':{'app':'web'}},'spec':{'containers':[{'name':'nginx','image':'nginx:1.25',"
            + "'ports':[{'containerPort':80}]}]}}}";

    static JsonNode entries(JsonNode obj) {
        return obj.path("metadata").path("managedFields");
    }

    @Test
    void appliedFieldsAreLeavesKeyedListItemsAndAtomicSelectors() {
        FieldSet set = Fields.of(Schema.of(DEPLOYMENTS), deployment(WEB)).filter(p -> !p.get(0).equals("f:metadata")
                || p.size() > 2 || p.equals(List.of("f:metadata", "f:labels")));

        assertThat(text(set.toJson())).isEqualTo("{'f:apiVersion':{},'f:kind':{},'f:metadata':{'f:labels':{'f:app':{}}},"
                + "'f:spec':{'f:replicas':{},'f:selector':{},'f:template':{'f:metadata':{'f:labels':{'f:app':{}}},"
                + "'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{},"
                + "'f:ports':{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}}}");
    }

    @Test
    void fieldsV1RoundTripsAndPathsPrintAsTheApiServerDoes() {
        FieldSet set = FieldSet.fromJson(json("{'f:metadata':{'f:finalizers':{'v:\\'a\\'':{}}},'f:spec':{'f:template':"
                + "{'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{}}}}}}}"));

        assertThat(set.paths().stream().map(FieldSet::display)).containsExactly(".metadata.finalizers[=\"a\"]",
                ".spec.template.spec.containers[name=\"nginx\"]", ".spec.template.spec.containers[name=\"nginx\"].image");
        assertThat(FieldSet.fromJson(set.toJson())).isEqualTo(set);
    }

    @Test
    void createRecordsTheWholeObjectForItsManagerWithoutIdentityFields() {
        ObjectNode created = deployment("{'replicas':1}");
        created.with("metadata").put("uid", "u-1").put("resourceVersion", "5");

        ManagedFields.recordUpdate(DEPLOYMENTS, null, created, CSA, T0);

        assertThat(text(entries(created))).isEqualTo("[{'manager':'kubectl-client-side-apply','operation':'Update',"
                + "'apiVersion':'apps/v1','time':'2024-01-01T00:00:00Z','fieldsType':'FieldsV1','fieldsV1':"
                + "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:replicas':{}}}}]");
    }

    @Test
    void anUpdateTakesTheFieldsItChangesFromOtherManagers() {
        ObjectNode v1 = deployment("{'replicas':1,'paused':false}");
        ManagedFields.recordUpdate(DEPLOYMENTS, null, v1, CSA, T0);
        ObjectNode v2 = v1.deepCopy();
        v2.with("spec").put("replicas", 5);

        ManagedFields.recordUpdate(DEPLOYMENTS, v1, v2, SCALE, T1);

        assertThat(text(entries(v2))).isEqualTo("[{'manager':'kubectl-client-side-apply','operation':'Update',"
                + "'apiVersion':'apps/v1','time':'2024-01-01T00:00:00Z','fieldsType':'FieldsV1','fieldsV1':"
                + "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:paused':{}}}},"
                + "{'manager':'kubectl','operation':'Update','apiVersion':'apps/v1','time':'2024-01-01T00:01:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}},'subresource':'scale'}]");
    }

    @Test
    void repeatedStatusWritesByOneManagerKeepOneEntry() {
        Manager controller = new Manager("operator", "apps/v1", "status");
        ObjectNode obj = deployment("{'replicas':1}");
        ManagedFields.recordUpdate(DEPLOYMENTS, null, obj, CSA, T0);
        for (int i = 1; i <= 5; i++) {
            ObjectNode next = obj.deepCopy();
            next.with("status").put("replicas", i).put("observedGeneration", i);
            ManagedFields.recordUpdate(DEPLOYMENTS, obj, next, controller, T0.plusSeconds(i));
            obj = next;
        }

        assertThat(entries(obj)).hasSize(2);
        assertThat(text(entries(obj).get(1))).isEqualTo("{'manager':'operator','operation':'Update','apiVersion':"
                + "'apps/v1','time':'2024-01-01T00:00:05Z','fieldsType':'FieldsV1','fieldsV1':{'f:status':"
                + "{'f:observedGeneration':{},'f:replicas':{}}},'subresource':'status'}");
    }

    @Test
    void anUpdateThroughTheMainResourceOwnsNoStatusField() {
        ObjectNode v1 = deployment("{'replicas':1}");
        ObjectNode v2 = v1.deepCopy();
        v2.with("status").put("replicas", 1);

        ManagedFields.recordUpdate(DEPLOYMENTS, null, v1, CSA, T0);
        ManagedFields.recordUpdate(DEPLOYMENTS, v1, v2, new Manager("other", "apps/v1", ""), T1);

        assertThat(entries(v2)).hasSize(1);
    }

    @Test
    void applyCreatesWithOnlyTheAppliedFieldsOwned() {
        ObjectNode created = ManagedFields.apply(DEPLOYMENTS, null, deployment(WEB), KUBECTL, false, T0);

        assertThat(created.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(entries(created)).hasSize(1);
        assertThat(entries(created).get(0).path("operation").asText()).isEqualTo("Apply");
        assertThat(entries(created).get(0).has("subresource")).isFalse();
        assertThat(text(entries(created).get(0).path("fieldsV1").path("f:spec").path("f:selector"))).isEqualTo("{}");
    }

    @Test
    void applyingAnotherManagersFieldWithADifferentValueIsAConflict() {
        ObjectNode live = deployment("{'replicas':1,'paused':false}");
        ManagedFields.recordUpdate(DEPLOYMENTS, null, live, CSA, T0);

        assertThatThrownBy(() -> ManagedFields.apply(DEPLOYMENTS, live, deployment("{'replicas':3}"), KUBECTL, false, T1))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with "
                            + "\"kubectl-client-side-apply\" using apps/v1: .spec.replicas");
                    assertThat(e.causes()).containsExactly(new Cause("FieldManagerConflict",
                            "conflict with \"kubectl-client-side-apply\" using apps/v1", ".spec.replicas"));
                });
    }

    @Test
    void severalConflictsAreGroupedByManager() {
        ObjectNode live = deployment("{'replicas':1,'paused':false}");
        ManagedFields.recordUpdate(DEPLOYMENTS, null, live, CSA, T0);

        assertThatThrownBy(() -> ManagedFields.apply(DEPLOYMENTS, live,
                deployment("{'replicas':3,'paused':true}"), KUBECTL, false, T1))
                .hasMessage("Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n"
                        + "- .spec.paused\n- .spec.replicas");
    }

    @Test
    void forceTakesOwnershipFromTheOtherManager() {
        ObjectNode live = deployment("{'replicas':1,'paused':false}");
        ManagedFields.recordUpdate(DEPLOYMENTS, null, live, CSA, T0);

        ObjectNode applied = ManagedFields.apply(DEPLOYMENTS, live, deployment("{'replicas':3}"), KUBECTL, true, T1);

        assertThat(applied.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(text(entries(applied).get(0).path("fieldsV1"))).isEqualTo(
                "{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:replicas':{}}}");
        assertThat(text(entries(applied).get(1).path("fieldsV1"))).isEqualTo(
                "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:paused':{}}}");
    }

    @Test
    void applyingTheSameValueSharesOwnershipWithoutConflict() {
        ObjectNode live = deployment("{'replicas':1}");
        ManagedFields.recordUpdate(DEPLOYMENTS, null, live, CSA, T0);

        ObjectNode applied = ManagedFields.apply(DEPLOYMENTS, live, deployment("{'replicas':1}"), KUBECTL, false, T1);

        assertThat(entries(applied)).hasSize(2);
        assertThat(entries(applied).get(1).path("fieldsV1").path("f:spec").has("f:replicas")).isTrue();
    }

    @Test
    void aFieldNoLongerAppliedIsRemovedUnlessAnotherManagerOwnsIt() {
        ObjectNode v1 = ManagedFields.apply(DEPLOYMENTS, null, deployment("{'replicas':2,'paused':true,"
                + "'minReadySeconds':5}"), KUBECTL, false, T0);
        ObjectNode v2 = ManagedFields.apply(DEPLOYMENTS, v1, deployment("{'minReadySeconds':5}"),
                new Manager("other", "apps/v1", ""), false, T0);

        ObjectNode v3 = ManagedFields.apply(DEPLOYMENTS, v2, deployment("{'replicas':2}"), KUBECTL, false, T1);

        assertThat(text(v3.path("spec"))).isEqualTo("{'replicas':2,'minReadySeconds':5}");
    }

    @Test
    void listItemsMergeByKeyKeepingItemsOthersAdded() {
        ObjectNode v1 = ManagedFields.apply(DEPLOYMENTS, null, deployment(WEB), KUBECTL, false, T0);
        ObjectNode sidecar = v1.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) sidecar.at("/spec/template/spec/containers"))
                .addObject().put("name", "log").put("image", "busybox");
        ManagedFields.recordUpdate(DEPLOYMENTS, v1, sidecar, new Manager("kubectl-edit", "apps/v1", ""), T0);

        ObjectNode v2 = ManagedFields.apply(DEPLOYMENTS, sidecar, deployment(WEB.replace("nginx:1.25", "nginx:1.27")
                .replace("'containerPort':80}", "'containerPort':80},{'containerPort':443}")), KUBECTL, false, T1);

        assertThat(text(v2.at("/spec/template/spec/containers"))).isEqualTo("[{'name':'nginx','image':'nginx:1.27',"
                + "'ports':[{'containerPort':80},{'containerPort':443}]},{'name':'log','image':'busybox'}]");
    }

    @Test
    void removingAnAppliedListItemRemovesItWhole() {
        ObjectNode v1 = ManagedFields.apply(DEPLOYMENTS, null, deployment(WEB.replace("}]}}}",
                "},{'name':'log','image':'busybox'}]}}}")), KUBECTL, false, T0);
        ObjectNode defaulted = v1.deepCopy();
        ((ObjectNode) defaulted.at("/spec/template/spec/containers/1")).put("terminationMessagePath", "/dev/x");

        ObjectNode v2 = ManagedFields.apply(DEPLOYMENTS, defaulted, deployment(WEB), KUBECTL, false, T1);

        assertThat(v2.at("/spec/template/spec/containers")).hasSize(1);
    }

    @Test
    void kubectlMayTakeOverFieldsInTheClientSideLastAppliedConfiguration() {
        ObjectNode live = deployment("{'replicas':1}");
        live.with("metadata").with("annotations").put("kubectl.kubernetes.io/last-applied-configuration",
                "{\"spec\":{\"replicas\":1}}");
        ManagedFields.recordUpdate(DEPLOYMENTS, null, live, CSA, T0);

        ObjectNode applied = ManagedFields.apply(DEPLOYMENTS, live, deployment("{'replicas':3}"), KUBECTL, false, T1);

        assertThat(applied.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThatThrownBy(() -> ManagedFields.apply(DEPLOYMENTS, live, deployment("{'replicas':3}"),
                new Manager("helm", "apps/v1", ""), false, T1)).hasMessageContaining("1 conflict");
    }

    @Test
    void managedFieldsSentAsASingleEmptyEntryAreCleared() {
        ObjectNode v1 = deployment("{'replicas':1}");
        ManagedFields.recordUpdate(DEPLOYMENTS, null, v1, CSA, T0);
        ObjectNode v2 = v1.deepCopy();
        v2.with("metadata").set("managedFields", json("{'a':[{}]}").get("a"));

        ManagedFields.recordUpdate(DEPLOYMENTS, v1, v2, CSA, T1);

        assertThat(v2.path("metadata").has("managedFields")).isFalse();
    }
}
