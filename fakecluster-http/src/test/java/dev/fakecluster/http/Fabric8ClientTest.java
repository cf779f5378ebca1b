package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fabric8 client 8, unchanged, against the server: CRUD, watches (over WebSocket) and an informer. */
class Fabric8ClientTest {

    Cluster cluster;
    FakeApiServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        cluster = Cluster.builder().seed(3).build();
        server = FakeApiServer.start(cluster);
        client = Fabric8.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        cluster.close();
    }

    @Test
    void createADeploymentListItsPodsAfterAdvancingTheClusterAndDeleteIt() {
        Deployment created = client.apps().deployments().resource(Fabric8.web(3)).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

        cluster.advance(Duration.ofSeconds(10));

        List<Pod> pods = client.pods().withLabel("app", "web").list().getItems();
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
        Deployment read = client.apps().deployments().withName("web").get();
        assertThat(read.getStatus().getAvailableReplicas()).isEqualTo(3);

        List<StatusDetails> deleted = client.apps().deployments().withName("web").delete();
        assertThat(deleted).hasSize(1);
        assertThat(deleted.get(0).getName()).isEqualTo("web");
        assertThat(client.apps().deployments().withName("web").get()).isNull();
        assertThat(client.apps().replicaSets().list().getItems()).as("garbage-collected").isEmpty();
    }

    @Test
    void updatesScaleAndConflicts() {
        client.apps().deployments().resource(Fabric8.web(1)).create();

        Deployment edited = client.apps().deployments().withName("web")
                .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                        .withImage("nginx:1.26").endContainer().endSpec().endTemplate().endSpec().build());
        assertThat(edited.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.26");

        client.apps().deployments().withName("web").scale(4);
        assertThat(cluster.list("pods", "default", "app=web")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(client.apps().deployments().withName("web").get().getSpec().getReplicas()).isEqualTo(4);

        ConfigMap cm = client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
                .addToData("k", "1").build()).create();
        client.configMaps().withName("c").edit(c -> new ConfigMapBuilder(c).addToData("k", "2").build());
        cm.getData().put("k", "3");
        assertThatThrownBy(() -> client.configMaps().resource(cm).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                });
        assertThatThrownBy(() -> client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("c")
                .endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void watchSeesThePodsOfARolloutAsTheClusterAdvances() throws InterruptedException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Watch watch = client.pods().withLabel("app", "web").watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                events.add(action + " " + pod.getStatus().getPhase());
            }

            @Override
            public void onClose(WatcherException cause) {
                events.add("CLOSED");
            }
        });
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.openWatches() == 1);

            client.apps().deployments().resource(Fabric8.web(2)).create();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED Pending");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("ADDED Pending");

            cluster.advance(Duration.ofSeconds(10));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("MODIFIED Running"));

            client.apps().deployments().withName("web").delete();
            cluster.advance(Duration.ofSeconds(5));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.startsWith("DELETED")));
        } finally {
            watch.close();
        }
    }

    @Test
    void anInformerListsThenWatches() {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                seen.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                seen.add("update " + newObj.getMetadata().getName());
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                seen.add("delete " + obj.getMetadata().getName());
            }
        });
        try {
            cluster.apply("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"1\"}}");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("add a"));
            cluster.apply("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"2\"}}");
            cluster.delete("cm", "default", "a");

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("delete a"));
            assertThat(List.copyOf(seen)).containsSubsequence("add a", "update a", "delete a");
        } finally {
            informer.close();
        }
    }

    @Test
    void serverSideApplyCreatesUpdatesAndForcesThroughConflicts() {
        Deployment created = client.resource(Fabric8.web(2)).serverSideApply();
        assertThat(created.getMetadata().getManagedFields()).singleElement().satisfies(m -> {
            assertThat(m.getManager()).isEqualTo("fabric8");
            assertThat(m.getOperation()).isEqualTo("Apply");
        });

        Deployment mine = Fabric8.web(3);
        assertThatThrownBy(() -> client.resource(mine).fieldManager("deployer").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getMessage()).isEqualTo(
                            "Apply failed with 1 conflict: conflict with \"fabric8\": .spec.replicas");
                    assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(c -> {
                        assertThat(c.getReason()).isEqualTo("FieldManagerConflict");
                        assertThat(c.getField()).isEqualTo(".spec.replicas");
                    });
                });

        Deployment forced = client.resource(mine).fieldManager("deployer").forceConflicts().serverSideApply();
        assertThat(forced.getSpec().getReplicas()).isEqualTo(3);
        assertThat(forced.getMetadata().getManagedFields()).extracting(m -> m.getManager())
                .containsExactly("deployer", "fabric8");
        assertThat(cluster.list("pods", "default", "app=web")).hasSize(3);
    }
}
