package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.reflect.TypeToken;
import dev.fakecluster.Cluster;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official Java client ({@code io.kubernetes:client-java}), unchanged, configured from the kubeconfig the server writes. */
class ClientJavaTest {

    @TempDir
    Path dir;
    Cluster cluster;
    FakeApiServer server;
    ApiClient client;
    CoreV1Api core;
    AppsV1Api apps;

    @BeforeEach
    void start() throws IOException {
        cluster = Cluster.builder().seed(5).build();
        server = FakeApiServer.start(cluster);
        client = Config.fromConfig(server.writeKubeconfig(dir.resolve("kubeconfig")).toString());
        client.setReadTimeout(20_000);
        core = new CoreV1Api(client);
        apps = new AppsV1Api(client);
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    static V1ConfigMap configMap(String name, String app, String mode) {
        return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).labels(Map.of("app", app))).data(Map.of("mode", mode));
    }

    static V1Deployment web(int replicas) {
        Map<String, String> labels = Map.of("app", "web");
        V1Container nginx = new V1Container().name("nginx").image("nginx:1.25").addPortsItem(new V1ContainerPort().containerPort(80));
        return new V1Deployment().metadata(new V1ObjectMeta().name("web").labels(labels))
                .spec(new V1DeploymentSpec().replicas(replicas).selector(new V1LabelSelector().matchLabels(labels))
                        .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels))
                                .spec(new V1PodSpec().addContainersItem(nginx))));
    }

    @Test
    void createListWithASelectorGetReplaceAndDelete() throws ApiException {
        V1ConfigMap created = core.createNamespacedConfigMap("default", configMap("web-cfg", "web", "fast")).execute();
        core.createNamespacedConfigMap("default", configMap("db-cfg", "db", "safe")).execute();

        List<String> selected = core.listNamespacedConfigMap("default").labelSelector("app in (web,cache)").execute()
                .getItems().stream().map(c -> c.getMetadata().getName()).toList();
        V1ConfigMap read = core.readNamespacedConfigMap("web-cfg", "default").execute();
        V1ConfigMap replaced = core.replaceNamespacedConfigMap("web-cfg", "default", read.data(Map.of("mode", "slow"))).execute();

        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(selected).containsExactly("web-cfg");
        assertThat(replaced.getData()).containsExactly(Map.entry("mode", "slow"));
        assertThat(cluster.get("configmaps", "default", "web-cfg").orElseThrow().json().path("data").path("mode").asText())
                .isEqualTo("slow");
        assertThatThrownBy(() -> core.replaceNamespacedConfigMap("web-cfg", "default", created).execute())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getResponseBody()).contains("\"reason\":\"Conflict\"");
                });

        V1Status deleted = core.deleteNamespacedConfigMap("web-cfg", "default").execute();

        assertThat(deleted.getStatus()).isEqualTo("Success");
        assertThat(cluster.get("configmaps", "default", "web-cfg")).isEmpty();
        assertThatThrownBy(() -> core.readNamespacedConfigMap("web-cfg", "default").execute())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void aDeploymentRollsOutAsTheClockAdvancesAndItsPodsAreListedBySelector() throws ApiException {
        apps.createNamespacedDeployment("default", web(3)).execute();

        cluster.advance(Duration.ofSeconds(10));

        List<V1Pod> pods = core.listNamespacedPod("default").labelSelector("app=web").execute().getItems();
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
        assertThat(apps.readNamespacedDeployment("web", "default").execute().getStatus().getAvailableReplicas()).isEqualTo(3);
    }

    @Test
    void aWatchSeesAddedModifiedAndDeleted() throws ApiException, IOException {
        okhttp3.Call call = core.listNamespacedConfigMap("default").labelSelector("app=watched").watch(true)
                .timeoutSeconds(20).buildCall(null);
        List<String> seen = new ArrayList<>();

        try (Watch<V1ConfigMap> watch = Watch.createWatch(client, call, new TypeToken<Watch.Response<V1ConfigMap>>() { }.getType())) {
            V1ConfigMap created = core.createNamespacedConfigMap("default", configMap("cfg", "watched", "fast")).execute();
            core.replaceNamespacedConfigMap("cfg", "default", created.data(Map.of("mode", "slow"))).execute();
            core.deleteNamespacedConfigMap("cfg", "default").execute();
            for (int i = 0; i < 3 && watch.hasNext(); i++) {
                Watch.Response<V1ConfigMap> event = watch.next();
                seen.add(event.type + " " + event.object.getMetadata().getName() + " " + event.object.getData().get("mode"));
            }
        }

        assertThat(seen).containsExactly("ADDED cfg fast", "MODIFIED cfg slow", "DELETED cfg slow");
    }

    @Test
    void mergeJsonAndStrategicMergePatchesThroughPatchUtils() throws ApiException {
        apps.createNamespacedDeployment("default", web(2)).execute();

        V1Deployment merged = patch("{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}", V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH);
        V1Deployment jsonPatched = patch("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]",
                V1Patch.PATCH_FORMAT_JSON_PATCH);
        V1Deployment strategic = patch("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.27\"}]}}}}",
                V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH);

        assertThat(merged.getMetadata().getLabels()).containsOnly(Map.entry("app", "web"), Map.entry("tier", "front"));
        assertThat(jsonPatched.getSpec().getReplicas()).isEqualTo(4);
        V1Container nginx = strategic.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(strategic.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        assertThat(nginx.getImage()).as("merged into the container named nginx").isEqualTo("nginx:1.27");
        assertThat(nginx.getPorts()).as("the container's other fields stay").extracting(V1ContainerPort::getContainerPort)
                .containsExactly(80);
        assertThat(strategic.getMetadata().getGeneration()).isEqualTo(3L);
    }

    private V1Deployment patch(String body, String type) throws ApiException {
        return PatchUtils.patch(V1Deployment.class,
                () -> apps.patchNamespacedDeployment("web", "default", new V1Patch(body)).buildCall(null), type, client);
    }
}
