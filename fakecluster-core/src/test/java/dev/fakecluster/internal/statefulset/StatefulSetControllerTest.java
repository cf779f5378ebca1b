package dev.fakecluster.internal.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.internal.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetControllerTest {

    /** Creating, deleting and restarting each take whole seconds here: start 2 s, stop 1 s. */
    private static final Duration START = Duration.ofSeconds(2);

    @Test
    void orderedReadyCreatesOnePodAtATime() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(3, "nginx:1.25"));

            assertThat(podNames(cluster)).containsExactly("web-0");
            cluster.advance(Duration.ofSeconds(1));
            assertThat(podNames(cluster)).containsExactly("web-0");

            cluster.advance(Duration.ofSeconds(1));
            assertThat(pod(cluster, "web-0").field("status.phase")).contains("Running");
            assertThat(podNames(cluster)).containsExactly("web-0", "web-1");

            cluster.advance(START);
            assertThat(podNames(cluster)).containsExactly("web-0", "web-1", "web-2");
            assertThat(pod(cluster, "web-2").field("status.phase")).contains("Pending");

            cluster.advance(START);
            assertThat(status(cluster).path("readyReplicas").asInt()).isEqualTo(3);
        }
    }

    @Test
    void orderedReadyWaitsForEachPodToBeAvailableForMinReadySeconds() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(2, "nginx:1.25", "minReadySeconds: 10"));

            cluster.advance(Duration.ofSeconds(12));
            assertThat(podNames(cluster)).containsExactly("web-0");
            assertThat(status(cluster).path("availableReplicas").asInt()).isZero();

            cluster.advance(Duration.ofSeconds(1));
            assertThat(podNames(cluster)).containsExactly("web-0", "web-1");
            assertThat(status(cluster).path("availableReplicas").asInt()).isEqualTo(1);
        }
    }

    @Test
    void parallelCreatesAllAtOnce() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(3, "nginx:1.25", "podManagementPolicy: Parallel"));

            assertThat(podNames(cluster)).containsExactly("web-0", "web-1", "web-2");

            cluster.advance(START);
            cluster.scale("sts", "default", "web", 0);
            assertThat(cluster.list("pods", "default", "app=nginx")).allSatisfy(
                    p -> assertThat(p.deletionTimestamp()).isPresent());
        }
    }

    @Test
    void podsCarryTheirStableIdentity() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource set = cluster.apply(web(1, "nginx:1.25")).get(0);

            Resource pod = pod(cluster, "web-0");
            assertThat(pod.field("metadata.generateName")).contains("web-");
            assertThat(pod.field("spec.hostname")).contains("web-0");
            assertThat(pod.field("spec.subdomain")).contains("nginx");
            assertThat(pod.labels()).containsOnlyKeys("app", "apps.kubernetes.io/pod-index", "controller-revision-hash",
                    "statefulset.kubernetes.io/pod-name");
            assertThat(pod.labels()).containsEntry("statefulset.kubernetes.io/pod-name", "web-0")
                    .containsEntry("apps.kubernetes.io/pod-index", "0")
                    .containsEntry("controller-revision-hash", status(cluster).path("updateRevision").asText());
            assertThat(pod.field("metadata.ownerReferences[0].uid")).contains(set.uid());
            assertThat(pod.field("metadata.ownerReferences[0].controller")).contains("true");
            assertThat(pod.field("metadata.ownerReferences[0].blockOwnerDeletion")).contains("true");
        }
    }

    @Test
    void ordinalsStartAtSpecOrdinalsStart() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(2, "nginx:1.25", "podManagementPolicy: Parallel", "ordinals: {start: 5}"));

            assertThat(podNames(cluster)).containsExactly("web-5", "web-6");
            assertThat(pod(cluster, "web-5").labels()).containsEntry("apps.kubernetes.io/pod-index", "5");
        }
    }

    @Test
    void scaleDownRemovesHighestOrdinalFirst() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(3, "nginx:1.25"));
            cluster.advance(Duration.ofSeconds(10));

            cluster.scale("sts", "default", "web", 1);
            assertThat(pod(cluster, "web-2").deletionTimestamp()).isPresent();
            assertThat(pod(cluster, "web-1").deletionTimestamp()).isEmpty();

            cluster.advance(Duration.ofSeconds(1));
            assertThat(podNames(cluster)).containsExactly("web-0", "web-1");
            assertThat(pod(cluster, "web-1").deletionTimestamp()).isPresent();

            cluster.advance(Duration.ofSeconds(1));
            assertThat(podNames(cluster)).containsExactly("web-0");
            assertThat(messages(cluster, "SuccessfulDelete")).containsExactly(
                    "delete Pod web-2 in StatefulSet web successful", "delete Pod web-1 in StatefulSet web successful");
        }
    }

    @Test
    void scaleDownWaitsWhileAnyPodIsUnhealthy() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(3, "nginx:1.25"));
            cluster.advance(Duration.ofSeconds(10));
            cluster.delete("pod", "default", "web-0");
            cluster.advance(Duration.ofSeconds(1));

            cluster.scale("sts", "default", "web", 2);
            assertThat(pod(cluster, "web-2").deletionTimestamp()).isEmpty();

            cluster.advance(START);
            assertThat(pod(cluster, "web-0").field("status.phase")).contains("Running");
            assertThat(pod(cluster, "web-2").deletionTimestamp()).isPresent();
        }
    }

    @Test
    void rollingUpdateGoesFromHighestOrdinalDown() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(3, "nginx:1.25"));
            cluster.advance(Duration.ofSeconds(10));
            String before = status(cluster).path("currentRevision").asText();

            cluster.apply(web(3, "nginx:1.26"));
            String after = status(cluster).path("updateRevision").asText();
            assertThat(after).isNotEqualTo(before).startsWith("web-");
            assertThat(pod(cluster, "web-2").deletionTimestamp()).isPresent();
            assertThat(pod(cluster, "web-1").deletionTimestamp()).isEmpty();

            cluster.advance(Duration.ofSeconds(1));
            assertThat(revision(pod(cluster, "web-2"))).isEqualTo(after);
            assertThat(pod(cluster, "web-2").field("spec.containers[0].image")).contains("nginx:1.26");
            assertThat(pod(cluster, "web-1").deletionTimestamp()).isEmpty();

            cluster.advance(START);
            assertThat(pod(cluster, "web-1").deletionTimestamp()).isPresent();

            cluster.advance(Duration.ofSeconds(6));
            assertThat(messages(cluster, "SuccessfulDelete")).containsExactly(
                    "delete Pod web-2 in StatefulSet web successful", "delete Pod web-1 in StatefulSet web successful",
                    "delete Pod web-0 in StatefulSet web successful");
            assertThat(cluster.list("pods", "default", "app=nginx")).extracting(StatefulSetControllerTest::revision)
                    .containsOnly(after);
            assertThat(status(cluster).path("currentRevision").asText()).isEqualTo(after);
            assertThat(status(cluster).path("currentReplicas").asInt()).isEqualTo(3);
        }
    }

    @Test
    void partitionKeepsLowerOrdinalsOnTheOldRevision() {
        try (Cluster cluster = Cluster.builder().build()) {
            String partition = "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}";
            cluster.apply(web(3, "nginx:1.25", partition));
            cluster.advance(Duration.ofSeconds(10));
            String old = status(cluster).path("currentRevision").asText();

            cluster.apply(web(3, "nginx:1.26", partition));
            cluster.advance(Duration.ofSeconds(10));
            String updated = status(cluster).path("updateRevision").asText();
            assertThat(revision(pod(cluster, "web-2"))).isEqualTo(updated);
            assertThat(revision(pod(cluster, "web-1"))).isEqualTo(old);
            assertThat(revision(pod(cluster, "web-0"))).isEqualTo(old);
            assertThat(status(cluster).path("currentRevision").asText()).isEqualTo(old);
            assertThat(status(cluster).path("currentReplicas").asInt()).isEqualTo(2);
            assertThat(status(cluster).path("updatedReplicas").asInt()).isEqualTo(1);

            cluster.delete("pod", "default", "web-0");
            cluster.advance(Duration.ofSeconds(5));
            assertThat(revision(pod(cluster, "web-0"))).isEqualTo(old);
            assertThat(pod(cluster, "web-0").field("spec.containers[0].image")).contains("nginx:1.25");

            cluster.apply(web(3, "nginx:1.26", "updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}"));
            cluster.advance(Duration.ofSeconds(10));
            assertThat(cluster.list("pods", "default", "app=nginx")).extracting(StatefulSetControllerTest::revision)
                    .containsOnly(updated);
            assertThat(status(cluster).path("currentRevision").asText()).isEqualTo(updated);
        }
    }

    @Test
    void onDeleteReplacesOnlyPodsTheUserDeletes() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(2, "nginx:1.25", "updateStrategy: {type: OnDelete}"));
            cluster.advance(Duration.ofSeconds(10));
            String old = status(cluster).path("currentRevision").asText();

            cluster.apply(web(2, "nginx:1.26", "updateStrategy: {type: OnDelete}"));
            cluster.advance(Duration.ofSeconds(10));
            assertThat(messages(cluster, "SuccessfulDelete")).isEmpty();
            assertThat(status(cluster).path("updatedReplicas").asInt()).isZero();

            cluster.delete("pod", "default", "web-1");
            cluster.advance(Duration.ofSeconds(5));
            assertThat(revision(pod(cluster, "web-1"))).isEqualTo(status(cluster).path("updateRevision").asText());
            assertThat(revision(pod(cluster, "web-0"))).isEqualTo(old);
            assertThat(status(cluster).path("currentRevision").asText()).isEqualTo(old);
        }
    }

    @Test
    void controllerRevisionsNumberTheTemplatesAndRollbackReusesOne() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(1, "nginx:1.25"));
            cluster.advance(Duration.ofSeconds(5));
            String first = status(cluster).path("currentRevision").asText();
            cluster.apply(web(1, "nginx:1.26"));
            cluster.advance(Duration.ofSeconds(5));

            cluster.apply(web(1, "nginx:1.25"));
            cluster.advance(Duration.ofSeconds(5));

            List<Resource> revisions = cluster.list("controllerrevisions", "default", "app=nginx");
            assertThat(revisions).hasSize(2);
            Resource reused = cluster.get("controllerrevisions", "default", first).orElseThrow();
            assertThat(reused.field("revision")).contains("3");
            assertThat(reused.labels()).containsEntry("controller.kubernetes.io/hash", first.substring(4));
            assertThat(reused.field("data.spec.template.$patch")).contains("replace");
            assertThat(status(cluster).path("updateRevision").asText()).isEqualTo(first);
            assertThat(revision(pod(cluster, "web-0"))).isEqualTo(first);
        }
    }

    @Test
    void aRevisionNameTakenByOtherDataIsCountedAsACollision() {
        String taken;
        try (Cluster probe = Cluster.builder().build()) {
            probe.apply(web(1, "nginx:1.25"));
            taken = status(probe).path("updateRevision").asText();
        }
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: apps/v1
                    kind: ControllerRevision
                    metadata: {name: %s, labels: {app: other}}
                    data: {spec: {template: {metadata: {labels: {app: other}}}}}
                    revision: 1
                    """.formatted(taken));

            cluster.apply(web(1, "nginx:1.25"));

            assertThat(status(cluster).path("collisionCount").asInt()).isEqualTo(1);
            assertThat(status(cluster).path("updateRevision").asText()).startsWith("web-").isNotEqualTo(taken);
            assertThat(revision(pod(cluster, "web-0"))).isEqualTo(status(cluster).path("updateRevision").asText());
        }
    }

    @Test
    void revisionHistoryIsTrimmedToTheLimit() {
        try (Cluster cluster = Cluster.builder().build()) {
            for (String image : List.of("nginx:1.24", "nginx:1.25", "nginx:1.26", "nginx:1.27")) {
                cluster.apply(web(1, image, "revisionHistoryLimit: 1"));
                cluster.advance(Duration.ofSeconds(5));
            }

            assertThat(cluster.list("controllerrevisions", "default", null))
                    .extracting(r -> r.field("revision").orElseThrow()).containsExactlyInAnyOrder("3", "4");
        }
    }

    @Test
    void failedPodIsDeletedAndRecreatedWithTheSameName() {
        ControlPlaneFixture plane = new ControlPlaneFixture();
        plane.apply(web(1, "nginx:1.25"));
        String firstUid = plane.pod("web-0").uid();

        plane.editPod("web-0", p -> {
            Json.with(p, "status").put("phase", "Failed");
            return p;
        });

        assertThat(plane.pod("web-0").uid()).isNotEqualTo(firstUid);
        assertThat(plane.pod("web-0").json().path("status").path("phase").asText()).isEqualTo("Pending");
        assertThat(plane.messages("SuccessfulDelete"))
                .containsExactly("delete Pod web-0 in StatefulSet web successful");
    }

    @Test
    void aDriftedPodNameLabelIsRestored() {
        ControlPlaneFixture plane = new ControlPlaneFixture();
        plane.apply(web(1, "nginx:1.25", "podManagementPolicy: Parallel"));

        plane.editPod("web-0", p -> {
            Json.with(p, "metadata", "labels").put("statefulset.kubernetes.io/pod-name", "someone-else");
            return p;
        });

        assertThat(plane.pod("web-0").labels()).containsEntry("statefulset.kubernetes.io/pod-name", "web-0");
        assertThat(plane.messages("SuccessfulUpdate"))
                .containsExactly("update Pod web-0 in StatefulSet web successful");
    }

    @Test
    void podOnDeadNodeIsNotReplacedWhileTerminating() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(1, "nginx:1.25"));
            cluster.advance(Duration.ofSeconds(10));
            Resource before = pod(cluster, "web-0");
            String node = before.field("spec.nodeName").orElseThrow();

            cluster.node(node).kill();
            cluster.advance(Duration.ofSeconds(50 + 300 + 5));
            Resource stuck = pod(cluster, "web-0");
            assertThat(stuck.uid()).isEqualTo(before.uid());
            assertThat(stuck.deletionTimestamp()).isPresent();
            assertThat(podNames(cluster)).containsExactly("web-0");
            assertThat(status(cluster).path("readyReplicas").asInt()).isZero();

            cluster.node(node).restore();
            cluster.advance(Duration.ofSeconds(5));
            Resource replacement = pod(cluster, "web-0");
            assertThat(replacement.uid()).isNotEqualTo(before.uid());
            assertThat(replacement.deletionTimestamp()).isEmpty();
            assertThat(replacement.field("status.phase")).contains("Running");
        }
    }

    @Test
    void aNameTakenByAnotherPodIsRetriedUntilItIsFree() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web-1, labels: {app: other}}
                    spec:
                      containers: [{name: c, image: busybox}]
                    """);
            cluster.apply(web(2, "nginx:1.25"));
            cluster.advance(Duration.ofSeconds(10));
            assertThat(pod(cluster, "web-1").labels()).containsEntry("app", "other");

            cluster.delete("pod", "default", "web-1");
            cluster.advance(Duration.ofSeconds(30));

            assertThat(pod(cluster, "web-1").labels()).containsEntry("app", "nginx");
            assertThat(pod(cluster, "web-1").field("metadata.ownerReferences[0].name")).contains("web");
        }
    }

    @Test
    void volumeClaimsAreCreatedAndRetained() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(2, "nginx:1.25", CLAIMS));
            cluster.advance(Duration.ofSeconds(10));

            Resource claim = cluster.get("pvc", "default", "www-web-0").orElseThrow();
            assertThat(claim.labels()).isEqualTo(Map.of("app", "nginx"));
            assertThat(claim.field("spec.resources.requests.storage")).contains("1Gi");
            assertThat(claim.field("metadata.ownerReferences")).isEmpty();
            assertThat(claim.json().path("metadata").has("ownerReferences")).isFalse();
            assertThat(pod(cluster, "web-1").field("spec.volumes[0].name")).contains("www");
            assertThat(pod(cluster, "web-1").field("spec.volumes[0].persistentVolumeClaim.claimName"))
                    .contains("www-web-1");
            assertThat(messages(cluster, "SuccessfulCreate")).containsExactly(
                    "create Claim www-web-0 Pod web-0 in StatefulSet web success",
                    "create Pod web-0 in StatefulSet web successful",
                    "create Claim www-web-1 Pod web-1 in StatefulSet web success",
                    "create Pod web-1 in StatefulSet web successful");

            cluster.scale("sts", "default", "web", 0);
            cluster.advance(Duration.ofSeconds(5));
            cluster.delete("sts", "default", "web");
            cluster.advance(Duration.ofSeconds(5));

            assertThat(cluster.list("pods", "default", null)).isEmpty();
            assertThat(cluster.list("pvc", "default", null)).extracting(Resource::name)
                    .containsExactly("www-web-0", "www-web-1");
        }
    }

    @Test
    void retentionPolicyDeleteRemovesClaimsWithScaledDownPodsAndWithTheSet() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(2, "nginx:1.25", CLAIMS,
                    "persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Delete}"));
            cluster.advance(Duration.ofSeconds(10));
            Resource set = cluster.get("sts", "default", "web").orElseThrow();
            Resource claim = cluster.get("pvc", "default", "www-web-1").orElseThrow();
            assertThat(claim.field("metadata.ownerReferences[0].uid")).contains(set.uid());
            assertThat(claim.field("metadata.ownerReferences[0].controller")).contains("true");

            cluster.scale("sts", "default", "web", 1);
            cluster.advance(Duration.ofSeconds(5));
            assertThat(cluster.list("pvc", "default", null)).extracting(Resource::name).containsExactly("www-web-0");

            cluster.delete("sts", "default", "web");
            cluster.advance(Duration.ofSeconds(5));
            assertThat(cluster.list("pvc", "default", null)).isEmpty();
        }
    }

    @Test
    void statusCountsAreExact() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(web(3, "nginx:1.25"));
            String rev = status(cluster).path("updateRevision").asText();
            assertThat(status(cluster).toString()).isEqualTo(json("{'observedGeneration':1,'replicas':1,"
                    + "'currentReplicas':1,'updatedReplicas':1,'currentRevision':'%s','updateRevision':'%s',"
                    + "'collisionCount':0,'availableReplicas':0}", rev, rev));

            cluster.advance(Duration.ofSeconds(10));
            assertThat(status(cluster).toString()).isEqualTo(json("{'observedGeneration':1,'replicas':3,"
                    + "'readyReplicas':3,'currentReplicas':3,'updatedReplicas':3,'currentRevision':'%s',"
                    + "'updateRevision':'%s','collisionCount':0,'availableReplicas':3}", rev, rev));

            cluster.apply(web(3, "nginx:1.26"));
            String next = status(cluster).path("updateRevision").asText();
            assertThat(status(cluster).toString()).isEqualTo(json("{'observedGeneration':2,'replicas':3,"
                    + "'readyReplicas':3,'currentReplicas':2,'currentRevision':'%s','updateRevision':'%s',"
                    + "'collisionCount':0,'availableReplicas':3}", rev, next));
            assertThat(cluster.table("sts", "default")).isEqualTo("NAME   READY   AGE\nweb    3/3     10s\n");
        }
    }

    // ---- fixtures ------------------------------------------------------------------------------

    static final String CLAIMS = """
            volumeClaimTemplates:
            - metadata: {name: www}
              spec:
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: 1Gi}}""";

    /** StatefulSet {@code web} (service {@code nginx}, label {@code app=nginx}) with extra spec lines. */
    static String web(int replicas, String image, String... spec) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: web
                spec:
                  serviceName: nginx
                  replicas: %d
                  selector:
                    matchLabels: {app: nginx}
                  template:
                    metadata:
                      labels: {app: nginx}
                    spec:
                      containers:
                      - name: nginx
                        image: %s
                """.formatted(replicas, image));
        for (String s : spec) {
            s.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
        }
        return yaml.toString();
    }

    /** JSON text written with single quotes, filled in like {@link String#formatted}. */
    private static String json(String singleQuoted, Object... args) {
        return singleQuoted.formatted(args).replace('\'', '"');
    }

    private static List<String> podNames(Cluster cluster) {
        return cluster.list("pods", "default", "app=nginx").stream().map(Resource::name).toList();
    }

    private static Resource pod(Cluster cluster, String name) {
        return cluster.get("pod", "default", name).orElseThrow();
    }

    private static JsonNode status(Cluster cluster) {
        return cluster.get("sts", "default", "web").orElseThrow().json().path("status");
    }

    private static String revision(Resource pod) {
        return pod.labels().get("controller-revision-hash");
    }

    /** The messages of the StatefulSet controller's events with {@code reason}, oldest first. */
    private static List<String> messages(Cluster cluster, String reason) {
        return cluster.events("default").stream()
                .filter(e -> e.field("source.component").orElse("").equals("statefulset-controller"))
                .filter(e -> e.field("reason").orElse("").equals(reason))
                .map(e -> e.field("message").orElseThrow()).toList();
    }
}
