package dev.fakecluster;

import static dev.fakecluster.PodRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ContainerBehaviourTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: app}
            spec:
              containers:
              - name: app
                image: "shop:1.0"
                ports: [{containerPort: 8080}]
                readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}
            """;

    @Test
    void anUpstreamOnThisMachineAnswersForThePod() throws IOException {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        try (Cluster cluster = Cluster.builder().image("shop", ContainerBehaviour.upstream(
                URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()))).build()) {
            cluster.apply(POD);
            cluster.advance(Duration.ofSeconds(3));

            assertThat(row(cluster, "app")).isEqualTo("1/1 Running 0");
            assertThat(paths).contains("/ready");
        } finally {
            upstream.stop(0);
        }
    }

    @Test
    void upstreamsMustBeOnThisMachine() {
        assertThatThrownBy(() -> ContainerBehaviour.upstream(URI.create("http://example.com/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on this machine");
    }

    @Test
    void aBehaviourThatExitsEndsThePodByItsRestartPolicy() {
        try (Cluster cluster = Cluster.builder().image("batch:1", ContainerBehaviour.exitAfter(Duration.ofSeconds(4), 0))
                .build()) {
            cluster.apply(POD.replace("shop:1.0", "batch:1").replace("    readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}\n", "")
                    .replace("spec:\n  containers:", "spec:\n  restartPolicy: Never\n  containers:"));
            cluster.advance(Duration.ofSeconds(7));

            assertThat(row(cluster, "app")).isEqualTo("0/1 Completed 0");
        }
    }
}
