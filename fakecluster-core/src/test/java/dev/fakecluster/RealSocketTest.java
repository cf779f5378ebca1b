package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node ports and port forwards as real listeners on 127.0.0.1, reached with the JDK's own HTTP
 * client: answers come from the simulated containers, failures close the connection.
 */
class RealSocketTest {

    private static final String HTTPD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: httpd}
            spec:
              replicas: 2
              selector: {matchLabels: {run: httpd}}
              template:
                metadata: {labels: {run: httpd}}
                spec:
                  containers: [{name: httpd, image: httpd, ports: [{name: web, containerPort: 80}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: httpd-svc}
            spec:
              type: NodePort
              selector: {run: httpd}
              ports: [{port: 8080, targetPort: web}]
            """;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Cluster cluster;

    @BeforeEach
    void httpd() {
        cluster = Cluster.builder().build();
        cluster.apply(HTTPD);
        cluster.advance(Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int nodePort(String service) {
        return Integer.parseInt(cluster.get("svc", "default", service).orElseThrow().field("spec.ports[0].nodePort")
                .orElseThrow());
    }

    @Test
    void anExposedNodePortAnswersARealHttpClientFromThePods() throws Exception {
        int port = nodePort("httpd-svc");
        cluster.exposeNodePorts();

        HttpResponse<String> page = get("http://127.0.0.1:" + port + "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(ServiceTutorialTest.IT_WORKS);
        assertThat(cluster.logs("default", cluster.list("pods", "default", "run=httpd").get(0).name())
                + cluster.logs("default", cluster.list("pods", "default", "run=httpd").get(1).name()))
                .as("the access log of the pod that answered").contains("\"GET / HTTP/1.1\" 200");
    }

    @Test
    void exposedNodePortsFollowTheServicesCreatedAndDeletedAfterwards() throws Exception {
        cluster.exposeNodePorts();
        cluster.apply(HTTPD.replace("name: httpd-svc", "name: second"));
        int second = nodePort("second");

        assertThat(get("http://127.0.0.1:" + second + "/").statusCode()).isEqualTo(200);

        cluster.delete("svc", "default", "second");
        assertThatThrownBy(() -> get("http://127.0.0.1:" + second + "/")).isInstanceOf(ConnectException.class);
    }

    @Test
    void aRequestNoPodCanTakeIsClosedUnanswered() throws Exception {
        int port = nodePort("httpd-svc");
        cluster.exposeNodePorts();
        cluster.scale("deploy", "default", "httpd", 0);
        cluster.advance(Duration.ofSeconds(40));

        assertThatThrownBy(() -> get("http://127.0.0.1:" + port + "/")).isInstanceOf(IOException.class);
    }

    @Test
    void aNodePortTakenOnThisMachineIsReportedAtOnce() throws Exception {
        try (ServerSocket taken = takeANodePort()) {
            cluster.apply(HTTPD.replace("name: httpd-svc", "name: clash")
                    .replace("targetPort: web}", "targetPort: web, nodePort: " + taken.getLocalPort() + "}"));

            assertThatThrownBy(() -> cluster.exposeNodePorts())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("listen tcp 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aPortForwardToAServiceReachesTheTargetPortOfOnePod() throws Exception {
        try (PortForward forward = cluster.portForward("default", "svc/httpd-svc", 8080)) {
            assertThat(forward.remotePort()).as("targetPort web").isEqualTo(80);
            assertThat(forward.pod()).startsWith("httpd-");

            HttpResponse<String> page = get(forward.uri().resolve("/").toString());

            assertThat(page.body()).isEqualTo(ServiceTutorialTest.IT_WORKS);
            assertThat(cluster.logs("default", forward.pod())).contains("\"GET / HTTP/1.1\" 200");

            cluster.delete("pod", "default", forward.pod());
            cluster.advance(Duration.ofSeconds(5));
            assertThatThrownBy(() -> get(forward.uri().toString())).as("lost connection to pod")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aPortForwardNeedsARunningPodAndAServicePort() {
        assertThatThrownBy(() -> cluster.portForward("default", "svc/httpd-svc", 80))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Service httpd-svc does not have a service port 80");
        assertThatThrownBy(() -> cluster.portForward("default", "nope", 80))
                .isInstanceOf(ApiException.class)
                .hasMessage("pods \"nope\" not found");
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: waiting}
                spec:
                  nodeSelector: {disk: none}
                  containers: [{name: sh, image: busybox}]
                """);
        assertThatThrownBy(() -> cluster.portForward("default", "pod/waiting", 80))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("unable to forward port because pod is not running. Current status=Pending");
    }

    /** A port of the node-port range bound here, so that the cluster cannot bind it. */
    private static ServerSocket takeANodePort() throws IOException {
        for (int port = 32767; port >= 30000; port--) {
            try {
                return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
            } catch (IOException busy) {
                // try the next one
            }
        }
        throw new IOException("every node port is taken on this machine");
    }
}
