package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cluster DNS as pods see it: headless Services and StatefulSet pods, pod A records, ExternalName CNAMEs. */
class DnsTest {

    private static final String WEB = """
            apiVersion: v1
            kind: Service
            metadata: {name: nginx, labels: {app: nginx}}
            spec:
              clusterIP: None
              selector: {app: nginx}
              ports: [{port: 80, name: web}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web}
            spec:
              serviceName: nginx
              replicas: 2
              selector: {matchLabels: {app: nginx}}
              template:
                metadata: {labels: {app: nginx}}
                spec:
                  containers: [{name: nginx, image: nginx, ports: [{containerPort: 80, name: web}]}]
            """;

    private static String podIp(Cluster cluster, String name) {
        return cluster.get("pods", "default", name).orElseThrow().field("status.podIP").orElseThrow();
    }

    @Test
    void aHeadlessServiceResolvesToItsReadyPodsAndEachStatefulSetPodHasItsOwnName() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(WEB);
            cluster.advance(Duration.ofSeconds(30));
            String web0 = podIp(cluster, "web-0");
            String web1 = podIp(cluster, "web-1");
            Dns dns = cluster.dns();

            assertThat(cluster.get("svc", "default", "nginx").orElseThrow().field("spec.clusterIPs[0]")).contains("None");
            assertThat(dns.resolve("nginx")).containsExactlyInAnyOrder(web0, web1);
            assertThat(dns.resolve("web-0.nginx.default.svc.cluster.local")).containsExactly(web0);
            assertThat(dns.resolve("web-1.nginx")).containsExactly(web1);
            assertThat(dns.resolve("web-1.nginx.default", "kube-system")).containsExactly(web1);
            assertThat(dns.resolve("web-2.nginx")).isEmpty();
            assertThat(dns.resolve(web0.replace('.', '-') + ".nginx")).containsExactly(web0);
            Resource slice = cluster.list("endpointslices", "default", "kubernetes.io/service-name=nginx").get(0);
            assertThat(slice.labels()).containsEntry("service.kubernetes.io/headless", "");
            assertThat(slice.field("endpoints[0].hostname")).contains("web-0");
            assertThat(cluster.get("ep", "default", "nginx").orElseThrow().field("subsets[0].addresses[0].hostname"))
                    .contains(web0.compareTo(web1) < 0 ? "web-0" : "web-1");
            assertThat(cluster.http().get("http://web-1.nginx/").pod()).isEqualTo("web-1");
        }
    }

    @Test
    void podsHaveARecordsNamedAfterTheirDashedAddress() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(WEB);
            cluster.advance(Duration.ofSeconds(30));
            String ip = podIp(cluster, "web-0");
            String dashed = ip.replace('.', '-');

            assertThat(cluster.dns().resolve(dashed + ".default.pod.cluster.local")).containsExactly(ip);
            assertThat(cluster.dns().resolve(dashed + ".default.pod")).containsExactly(ip);
            assertThat(cluster.http().get("http://" + dashed + ".default.pod/").pod()).isEqualTo("web-0");
        }
    }

    @Test
    void anExternalNameServiceIsACnameThatAClientCannotFollowOutOfTheCluster() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: db}
                    spec: {type: ExternalName, externalName: db.example.com}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: api-alias}
                    spec: {type: ExternalName, externalName: kubernetes.default.svc.cluster.local}
                    """);

            Resource db = cluster.get("svc", "default", "db").orElseThrow();
            assertThat(db.field("spec.clusterIP")).isEmpty();
            assertThat(db.field("spec.ipFamilies")).isEmpty();
            assertThat(cluster.table("svc", "default")).contains("db           ExternalName   <none>       db.example.com");
            assertThat(cluster.dns().lookup("db", "default")).hasValue(
                    new Dns.Answer("db.default.svc.cluster.local", "db.example.com", List.of()));
            assertThat(cluster.dns().resolve("db")).isEmpty();
            assertThat(cluster.dns().lookup("api-alias", "default").orElseThrow().addresses()).containsExactly("10.1.0.1");
            assertThat(cluster.list("endpoints", "default", null)).extracting(Resource::name).containsExactly("kubernetes");
            assertThatThrownBy(() -> cluster.http().get("http://db/"))
                    .isInstanceOf(ConnectionFailedException.class)
                    .hasMessage("dial tcp: lookup db on 10.1.0.10:53: no such host");
        }
    }

    @Test
    void namesOutsideTheClusterDomainAreNxdomain() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertThat(cluster.dns().resolve("example.com")).isEmpty();
            assertThat(cluster.dns().lookup("kubernetes.nowhere", "default")).isEmpty();
            assertThat(cluster.dns().resolve("kubernetes")).containsExactly("10.1.0.1");
        }
    }
}
