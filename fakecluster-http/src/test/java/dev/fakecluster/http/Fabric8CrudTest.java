package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fabric8 client 8's CRUD verbs on several kinds, built-in and custom, against the server. */
class Fabric8CrudTest {

    Cluster cluster;
    FakeApiServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(5).build();
        server = FakeApiServer.start(cluster);
        client = Fabric8.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        cluster.close();
    }

    static ConfigMap configMap(String name, Map<String, String> labels) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .addToData("k", name).build();
    }

    static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).toList();
    }

    @Test
    void configMapsAndSecretsInANewNamespaceAreCreatedReadAndDeleted() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build()).create();
        client.configMaps().inNamespace("team").resource(configMap("settings", Map.of())).create();
        Secret secret = client.secrets().inNamespace("team").resource(new SecretBuilder()
                .withNewMetadata().withName("creds").endMetadata().addToStringData("password", "s3cret").build()).create();

        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getStringData()).as("stringData is write-only").isNullOrEmpty();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8))
                .isEqualTo("s3cret");
        assertThat(client.configMaps().inNamespace("team").withName("settings").get().getData()).containsEntry("k", "settings");
        assertThat(client.configMaps().inNamespace("default").withName("settings").get()).isNull();
        assertThat(names(client.configMaps().inAnyNamespace().list().getItems())).contains("settings");

        assertThat(client.secrets().inNamespace("team").withName("creds").delete()).hasSize(1);
        assertThat(client.secrets().inNamespace("team").withName("creds").get()).isNull();
        assertThat(client.secrets().inNamespace("team").withName("creds").delete()).as("already gone").isEmpty();
    }

    @Test
    void listsFilterByEqualitySetBasedAndFieldSelectors() {
        client.configMaps().resource(configMap("a", Map.of("tier", "web", "env", "prod"))).create();
        client.configMaps().resource(configMap("b", Map.of("tier", "api", "env", "prod"))).create();
        client.configMaps().resource(configMap("c", Map.of("tier", "db"))).create();

        assertThat(names(client.configMaps().withLabel("env", "prod").list().getItems())).containsExactly("a", "b");
        assertThat(names(client.configMaps().withLabelIn("tier", "web", "db").list().getItems())).containsExactly("a", "c");
        assertThat(names(client.configMaps().withLabelNotIn("tier", "web").withLabel("tier").list().getItems()))
                .containsExactly("b", "c");
        assertThat(names(client.configMaps().withoutLabel("env").withLabel("tier").list().getItems())).containsExactly("c");
        assertThat(names(client.configMaps().withLabelSelector(new LabelSelectorBuilder()
                .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("db").endMatchExpression()
                .addToMatchLabels("env", "prod").build()).list().getItems())).containsExactly("a", "b");
        assertThat(names(client.configMaps().withField("metadata.name", "b").list().getItems())).containsExactly("b");
        assertThat(names(client.configMaps().withoutField("metadata.name", "b").withLabel("tier").list().getItems()))
                .containsExactly("a", "c");
    }

    @Test
    void aLimitedListPagesWithContinueTokens() {
        for (String n : List.of("a", "b", "c", "d", "e")) {
            client.configMaps().resource(configMap(n, Map.of("page", "yes"))).create();
        }

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            ConfigMapList page = client.configMaps().withLabel("page")
                    .list(new ListOptionsBuilder().withLimit(2L).withContinue(next).build());
            seen.addAll(names(page.getItems()));
            next = page.getMetadata().getContinue();
            pages++;
        } while (next != null && !next.isEmpty());

        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void createOrUpdateDryRunAndStaleUpdates() {
        ConfigMap dry = client.configMaps().resource(configMap("x", Map.of())).dryRun().create();
        assertThat(dry.getMetadata().getUid()).isNotEmpty();
        assertThat(client.configMaps().withName("x").get()).as("dry run persists nothing").isNull();

        ConfigMap first = client.configMaps().resource(configMap("x", Map.of())).createOr(NonDeletingOperation::update);
        ConfigMap second = client.configMaps().resource(new ConfigMapBuilder(configMap("x", Map.of()))
                .addToData("k", "again").build()).createOr(NonDeletingOperation::update);

        assertThat(second.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
        assertThat(Long.parseLong(second.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(first.getMetadata().getResourceVersion()));
        assertThat(client.configMaps().withName("x").get().getData()).containsEntry("k", "again");
        assertThatThrownBy(() -> client.configMaps().resource(first).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"x\": "
                            + "the object has been modified; please apply your changes to the latest version and try again");
                });
    }

    @Test
    void aLabelledCollectionIsDeletedInOneRequest() {
        client.configMaps().resource(configMap("a", Map.of("tier", "cache"))).create();
        client.configMaps().resource(configMap("b", Map.of("tier", "cache"))).create();
        client.configMaps().resource(configMap("c", Map.of("tier", "web"))).create();

        client.configMaps().withLabel("tier", "cache").delete();

        assertThat(names(client.configMaps().withLabel("tier").list().getItems())).containsExactly("c");
    }

    @Test
    void aServiceGetsAClusterIpAndItsEndpointsFollowTheReadyPods() {
        client.apps().deployments().resource(Fabric8.web(2)).create();
        Service service = client.services().resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).addNewPort().withPort(80).endPort().endSpec().build())
                .create();

        cluster.advance(Duration.ofSeconds(10));

        assertThat(service.getSpec().getClusterIP()).matches("10\\.\\d+\\.\\d+\\.\\d+");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(80);
        assertThat(client.endpoints().withName("web").get().getSubsets().get(0).getAddresses()).hasSize(2);
        assertThat(client.discovery().v1().endpointSlices().withLabel("kubernetes.io/service-name", "web").list()
                .getItems()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).hasSize(2));
    }

    @Test
    void aJobRunsToCompletionAndIsDeletedWithItsPodsInTheForeground() {
        Job job = client.batch().v1().jobs().resource(new JobBuilder().withNewMetadata().withName("once").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage("busybox").withCommand("sh", "-c", "echo done").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsKey("batch.kubernetes.io/controller-uid");

        cluster.advance(Duration.ofSeconds(30));

        assertThat(client.batch().v1().jobs().withName("once").get().getStatus().getSucceeded()).isEqualTo(1);
        assertThat(client.pods().withLabel("job-name", "once").list().getItems()).hasSize(1);

        client.batch().v1().jobs().withName("once").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        cluster.advance(Duration.ofSeconds(30));

        assertThat(client.batch().v1().jobs().withName("once").get()).isNull();
        assertThat(client.pods().withLabel("job-name", "once").list().getItems()).isEmpty();
    }

    @Test
    void anOrphaningDeleteLeavesTheReplicaSetWithoutOwner() {
        client.apps().deployments().resource(Fabric8.web(1)).create();

        client.apps().deployments().withName("web").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        cluster.advance(Duration.ofSeconds(5));

        assertThat(client.apps().deployments().withName("web").get()).isNull();
        assertThat(client.apps().replicaSets().list().getItems()).singleElement()
                .satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences()).isEmpty());
    }

    @Test
    void customResourcesRoundTripAsGenericResourcesWithTheirStatusSubresource() {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets.example.com").endMetadata()
                .withNewSpec().withGroup("example.com").withScope("Namespaced")
                .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        ResourceDefinitionContext widgets = new ResourceDefinitionContext.Builder().withGroup("example.com")
                .withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true).build();

        GenericKubernetesResource created = client.genericKubernetesResources(widgets).resource(
                new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                        .withNewMetadata().withName("w").endMetadata()
                        .addToAdditionalProperties("spec", Map.of("size", 3))
                        .addToAdditionalProperties("status", Map.of("ready", true)).build()).create();
        assertThat(created.getAdditionalProperties()).as("status is set through its subresource only")
                .doesNotContainKey("status");

        created.setAdditionalProperty("status", Map.of("ready", true));
        client.genericKubernetesResources(widgets).resource(created).updateStatus();

        GenericKubernetesResource read = client.genericKubernetesResources(widgets).withName("w").get();
        assertThat(read.get("spec", "size").toString()).isEqualTo("3");
        assertThat((Object) read.get("status", "ready")).isEqualTo(true);
        assertThat(cluster.get("widgets", "default", "w")).map(Resource::name).contains("w");
    }
}
