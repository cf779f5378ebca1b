package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every patch type the fabric8 client 8 sends (server-side apply aside), against the server. */
class Fabric8PatchTest {

    static final PatchContext JSON = PatchContext.of(PatchType.JSON);
    static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    static final PatchContext STRATEGIC = PatchContext.of(PatchType.STRATEGIC_MERGE);

    Cluster cluster;
    FakeApiServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(9).build();
        server = FakeApiServer.start(cluster);
        client = Fabric8.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        cluster.close();
    }

    RollableScalableResource<Deployment> web() {
        return client.apps().deployments().withName("web");
    }

    static List<String> containers(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().stream().map(c -> c.getName() + "=" + c.getImage()).toList();
    }

    @Test
    void aJsonPatchAppliesItsOperationsInOrderAndAFailedTestChangesNothing() {
        client.apps().deployments().resource(Fabric8.web(1)).create();

        Deployment patched = web().patch(JSON, """
                [{"op":"test","path":"/spec/replicas","value":1},
                 {"op":"replace","path":"/spec/replicas","value":2},
                 {"op":"add","path":"/metadata/labels/tier","value":"front"},
                 {"op":"copy","from":"/metadata/labels/tier","path":"/metadata/labels/copy"}]""");

        assertThat(patched.getSpec().getReplicas()).isEqualTo(2);
        assertThat(patched.getMetadata().getLabels()).containsEntry("tier", "front").containsEntry("copy", "front");
        assertThatThrownBy(() -> web().patch(JSON, """
                [{"op":"replace","path":"/spec/replicas","value":5},{"op":"test","path":"/spec/replicas","value":1}]"""))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        assertThat(web().get().getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void aMergePatchMergesMapsDeletesNullsAndReplacesLists() {
        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("c")
                .withLabels(Map.of("a", "1", "b", "1")).endMetadata().addToData("x", "1").build()).create();
        client.apps().deployments().resource(Fabric8.web(1)).create();

        ConfigMap cm = client.configMaps().withName("c").patch(MERGE,
                "{\"metadata\":{\"labels\":{\"a\":null,\"c\":\"3\"}},\"data\":{\"y\":\"2\"}}");
        Deployment d = web().patch(MERGE,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"httpd\",\"image\":\"httpd:2.4\"}]}}}}");

        assertThat(cm.getMetadata().getLabels()).isEqualTo(Map.of("b", "1", "c", "3"));
        assertThat(cm.getData()).isEqualTo(Map.of("x", "1", "y", "2"));
        assertThat(containers(d)).as("a merge patch replaces lists whole").containsExactly("httpd=httpd:2.4");
    }

    @Test
    void aStrategicMergePatchMergesContainersByNameAndDeletesWithThePatchDirective() {
        client.apps().deployments().resource(Fabric8.web(1)).create();

        Deployment added = web().patch(STRATEGIC, """
                {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36",
                 "env":[{"name":"MODE","value":"tail"}]}]}}}}""");
        assertThat(containers(added)).containsExactly("nginx=nginx:1.25", "sidecar=busybox:1.36");

        Deployment merged = web().patch(STRATEGIC, """
                {"spec":{"template":{"spec":{"containers":[{"name":"sidecar",
                 "env":[{"name":"LEVEL","value":"debug"}]},{"name":"nginx","image":"nginx:1.26"}]}}}}""");
        assertThat(containers(merged)).containsExactly("nginx=nginx:1.26", "sidecar=busybox:1.36");
        Container sidecar = merged.getSpec().getTemplate().getSpec().getContainers().get(1);
        assertThat(sidecar.getEnv()).extracting(EnvVar::getName).as("env merges by name").containsExactly("MODE", "LEVEL");

        Deployment deleted = web().patch(STRATEGIC,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}}}");
        assertThat(containers(deleted)).containsExactly("nginx=nginx:1.26");
    }

    @Test
    void setElementOrderReordersContainersAsKubectlSendsIt() {
        client.apps().deployments().resource(new DeploymentBuilder(Fabric8.web(1)).editSpec().editTemplate().editSpec()
                .addNewContainer().withName("b").withImage("busybox:1.36").endContainer().endSpec().endTemplate().endSpec()
                .build()).create();

        Deployment reordered = web().patch(STRATEGIC, """
                {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"nginx"}],
                 "containers":[{"name":"b","image":"busybox:1.37"}]}}}}""");

        assertThat(containers(reordered)).containsExactly("b=busybox:1.37", "nginx=nginx:1.25");
    }

    @Test
    void aStrategicMergePatchMergesServicePortsByPort() {
        client.services().resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                .withSelector(Map.of("app", "web")).addNewPort().withName("http").withPort(80).endPort().endSpec().build())
                .create();

        List<ServicePort> ports = client.services().withName("web").patch(STRATEGIC,
                "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":8080},{\"name\":\"https\",\"port\":443}]}}")
                .getSpec().getPorts();

        assertThat(ports).extracting(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getIntVal())
                .containsExactly("http:80->8080", "https:443->443");
    }

    @Test
    void editSendsAJsonPatchOfTheChangesLockedToTheResourceVersionItRead() {
        client.apps().deployments().resource(Fabric8.web(2)).create();

        Deployment edited = web().edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("edited", "yes").endMetadata()
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("nginx:1.26").endContainer()
                .endSpec().endTemplate().endSpec().build());
        assertThat(edited.getMetadata().getLabels()).containsEntry("edited", "yes");
        assertThat(containers(edited)).containsExactly("nginx=nginx:1.26");
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(2L);

        assertThatThrownBy(() -> web().edit(d -> {
            cluster.scale("deploy", "default", "web", 5);   // another writer, between fabric8's read and its patch
            return new DeploymentBuilder(d).editMetadata().addToLabels("edited", "again").endMetadata().build();
        })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(web().get().getMetadata().getLabels()).containsEntry("edited", "yes");
        assertThat(web().get().getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void patchingWithAnItemSendsTheWholeItemAsAMergePatch() {
        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
                .addToData("x", "1").build()).create();

        ConfigMap patched = client.configMaps().withName("c").patch(MERGE, new ConfigMapBuilder()
                .withNewMetadata().withName("c").addToLabels("l", "1").endMetadata().addToData("y", "2").build());

        assertThat(patched.getData()).isEqualTo(Map.of("x", "1", "y", "2"));
        assertThat(patched.getMetadata().getLabels()).isEqualTo(Map.of("l", "1"));
    }

    @Test
    void aPatchedImageRollsTheDeploymentOut() {
        client.apps().deployments().resource(Fabric8.web(2)).create();
        cluster.advance(Duration.ofSeconds(10));

        web().patch(STRATEGIC, "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.26\"}]}}}}");
        cluster.advance(Duration.ofSeconds(60));

        Deployment d = web().get();
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(d.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
        assertThat(client.pods().withLabel("app", "web").list().getItems())
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.26"));
    }

    @Test
    void unsupportedAndMalformedPatchesAreRejectedWithTheirStatus() {
        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()).create();

        assertThatThrownBy(() -> client.configMaps().withName("c").patch(JSON, "{\"not\":\"an array\"}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.configMaps().withName("missing").patch(MERGE, "{\"data\":{}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"missing\" not found");
                });
    }
}
