package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.controlplane.ClusterInternals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterTest {

    /** Two nginx replicas labelled app=web: the Deployment most tests in this package start from. */
    static final String NGINX = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
            """;

    private static final String SHOP_WITH_SETTINGS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            """;

    @Test
    void defaultTopologyIsTheTutorialsThreeNodeCluster() {
        try (Cluster cluster = Cluster.builder().build()) {
            List<Resource> nodes = cluster.list("nodes", null, null);

            assertThat(nodes).extracting(Resource::name).containsExactly("node1", "node2", "node3");
            Resource node1 = nodes.get(0);
            assertThat(node1.labels()).containsEntry("node-role.kubernetes.io/control-plane", "")
                    .containsEntry("kubernetes.io/hostname", "node1").containsEntry("kubernetes.io/os", "linux")
                    .containsEntry("kubernetes.io/arch", "amd64");
            assertThat(node1.field("spec.taints[0].key")).contains("node-role.kubernetes.io/control-plane");
            assertThat(node1.field("spec.taints[0].effect")).contains("NoSchedule");
            assertThat(node1.field("status.capacity.pods")).contains("110");
            assertThat(nodes.get(1).field("spec.taints")).isEmpty();
            assertThat(nodes.get(1).field("status.addresses[0].address")).contains("192.168.1.32");
            assertThat(nodes.get(2).field("spec.podCIDR")).contains("10.244.2.0/24");
            assertThat(cluster.list("namespaces", null, null)).extracting(Resource::name)
                    .containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
            Resource kubernetes = cluster.get("svc", "default", "kubernetes").orElseThrow();
            assertThat(kubernetes.field("spec.clusterIP")).contains("10.1.0.1");
            assertThat(kubernetes.field("spec.ports[0].port")).contains("443");
        }
    }

    @Test
    void singleNodeIsControlPlaneAndSchedulableLikeMinikube() {
        try (Cluster cluster = Cluster.builder().nodes("minikube").build()) {
            Resource node = cluster.get("node", null, "minikube").orElseThrow();

            assertThat(node.labels()).containsKey("node-role.kubernetes.io/control-plane");
            assertThat(node.field("spec.taints")).isEmpty();
            assertThat(node.json().path("spec").has("taints")).isFalse();
        }
    }

    @Test
    void applyCreatesWithServerFilledMetadataInTheDefaultNamespace() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource web = cluster.apply(NGINX).get(0);

            assertThat(web.namespace()).isEqualTo("default");
            assertThat(web.apiVersion()).isEqualTo("apps/v1");
            assertThat(web.generation()).isEqualTo(1);
            assertThat(web.uid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(web.creationTimestamp()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(web.field("spec.strategy.rollingUpdate.maxSurge")).contains("25%");
            assertThat(web.field("spec.revisionHistoryLimit")).contains("10");
            assertThat(web.field("spec.template.spec.containers[0].imagePullPolicy")).contains("IfNotPresent");
            assertThat(web.toJson()).startsWith("{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{"
                    + "\"name\":\"web\",\"namespace\":\"default\",\"uid\":");
        }
    }

    @Test
    void kindAcceptsKindPluralAndShortNameCaseInsensitively() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(NGINX);

            for (String kind : List.of("Deployment", "deployments", "deploy", "DEPLOY", "deployment.apps")) {
                assertThat(cluster.get(kind, "default", "web")).as(kind).isPresent();
            }
            assertThatThrownBy(() -> cluster.get("frobs", "default", "web"))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("the server doesn't have a resource type \"frobs\"");
        }
    }

    @Test
    void reapplyingAnUnchangedManifestChangesNothing() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource first = cluster.apply(NGINX).get(0);
            String rv = cluster.resourceVersion();

            Resource second = cluster.apply(NGINX).get(0);

            assertThat(second).isEqualTo(first);
            assertThat(cluster.resourceVersion()).isEqualTo(rv);
        }
    }

    @Test
    void applyKeepsFieldsOtherWritersSetAndDropsFieldsRemovedFromTheManifest() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(NGINX.replace("metadata:\n  name: web\n", "metadata:\n  name: web\n  labels: {tier: front}\n"));

            Resource updated = cluster.apply(NGINX.replace("replicas: 2", "replicas: 5")).get(0);

            assertThat(updated.field("spec.replicas")).contains("5");
            assertThat(updated.generation()).isEqualTo(2);
            assertThat(updated.labels()).doesNotContainKey("tier");
            assertThat(updated.field("spec.revisionHistoryLimit")).contains("10");
        }
    }

    @Test
    void labelAndAnnotationChangesDoNotBumpGeneration() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(NGINX);

            Resource relabelled = cluster.apply(NGINX.replace("metadata:\n  name: web\n",
                    "metadata:\n  name: web\n  labels: {tier: front}\n")).get(0);

            assertThat(relabelled.generation()).isEqualTo(1);
            assertThat(relabelled.labels()).containsEntry("tier", "front");
        }
    }

    @Test
    void listFiltersByNamespaceAndLabelSelector() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: a, labels: {env: prod, tier: web}}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: b, namespace: kube-public, labels: {env: dev}}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: c, labels: {env: dev, tier: db}}
                    """);

            assertThat(cluster.list("cm", "default", null)).extracting(Resource::name).containsExactly("a", "c");
            assertThat(cluster.list("cm", null, "env=dev")).extracting(Resource::name).containsExactly("c", "b");
            assertThat(cluster.list("cm", null, "env in (prod,dev),tier")).extracting(Resource::name)
                    .containsExactly("a", "c");
            assertThat(cluster.list("cm", null, "tier!=db")).extracting(Resource::name).containsExactly("a", "b");
            assertThat(cluster.list("cm", null, "", "metadata.name=c")).extracting(Resource::name).containsExactly("c");
        }
    }

    @Test
    void invalidObjectInAMultiDocumentManifestChangesNothing() {
        try (Cluster cluster = Cluster.builder().build()) {
            String rv = cluster.resourceVersion();
            String manifests = """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: fine}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: Not_Fine}
                    """;

            assertThatThrownBy(() -> cluster.apply(manifests))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.reason()).isEqualTo("Invalid");
                        assertThat(e.code()).isEqualTo(422);
                        assertThat(e.getMessage()).startsWith("ConfigMap \"Not_Fine\" is invalid: metadata.name: "
                                + "Invalid value: \"Not_Fine\": a lowercase RFC 1123 subdomain");
                        assertThat(e.causes()).extracting(ApiException.Cause::field).containsExactly("metadata.name");
                    });
            assertThat(cluster.get("cm", "default", "fine")).isEmpty();
            assertThat(cluster.resourceVersion()).isEqualTo(rv);
        }
    }

    @Test
    void laterDocumentsMayDependOnEarlierOnes() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(SHOP_WITH_SETTINGS);

            assertThat(cluster.get("cm", "shop", "settings")).isPresent();
        }
    }

    @Test
    void unknownKindNamesKindAndApiVersion() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertThatThrownBy(() -> cluster.apply("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("no matches for kind \"Widget\" in version \"example.com/v1\"");
        }
    }

    @Test
    void malformedYamlIsABadRequest() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertApiError(() -> cluster.apply("kind: ConfigMap\n  metadata: [\n"), "BadRequest", 400,
                    "error parsing YAML document 1: mapping values are not allowed here (line 2, column 11)");
        }
    }

    @Test
    void createOfAnExistingObjectIsAlreadyExists() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.create(NGINX);

            assertApiError(() -> cluster.create(NGINX), "AlreadyExists", 409, "deployments.apps \"web\" already exists");
        }
    }

    @Test
    void objectsInAMissingNamespaceAreRejected() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertApiError(() -> cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: nope}\n"),
                    "NotFound", 404, "namespaces \"nope\" not found");
        }
    }

    @Test
    void deletingADeploymentGarbageCollectsItsReplicaSetAndPods() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(NGINX);
            cluster.advance(Duration.ofSeconds(5));
            assertThat(cluster.list("rs", "default", "app=web")).hasSize(1);
            assertThat(cluster.list("pods", "default", "app=web")).isNotEmpty();

            cluster.delete("deploy", "default", "web");
            cluster.advance(Duration.ofSeconds(5));

            assertThat(cluster.get("deploy", "default", "web")).isEmpty();
            assertThat(cluster.list("rs", "default", "app=web")).isEmpty();
            assertThat(cluster.list("pods", "default", "app=web")).isEmpty();
        }
    }

    @Test
    void deletingANamespaceRemovesItsContentsThenItself() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(SHOP_WITH_SETTINGS);

            cluster.delete("ns", null, "shop");

            assertThat(cluster.get("ns", null, "shop")).isEmpty();
            assertThat(cluster.list("cm", "shop", null)).isEmpty();
        }
    }

    @Test
    void systemNamespacesCannotBeDeleted() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertApiError(() -> cluster.delete("namespace", null, "kube-system"), "Forbidden", 403,
                    "namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
        }
    }

    @Test
    void watchSeesChangesInOrderAndStopsWhenClosed() {
        try (Cluster cluster = Cluster.builder().build()) {
            List<String> seen = new ArrayList<>();
            Watch watch = cluster.watch("configmaps", "default", null, null,
                    e -> seen.add(e.type() + " " + e.resource().name() + " " + e.resource().labels()));

            cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
            cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {x: y}}\n");
            cluster.delete("cm", "default", "a");
            watch.close();
            cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");

            assertThat(seen).containsExactly("ADDED a {}", "MODIFIED a {x=y}", "DELETED a {x=y}");
        }
    }

    @Test
    void watchFromAResourceVersionReplaysWhatFollowedIt() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
            String from = cluster.resourceVersion();
            cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
            List<String> seen = new ArrayList<>();

            cluster.watch("cm", null, null, from, e -> seen.add(e.type() + " " + e.resource().name()));

            assertThat(seen).containsExactly("ADDED b");
        }
    }

    @Test
    void advanceMovesTheVirtualClockOnly() {
        try (Cluster cluster = Cluster.builder().startTime(Instant.parse("2019-05-11T01:00:00Z")).build()) {
            Instant before = cluster.now();

            cluster.advance(Duration.ofMinutes(5));

            assertThat(cluster.now()).isEqualTo(before.plus(Duration.ofMinutes(5)));
            assertThatThrownBy(() -> cluster.advance(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void sameSeedAndCallsGiveByteIdenticalState() {
        assertThat(snapshot(7)).isEqualTo(snapshot(7));
        assertThat(snapshot(7)).isNotEqualTo(snapshot(8));
    }

    private static Map<String, List<String>> snapshot(long seed) {
        try (Cluster cluster = Cluster.builder().seed(seed).build()) {
            List<String> events = new ArrayList<>();
            cluster.watch("configmaps", null, null, "0", e -> events.add(e.type() + " " + e.resource().toJson()));
            cluster.watch("pods", null, null, "0", e -> events.add(e.type() + " " + e.resource().toJson()));
            cluster.apply(NGINX);
            cluster.create("apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: gen-}\n");
            cluster.create("apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: gen-}\n");
            cluster.apply(Seed.manifest("reconstructed/node_exporter.yml"));
            cluster.apply(Seed.manifest("myjob.v4-parallel.yml"));
            cluster.advance(Duration.ofSeconds(90));
            cluster.apply(NGINX.replace("nginx:1.25", "nginx:1.26").replace("replicas: 2", "replicas: 5"));
            cluster.advance(Duration.ofSeconds(30));
            cluster.node("node3").kill();
            cluster.advance(Duration.ofMinutes(7));
            cluster.node("node3").restore();
            cluster.advance(Duration.ofSeconds(30));
            List<String> all = new ArrayList<>();
            for (String kind : List.of("nodes", "namespaces", "services", "endpoints", "deployments", "replicasets",
                    "daemonsets", "controllerrevisions", "jobs", "pods", "events", "configmaps")) {
                cluster.list(kind, null, null).forEach(r -> all.add(r.toJson()));
            }
            return Map.of("objects", all, "events", events);
        }
    }

    @Test
    void controllersThatFallBehindAShortHistoryCatchUpFromASnapshot() {
        try (Cluster cluster = Cluster.builder().watchHistory(20).build()) {
            cluster.apply(NGINX.replace("replicas: 2", "replicas: 30"));
            cluster.apply(Seed.manifest("reconstructed/node_exporter.yml"));
            cluster.apply(Seed.manifest("myjob.v4-parallel.yml"));
            cluster.advance(Duration.ofSeconds(30));

            assertThat(cluster.table("deploy", "default")).contains("web    30/30   30           30");
            assertThat(cluster.list("pods", "default", "app=prometheus")).hasSize(2);
            assertThat(cluster.table("jobs", "default")).contains("myjob   Complete   2/2");

            cluster.setImage("default", "web", "nginx", "nginx:1.26");
            cluster.advance(Duration.ofSeconds(60));
            assertThat(cluster.list("pods", "default", "app=web")).hasSize(30)
                    .allSatisfy(p -> assertThat(p.field("spec.containers[0].image")).contains("nginx:1.26"));
        }
    }

    @Test
    void closedClusterRefusesCalls() {
        Cluster cluster = Cluster.builder().build();
        cluster.close();
        cluster.close();

        assertThatThrownBy(() -> cluster.list("pods", null, null))
                .isInstanceOf(IllegalStateException.class).hasMessage("cluster is closed");
        assertThat(cluster.toString()).contains("closed");
    }

    @Test
    void tableReadsLikeKubectlGet() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.advance(Duration.ofDays(42));

            assertThat(cluster.table("nodes", null)).isEqualTo("""
                    NAME    STATUS   ROLES           AGE   VERSION
                    node1   Ready    control-plane   42d   v1.32.0
                    node2   Ready    <none>          42d   v1.32.0
                    node3   Ready    <none>          42d   v1.32.0
                    """);
            assertThat(cluster.table("deploy", "default")).isEqualTo("No resources found in default namespace.\n");
        }
    }

    @Test
    void advanceFirstSettlesWhatAnotherThreadCommittedSoItsTimersRunFromThen() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(NGINX);
            cluster.advance(Duration.ofSeconds(10));
            String pod = cluster.list("pods", "default", "app=web").get(0).name();
            // An HTTP request's thread between its commit and its settle: the deletion is in, nothing has reacted yet.
            ApiServer api = ClusterInternals.of(cluster).api();
            api.delete(api.resolveKind("pods"), "default", pod, DeleteOptions.defaults());

            cluster.advance(Duration.ofSeconds(40));

            assertThat(cluster.get("pods", "default", pod)).as("gone once its 30 s grace period ran out").isEmpty();
        }
    }

    @Test
    void realTimeClockRunsOnItsOwnAndAdvanceJumpsAhead() {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        try (Cluster cluster = Cluster.builder().startTime(start).realTime(1000).build()) {
            cluster.advance(Duration.ofHours(1));

            assertThat(cluster.now()).isAfterOrEqualTo(start.plus(Duration.ofHours(1)));
            assertThat(cluster.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n").get(0).creationTimestamp())
                    .isAfterOrEqualTo(start.plus(Duration.ofHours(1)));
        }
    }

    private static void assertApiError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason,
            int code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.code()).isEqualTo(code);
        }).hasMessage(message);
    }
}
