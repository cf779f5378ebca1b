package dev.fakecluster.internal.apiserver;

import static dev.fakecluster.internal.apiserver.Fixture.text;
import static dev.fakecluster.internal.apiserver.Fixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo.Propagation;
import dev.fakecluster.internal.store.StoredObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private final Fixture f = new Fixture();

    private static final String DEPLOY = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, image: nginx}]}
            """;

    private static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: myjob}
            spec:
              template:
                spec: {containers: [{name: c, image: busybox}], restartPolicy: Never}
            """;

    @Test
    void everyWriteTakesTheNextResourceVersionAndNoOpWritesTakeNone() {
        long before = f.store.state().resourceVersion();
        StoredObject created = f.createUnreconciled(DEPLOY);
        assertThat(created.resourceVersion()).isEqualTo(before + 1);

        StoredObject same = f.api.update(created.mutableCopy(), "default", false);

        assertThat(same.resourceVersion()).isEqualTo(before + 1);
        assertThat(f.store.state().resourceVersion()).isEqualTo(before + 1);
    }

    @Test
    void staleResourceVersionIsRejectedWithConflict() {
        StoredObject created = f.createUnreconciled(DEPLOY);
        ObjectNode first = created.mutableCopy();
        Json.with(first, "spec").put("replicas", 3);
        f.api.update(first, "default", false);
        ObjectNode stale = created.mutableCopy();
        Json.with(stale, "spec").put("replicas", 4);

        assertThatThrownBy(() -> f.api.update(stale, "default", false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.reason()).isEqualTo("Conflict");
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.details().kind()).isEqualTo("deployments");
                    assertThat(e.details().group()).isEqualTo("apps");
                })
                .hasMessage("Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; "
                        + "please apply your changes to the latest version and try again");
        assertThat(text(f.api.get(f.kind("deploy"), "default", "web").orElseThrow(), "spec", "replicas")).isEqualTo("3");
    }

    @Test
    void generationFollowsSpecChangesOnly() {
        StoredObject created = f.createUnreconciled(DEPLOY);
        ObjectNode relabel = created.mutableCopy();
        Json.with(relabel, "metadata", "labels").put("x", "y");
        StoredObject relabelled = f.api.update(relabel, "default", false);
        ObjectNode scale = relabelled.mutableCopy();
        Json.with(scale, "spec").put("replicas", 2);

        StoredObject scaled = f.api.update(scale, "default", false);

        assertThat(text(relabelled, "metadata", "generation")).isEqualTo("1");
        assertThat(text(scaled, "metadata", "generation")).isEqualTo("2");
    }

    @Test
    void plainUpdatesIgnoreStatusAndStatusUpdatesIgnoreSpec() {
        StoredObject created = f.createUnreconciled(DEPLOY);
        ObjectNode withStatus = created.mutableCopy();
        Json.with(withStatus, "status").put("replicas", 9);
        StoredObject updated = f.api.update(withStatus, "default", false);
        assertThat(updated.json().has("status")).isFalse();

        ObjectNode statusWrite = created.mutableCopy();
        Json.with(statusWrite, "status").put("replicas", 9);
        Json.with(statusWrite, "spec").put("replicas", 7);
        StoredObject status = f.api.updateStatus(statusWrite, "default");

        assertThat(text(status, "status", "replicas")).isEqualTo("9");
        assertThat(text(status, "spec", "replicas")).isEqualTo("1");
        assertThat(text(status, "metadata", "generation")).isEqualTo("1");
    }

    @Test
    void generateNameGivesFiveCharacterSuffixesFromKubernetesAlphabet() {
        StoredObject a = f.create("{apiVersion: v1, kind: ConfigMap, metadata: {generateName: web-}}");
        StoredObject b = f.create("{apiVersion: v1, kind: ConfigMap, metadata: {generateName: web-}}");

        assertThat(a.name()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(b.name()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}").isNotEqualTo(a.name());
    }

    @Test
    void missingNameAndGenerateNameIsInvalid() {
        assertThatThrownBy(() -> f.create("{apiVersion: v1, kind: ConfigMap, metadata: {}}"))
                .hasMessage("ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");
    }

    @Test
    void oldExtensionsDeploymentGetsItsSelectorLabelsAndRolloutDefaultsFromTheOldVersion() {
        StoredObject d = f.create("""
                apiVersion: extensions/v1beta1
                kind: Deployment
                metadata: {name: nginx-deployment}
                spec:
                  replicas: 2
                  template:
                    metadata: {labels: {app: web_server}}
                    spec: {containers: [{name: nginx, image: "nginx:1.7.9"}]}
                """);

        assertThat(text(d, "apiVersion")).isEqualTo("apps/v1");
        assertThat(text(d, "spec", "selector", "matchLabels", "app")).isEqualTo("web_server");
        assertThat(text(d, "metadata", "labels", "app")).isEqualTo("web_server");
        assertThat(text(d, "spec", "strategy", "rollingUpdate", "maxSurge")).isEqualTo("1");
        assertThat(text(d, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isEqualTo("1");
        assertThat(text(d, "spec", "revisionHistoryLimit")).isEqualTo("2147483647");
    }

    @Test
    void oldCronJobIsStoredAsBatchV1WithDefaults() {
        StoredObject cj = f.create("""
                apiVersion: batch/v2alpha1
                kind: CronJob
                metadata: {name: hello}
                spec:
                  schedule: "*/1 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: hello, image: busybox, command: [echo, hi]}]
                          restartPolicy: OnFailure
                """);

        assertThat(text(cj, "apiVersion")).isEqualTo("batch/v1");
        assertThat(text(cj, "spec", "concurrencyPolicy")).isEqualTo("Allow");
        assertThat(text(cj, "spec", "successfulJobsHistoryLimit")).isEqualTo("3");
    }

    @Test
    void podsGetDefaultTolerationsPendingPhaseAndQosClass() {
        StoredObject pod = f.create("{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: busybox}]}}");

        assertThat(pod.json().path("spec").path("tolerations").toString()).isEqualTo("[{\"key\":\"node.kubernetes.io/not-ready\","
                + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300},{\"key\":"
                + "\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":300}]");
        assertThat(text(pod, "status", "phase")).isEqualTo("Pending");
        assertThat(text(pod, "status", "qosClass")).isEqualTo("BestEffort");
        assertThat(text(pod, "spec", "containers", "0", "imagePullPolicy")).isNull();
        assertThat(pod.json().path("spec").path("containers").get(0).path("imagePullPolicy").asText()).isEqualTo("Always");
    }

    @Test
    void secretsAreOpaqueByDefaultAndTheirStringDataIsStoredInDataAsBase64() {
        StoredObject secret = f.create("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {a: b2xk, b: Yg==},"
                + " stringData: {a: new, c: é}}");

        assertThat(text(secret, "type")).isEqualTo("Opaque");
        assertThat(secret.json().has("stringData")).isFalse();
        assertThat(secret.json().path("data").toString()).isEqualTo("{\"a\":\"bmV3\",\"b\":\"Yg==\",\"c\":\"w6k=\"}");
    }

    @Test
    void jobsGetAGeneratedSelectorFromTheirUid() {
        StoredObject job = f.create(JOB);

        assertThat(text(job, "spec", "selector", "matchLabels", "batch.kubernetes.io/controller-uid")).isEqualTo(job.uid());
        assertThat(text(job, "spec", "template", "metadata", "labels", "job-name")).isEqualTo("myjob");
        assertThat(text(job, "spec", "completions")).isEqualTo("1");
        assertThat(text(job, "spec", "backoffLimit")).isEqualTo("6");
    }

    @Test
    void objectWithFinalizersStaysUntilTheyAreRemoved() {
        f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: held, finalizers: [example.com/keep]}}");

        ApiServer.DeleteResult pending = f.api.delete(f.kind("cm"), "default", "held", DeleteOptions.defaults());

        assertThat(pending.removed()).isFalse();
        assertThat(text(pending.object(), "metadata", "deletionTimestamp")).isEqualTo("2025-01-01T00:00:00Z");
        assertThatThrownBy(() -> f.api.mutate(f.kind("cm"), "default", "held", o -> {
            Json.with(o, "metadata").putArray("finalizers").add("example.com/keep").add("example.com/more");
            return o;
        })).hasMessageContaining("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being "
                + "deleted, found new finalizers []string{\"example.com/more\"}");

        StoredObject last = removeFinalizers("held");

        assertThat(last.name()).isEqualTo("held");
        assertThat(f.api.get(f.kind("cm"), "default", "held")).isEmpty();
    }

    @Test
    void scheduledPodsDeleteGracefullyUnscheduledOnesAtOnce() {
        f.create("{apiVersion: v1, kind: Pod, metadata: {name: bound}, spec: {nodeName: node2, containers: [{name: c, image: busybox}]}}");
        f.create("{apiVersion: v1, kind: Pod, metadata: {name: pending}, spec: {containers: [{name: c, image: busybox}]}}");

        ApiServer.DeleteResult bound = f.api.delete(f.kind("po"), "default", "bound", DeleteOptions.defaults());
        ApiServer.DeleteResult pending = f.api.delete(f.kind("po"), "default", "pending", DeleteOptions.defaults());

        assertThat(bound.removed()).isFalse();
        assertThat(text(bound.object(), "metadata", "deletionTimestamp")).isEqualTo("2025-01-01T00:00:30Z");
        assertThat(text(bound.object(), "metadata", "deletionGracePeriodSeconds")).isEqualTo("30");
        assertThat(pending.removed()).isTrue();

        ApiServer.DeleteResult shortened = f.api.delete(f.kind("po"), "default", "bound",
                DeleteOptions.defaults().withGracePeriod(5));
        assertThat(text(shortened.object(), "metadata", "deletionTimestamp")).isEqualTo("2025-01-01T00:00:05Z");
        ApiServer.DeleteResult forced = f.api.delete(f.kind("po"), "default", "bound",
                DeleteOptions.defaults().withGracePeriod(0));
        assertThat(forced.removed()).isTrue();
    }

    @Test
    void deletePreconditionMismatchIsConflict() {
        f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}");

        assertThatThrownBy(() -> f.api.delete(f.kind("cm"), "default", "a", new DeleteOptions(null, null, "other", null, false)))
                .hasMessageStartingWith("Operation cannot be fulfilled on configmaps \"a\": Precondition failed: "
                        + "UID in precondition: other, UID in object meta: ");
    }

    @Test
    void backgroundDeletionRemovesOwnerAtOnceAndDependentsAfterwards() {
        StoredObject owner = f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: owner}}");
        f.create(dependent("child", owner));

        ApiServer.DeleteResult result = f.api.delete(f.kind("cm"), "default", "owner",
                DeleteOptions.propagation(Propagation.BACKGROUND));
        assertThat(result.removed()).isTrue();
        assertThat(f.api.get(f.kind("cm"), "default", "child")).isPresent();
        f.loop.run();

        assertThat(f.api.get(f.kind("cm"), "default", "child")).isEmpty();
    }

    @Test
    void orphanDeletionKeepsDependentsAndStripsTheirReferences() {
        StoredObject owner = f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: owner}}");
        f.create(dependent("child", owner));

        f.api.delete(f.kind("cm"), "default", "owner", DeleteOptions.propagation(Propagation.ORPHAN));
        f.loop.run();

        assertThat(f.api.get(f.kind("cm"), "default", "owner")).isEmpty();
        StoredObject child = f.api.get(f.kind("cm"), "default", "child").orElseThrow();
        assertThat(child.ownerUids()).isEmpty();
    }

    @Test
    void jobsDeletedWithoutAPolicyOrphanTheirPodsLikeBatchV1() {
        StoredObject job = f.create(JOB);
        f.create(dependent("myjob-abcde", job).replace("ConfigMap", "Pod")
                .replace("metadata:", "spec: {containers: [{name: c, image: busybox}]}, metadata:"));

        f.api.delete(f.kind("jobs"), "default", "myjob", DeleteOptions.defaults());
        f.loop.run();

        assertThat(f.api.get(f.kind("jobs"), "default", "myjob")).isEmpty();
        assertThat(f.api.get(f.kind("pods"), "default", "myjob-abcde")).isPresent();
    }

    @Test
    void foregroundDeletionWaitsForBlockingDependents() {
        StoredObject owner = f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: owner}}");
        f.create(dependent("child", owner).replace("metadata: {", "metadata: {finalizers: [example.com/hold], "));

        f.api.delete(f.kind("cm"), "default", "owner", DeleteOptions.propagation(Propagation.FOREGROUND));
        f.loop.run();

        StoredObject waiting = f.api.get(f.kind("cm"), "default", "owner").orElseThrow();
        assertThat(waiting.hasFinalizer("foregroundDeletion")).isTrue();
        assertThat(f.api.get(f.kind("cm"), "default", "child").orElseThrow().isDeleting()).isTrue();

        removeFinalizers("child");
        f.loop.run();

        assertThat(f.api.get(f.kind("cm"), "default", "child")).isEmpty();
        assertThat(f.api.get(f.kind("cm"), "default", "owner")).isEmpty();
    }

    @Test
    void dependentWhoseOwnerNeverExistedIsCollected() {
        f.create("""
                {apiVersion: v1, kind: ConfigMap, metadata: {name: stray, ownerReferences: [
                  {apiVersion: v1, kind: ConfigMap, name: ghost, uid: 00000000-0000-4000-8000-000000000000}]}}
                """);

        assertThat(f.api.get(f.kind("cm"), "default", "stray")).isEmpty();
    }

    @Test
    void terminatingNamespaceRejectsNewContent() {
        f.create("{apiVersion: v1, kind: Namespace, metadata: {name: shop}}");
        f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: held, namespace: shop, finalizers: [example.com/keep]}}");
        f.api.delete(f.kind("ns"), "", "shop", DeleteOptions.defaults());
        f.loop.run();

        StoredObject ns = f.api.get(f.kind("ns"), "", "shop").orElseThrow();
        assertThat(text(ns, "status", "phase")).isEqualTo("Terminating");
        assertThat(ns.json().path("status").path("conditions").get(0).path("message").asText())
                .isEqualTo("Some resources are remaining: configmaps has 1 resource instance");
        assertThatThrownBy(() -> f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: late, namespace: shop}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403))
                .hasMessage("configmaps \"late\" is forbidden: unable to create new content in namespace shop because "
                        + "it is being terminated");
    }

    @Test
    void customResourceDefinitionMakesItsKindUsable() {
        f.create("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd]}
                  versions:
                  - {name: v1, served: true, storage: true, subresources: {status: {}},
                     schema: {openAPIV3Schema: {type: object}}}
                """);

        StoredObject w = f.create("{apiVersion: example.com/v1, kind: Widget, metadata: {name: w1}, spec: {size: 3, extra: {deep: [1, 2]}}}");

        assertThat(w.json().path("spec").toString()).isEqualTo("{\"size\":3,\"extra\":{\"deep\":[1,2]}}");
        assertThat(f.kind("wd").resource()).isEqualTo("widgets.example.com");
        assertThat(f.api.list(f.kind("widgets"), "default", null, null).items()).hasSize(1);
    }

    @Test
    void dryRunValidatesButPersistsNothing() {
        long rv = f.store.state().resourceVersion();

        StoredObject preview = f.api.create(yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}"), "default", true);

        assertThat(preview.name()).isEqualTo("a");
        assertThat(f.store.state().resourceVersion()).isEqualTo(rv);
        assertThat(f.api.get(f.kind("cm"), "default", "a")).isEmpty();
    }

    @Test
    void creationTimestampComesFromTheVirtualClock() {
        f.clock.advanceTo(f.clock.now().plus(Duration.ofMinutes(3)).plusMillis(700));

        StoredObject cm = f.create("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}");

        assertThat(text(cm, "metadata", "creationTimestamp")).isEqualTo("2025-01-01T00:03:00Z");
    }

    private StoredObject removeFinalizers(String configMap) {
        return f.api.mutate(f.kind("cm"), "default", configMap, o -> {
            Json.with(o, "metadata").remove("finalizers");
            return o;
        });
    }

    private static String dependent(String name, StoredObject owner) {
        return "{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", ownerReferences: [{apiVersion: "
                + owner.json().path("apiVersion").asText() + ", kind: " + owner.kind() + ", name: " + owner.name()
                + ", uid: " + owner.uid() + ", controller: true, blockOwnerDeletion: true}]}}";
    }
}
