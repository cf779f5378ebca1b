package dev.fakecluster.http;

import static dev.fakecluster.http.KubectlSession.fields;
import static dev.fakecluster.http.KubectlSession.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial's chapter 6 with kubectl 1.32: a ClusterIP Service applied, changed to a NodePort
 * and then to a fixed node port, with {@code get service / endpoints} and {@code describe service}
 * (BEHAVIOURS.md G).
 */
class KubectlServicesTest {

    @TempDir
    Path dir;
    KubectlSession k;

    @BeforeEach
    void start() {
        k = KubectlSession.start(dir);
    }

    @AfterEach
    void stop() {
        k.close();
    }

    @Test
    void aClusterIpServiceBecomesANodePortAndKeepsItsAddress() {
        assertThat(k.out("apply", "-f", k.manifest("httpd.ch6.yml"))).isEqualTo("deployment.apps/httpd created\n");
        k.advance(Duration.ofMinutes(1));
        assertThat(k.out("apply", "-f", k.manifest("httpd-service.v1-clusterip.yml"))).isEqualTo("service/httpd-svc created\n");
        k.advance(Duration.ofSeconds(6));
        String ip = k.cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP").orElseThrow();
        List<String> endpoints = k.pods("run=httpd").stream().map(p -> k.field(p, "status.podIP") + ":80").toList();

        assertThat(k.out("get", "service")).isEqualTo(table(
                "NAME  TYPE  CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE",
                "httpd-svc  ClusterIP  " + ip + "  <none>  8080/TCP  6s",
                "kubernetes  ClusterIP  10.1.0.1  <none>  443/TCP  66s"));
        assertThat(k.out("get", "endpoints", "httpd-svc")).isEqualTo(table(
                "NAME  ENDPOINTS  AGE",
                "httpd-svc  " + String.join(",", endpoints.stream().sorted().toList()) + "  6s"));
        String described = fields(k.out("describe", "service", "httpd-svc"));
        // kubectl 1.32 no longer shows the last-applied configuration (1.13 did), though the object carries it.
        assertThat(described).contains("Namespace: default\n", "Labels: <none>\n", "Annotations: <none>\n",
                "Selector: run=httpd\n",
                "Type: ClusterIP\n", "IP: " + ip + "\n", "Port: <unset>  8080/TCP\n", "TargetPort: 80/TCP\n",
                "Session Affinity: None\n", "Events: <none>\n");
        assertThat(k.out("get", "svc", "httpd-svc", "-o", "jsonpath={.metadata.annotations}"))
                .startsWith("{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"apiVersion\\\":\\\"v1\\\",\\\"kind\\\":\\\"Service\\\",");
        assertThat(described.lines().filter(l -> l.startsWith("Endpoints: ")).findFirst().orElseThrow().substring(11).split(","))
                .containsExactlyInAnyOrderElementsOf(endpoints);

        assertThat(k.out("apply", "-f", k.manifest("httpd-service.v2-nodeport.yml"))).isEqualTo("service/httpd-svc configured\n");
        String nodePort = k.cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.ports[0].nodePort").orElseThrow();
        assertThat(k.out("get", "service", "httpd-svc")).isEqualTo(table(
                "NAME  TYPE  CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE",
                "httpd-svc  NodePort  " + ip + "  <none>  8080:" + nodePort + "/TCP  6s"));

        assertThat(k.out("apply", "-f", k.manifest("httpd-service.v3-nodeport30000.yml")))
                .isEqualTo("service/httpd-svc configured\n");
        assertThat(k.out("get", "service", "httpd-svc", "-o", "wide")).isEqualTo(table(
                "NAME  TYPE  CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE  SELECTOR",
                "httpd-svc  NodePort  " + ip + "  <none>  8080:30000/TCP  6s  run=httpd"));
        assertThat(fields(k.out("describe", "svc", "httpd-svc"))).contains("Type: NodePort\n", "NodePort: <unset>  30000/TCP\n",
                "External Traffic Policy: Cluster\n");
    }

    @Test
    void aManifestOfTwoDocumentsInAnotherNamespace() {
        assertThat(k.out("apply", "-f", k.manifest("httpd2-svc.yml")))
                .isEqualTo("deployment.apps/httpd2 created\nservice/httpd2-svc created\n");
        k.advance(Duration.ofSeconds(28));
        String ip = k.cluster.get("svc", "kube-public", "httpd2-svc").orElseThrow().field("spec.clusterIP").orElseThrow();

        assertThat(k.out("get", "service", "--namespace=kube-public")).isEqualTo(table(
                "NAME  TYPE  CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE",
                "httpd2-svc  ClusterIP  " + ip + "  <none>  8080/TCP  28s"));
        assertThat(k.out("get", "svc", "-A")).isEqualTo(table(
                "NAMESPACE  NAME  TYPE  CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE",
                "default  kubernetes  ClusterIP  10.1.0.1  <none>  443/TCP  28s",
                "kube-public  httpd2-svc  ClusterIP  " + ip + "  <none>  8080/TCP  28s",
                "kube-system  kube-dns  ClusterIP  10.1.0.10  <none>  53/UDP,53/TCP,9153/TCP  28s"));
        assertThat(k.out("delete", "-f", k.manifest("httpd2-svc.yml")))
                .isEqualTo("deployment.apps \"httpd2\" deleted\nservice \"httpd2-svc\" deleted\n");
    }
}
