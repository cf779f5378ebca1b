package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeApiServerTest {

    @TempDir
    Path dir;

    @Test
    void builderStartsAClusterOfItsOwnWritesAKubeconfigAndClosesBoth() throws Exception {
        FakeApiServer server = FakeApiServer.builder().seed(9).nodes("solo").build();
        assertThatThrownBy(server::url).isInstanceOf(IllegalStateException.class);
        server.start();
        try {
            Path kubeconfig = server.writeKubeconfig(dir.resolve("sub/kubeconfig"));
            assertThat(Files.readString(kubeconfig)).contains("server: " + server.url() + "\n", "current-context: fakecluster\n");
            JsonNode nodes = new Http(server.url()).get("/api/v1/nodes").json();
            assertThat(nodes.path("items")).hasSize(1);
            assertThat(server.cluster().node("solo")).isNotNull();
        } finally {
            server.close();
            server.close();
        }
        assertThatThrownBy(() -> server.cluster().list("pods", null, null))
                .as("the server closed the cluster it built").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void servingAnExistingClusterLeavesItOpen() {
        try (Cluster cluster = Cluster.builder().build()) {
            FakeApiServer.start(cluster).close();
            assertThat(cluster.list("nodes", null, null)).hasSize(3);
        }
    }

    @Test
    void memoryStaysFlatTheRecordOfRequestsIsDrained() {
        try (FakeApiServer server = FakeApiServer.builder().build().start()) {
            Http http = new Http(server.url());
            for (int i = 0; i < 200; i++) {
                http.get("/api/v1/namespaces/default/configmaps");
            }
            assertThat(server.recordedRequests()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void concurrentOptimisticUpdatesLoseNothing() throws Exception {
        try (FakeApiServer server = FakeApiServer.builder().build().start()) {
            Http http = new Http(server.url());
            String path = "/api/v1/namespaces/default/configmaps/counter";
            http.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"counter\"},\"data\":{\"n\":\"0\"}}");
            int threads = 8;
            int increments = 25;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> conflicts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    conflicts.add(pool.submit(() -> {
                        int seen = 0;
                        for (int i = 0; i < increments; i++) {
                            while (true) {
                                JsonNode cm = http.get(path).json();
                                int n = cm.path("data").path("n").asInt();
                                ((com.fasterxml.jackson.databind.node.ObjectNode) cm.path("data")).put("n", Integer.toString(n + 1));
                                Http.Reply r = http.put(path, Json.write(cm));
                                if (r.code() == 200) {
                                    break;
                                }
                                assertThat(r.code()).isEqualTo(409);
                                seen++;
                            }
                        }
                        return seen;
                    }));
                }
                for (Future<Integer> f : conflicts) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(http.get(path).json().path("data").path("n").asInt()).isEqualTo(threads * increments);
        }
    }

    @Test
    void mainStartsARealTimeClusterPrintsTheKubeconfigLineAndServes() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FakeApiServer server = Main.start(Main.Options.parse(kubeconfig.toString(), "--seed", "5", "--nodes", "a,b",
                "--time-scale", "50"), new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).containsExactly("fakecluster listening on " + server.url(),
                    "export KUBECONFIG=" + kubeconfig.toAbsolutePath());
            assertThat(Files.readString(kubeconfig)).contains(server.url());
            Http http = new Http(server.url());
            http.post("/apis/apps/v1/namespaces/default/deployments", ResourcesTest.WEB.replace("\"replicas\":3", "\"replicas\":1"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    http.get("/apis/apps/v1/namespaces/default/deployments/web").json().path("status")
                            .path("availableReplicas").asInt() == 1);
        }
    }

    @Test
    void mainOptions() {
        Main.Options defaults = Main.Options.parse();
        assertThat(defaults.kubeconfig()).isEqualTo(Path.of("fakecluster.kubeconfig"));
        assertThat(defaults.port()).isZero();
        assertThat(defaults.timeScale()).as("virtual time unless asked").isZero();
        assertThat(defaults.tls()).isFalse();
        Main.Options secure = Main.Options.parse("--real-time", "--tls", "--token", "t0k", "--expose-node-ports");
        assertThat(secure.timeScale()).isEqualTo(1.0);
        assertThat(secure).extracting(Main.Options::tls, Main.Options::token, Main.Options::exposeNodePorts)
                .containsExactly(true, "t0k", true);
        assertThatThrownBy(() -> Main.Options.parse("--time-scale", "0")).hasMessage("--time-scale needs a number > 0, got 0");
        Main.Options o = Main.Options.parse("--kubeconfig", "k", "--port", "8080", "--apply", "a.yaml", "--apply", "b.yaml");
        assertThat(o.kubeconfig()).isEqualTo(Path.of("k"));
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.apply()).containsExactly(Path.of("a.yaml"), Path.of("b.yaml"));
        assertThatThrownBy(() -> Main.Options.parse("--bogus")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Main.Options.parse("--port")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Main.Options.parse("-h").help()).isTrue();
    }
}
