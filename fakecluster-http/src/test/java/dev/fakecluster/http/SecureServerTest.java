package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakecluster.Cluster;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with the certificate made at start, HTTP/2, and bearer-token authentication. */
class SecureServerTest {

    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;

    private static OkHttpClient trusting(String authorityPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("fakecluster", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(authorityPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return new OkHttpClient.Builder()
                .sslSocketFactory(context.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0])
                .build();
    }

    @Test
    void tlsServesHttp2WithACertificateTheKubeconfigCarries() throws Exception {
        try (Cluster cluster = Cluster.builder().build();
             FakeApiServer server = FakeApiServer.builder().cluster(cluster).tls().build().start()) {
            assertThat(server.url()).startsWith("https://127.0.0.1:");
            assertThat(Files.readString(server.kubeconfig())).contains("server: " + server.url(),
                    "certificate-authority-data: ");

            try (Response response = trusting(server.certificateAuthorityPem()).newCall(
                    new okhttp3.Request.Builder().url(server.url() + "/api/v1/nodes").build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.protocol()).isEqualTo(Protocol.HTTP_2);
                assertThat(response.body().string()).contains("\"node3\"");
            }
        }
    }

    @Test
    void aTokenIsRequiredExceptForAnonymousHealthAndVersion() throws Exception {
        try (Cluster cluster = Cluster.builder().build();
             FakeApiServer server = FakeApiServer.builder().cluster(cluster).token(TOKEN).build().start()) {
            Http http = new Http(server.url());
            Http.Reply denied = http.get("/api/v1/nodes");
            assertThat(denied.code()).isEqualTo(401);
            assertThat(denied.json().path("reason").asText()).isEqualTo("Unauthorized");
            assertThat(http.get("/version").code()).isEqualTo(200);
            assertThat(http.get("/healthz").code()).isEqualTo(200);
            assertThat(Files.readString(server.kubeconfig())).contains("token: " + TOKEN);

            try (Response wrong = http.client.newCall(new okhttp3.Request.Builder().url(server.url() + "/version")
                    .header("Authorization", "Bearer nope").build()).execute();
                 Response right = http.client.newCall(new okhttp3.Request.Builder().url(server.url() + "/api/v1/nodes")
                    .header("Authorization", "Bearer " + TOKEN).build()).execute()) {
                assertThat(wrong.code()).as("a wrong token fails even where anonymous passes").isEqualTo(401);
                assertThat(right.code()).isEqualTo(200);
            }
        }
    }

    @Test
    void kubectlWorksOverTlsWithATokenAndWatchesOverHttp2() {
        Optional<Path> binary = Kubectl.find();
        assumeTrue(binary.isPresent(), "kubectl is not installed on this machine (not on PATH): kubectl tests skipped");
        try (Cluster cluster = Cluster.builder().build();
             FakeApiServer server = FakeApiServer.builder().cluster(cluster).tls().token(TOKEN).build().start()) {
            Kubectl kubectl = new Kubectl(binary.get(), server, dir);
            Kubectl.Result nodes = kubectl.run("get", "nodes");
            assertThat(nodes.exitCode()).as(nodes.err()).isZero();
            assertThat(nodes.out()).contains("node1", "node2", "node3");

            Kubectl.Running watch = kubectl.start("get", "configmaps", "-w");
            try {
                cluster.apply("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"seen\"}}");
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.out().contains("seen"));
                cluster.apply("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"later\"}}");
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watch.out().contains("later"));
            } finally {
                watch.stop();
            }
        }
    }
}
