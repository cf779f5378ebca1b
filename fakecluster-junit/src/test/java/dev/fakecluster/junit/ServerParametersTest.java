package dev.fakecluster.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.http.FakeApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** With fakecluster-http and the clients on the classpath: the server's URL, a kubeconfig and clients, injected. */
@FakeCluster(manifests = "manifests/web.yaml")
class ServerParametersTest {

    @Test
    void theServerItsUrlAndKubeconfigServeTheTestsCluster(Cluster cluster, FakeApiServer server, @ApiServerUrl URI url,
            @ApiServerUrl String urlText, @Kubeconfig Path kubeconfig) throws IOException {
        assertThat(server.cluster()).isSameAs(cluster);
        assertThat(url).isEqualTo(URI.create(server.url()));
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(urlText).isEqualTo(server.url());
        assertThat(Files.readString(kubeconfig)).contains("server: " + server.url(), "current-context: fakecluster");
    }

    @Test
    void aFabric8ClientSeesTheClusterAndItsClock(Cluster cluster, KubernetesClient client) {
        assertThat(client.apps().deployments().withName("web").get().getSpec().getReplicas()).isEqualTo(3);

        cluster.advance(Duration.ofSeconds(10));

        assertThat(client.pods().withLabel("app", "web").list().getItems()).hasSize(3)
                .extracting(Pod::getStatus).allSatisfy(status -> assertThat(status.getPhase()).isEqualTo("Running"));
    }

    @Test
    void anOfficialClientReadsTheKubeconfig(Cluster cluster, ApiClient client) throws ApiException {
        cluster.advance(Duration.ofSeconds(10));

        V1Deployment web = new AppsV1Api(client).readNamespacedDeployment("web", "default").execute();
        assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(3);
    }

    @FakeCluster(diagnostics = false)
    @TestInstance(Lifecycle.PER_CLASS)
    @Fixture
    static class ClosingCases {

        private final List<FakeApiServer> servers = new CopyOnWriteArrayList<>();
        private final List<Path> kubeconfigs = new CopyOnWriteArrayList<>();
        private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();

        @Test
        void passes(FakeApiServer server, @Kubeconfig Path kubeconfig, KubernetesClient client) {
            servers.add(server);
            kubeconfigs.add(kubeconfig);
            clients.add(client);
        }

        @Test
        void fails(FakeApiServer server, @Kubeconfig Path kubeconfig, KubernetesClient client) {
            passes(server, kubeconfig, client);
            throw new AssertionError("the test failed");
        }

        @Test
        void asksTwiceAndGetsTheSameOnes(FakeApiServer server, KubernetesClient client, FakeApiServer again,
                KubernetesClient clientAgain) {
            assertThat(again).isSameAs(server);
            assertThat(clientAgain).isSameAs(client);
        }

        @AfterAll
        void everyServerKubeconfigAndClientIsClosedWithItsTestsCluster() {
            assertThat(servers).hasSize(2).doesNotHaveDuplicates()
                    .allSatisfy(server -> assertThat(server).hasToString("FakeApiServer[closed]"));
            assertThat(kubeconfigs).hasSize(2).allSatisfy(path -> assertThat(path).doesNotExist());
            assertThat(clients).hasSize(2).allSatisfy(client -> assertThat(client.getHttpClient().isClosed()).isTrue());
        }
    }

    @Test
    void theServerItsKubeconfigAndClientsCloseWithTheCluster() {
        EngineRun run = EngineRun.of(ClosingCases.class);

        assertThat(run.failures()).extracting(Throwable::getMessage).containsExactly("the test failed");
    }

    @FakeCluster(diagnostics = false)
    @Fixture
    static class MisplacedCases {
        @Test
        void test(@Kubeconfig String kubeconfig) {
        }
    }

    @Test
    void aMarkedParameterOfTheWrongTypeSaysWhichTypeItTakes() {
        assertThat(EngineRun.of(MisplacedCases.class).onlyFailure()).isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@Kubeconfig goes on a Path parameter, not on the String parameter of MisplacedCases.test()");
    }
}
