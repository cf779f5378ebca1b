package dev.fakecluster.internal.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ClusterIPs and node ports allocated by the API server itself, on create and update, with its errors. */
class ServiceRegistryTest {

    private static String service(String name, String extraSpec) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s}
                spec:
                  selector: {app: %s}
                  ports: [{port: 80}]
                %s""".formatted(name, name, extraSpec.isEmpty() ? "" : "  " + extraSpec + "\n");
    }

    private static Resource create(Cluster cluster, String name, String extraSpec) {
        return cluster.create(service(name, extraSpec)).get(0);
    }

    @Test
    void theBootstrapHasTheApiServerAtTheFirstAddressAndDnsAtTheTenth() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource dns = cluster.get("svc", "kube-system", "kube-dns").orElseThrow();

            assertThat(cluster.get("svc", "default", "kubernetes").orElseThrow().field("spec.clusterIPs[0]"))
                    .contains("10.1.0.1");
            assertThat(dns.field("spec.clusterIP")).contains("10.1.0.10");
            assertThat(cluster.table("svc", "kube-system")).contains("kube-dns   ClusterIP   10.1.0.10    <none>        "
                    + "53/UDP,53/TCP,9153/TCP");
            assertThat(dns.json().path("status").path("loadBalancer").toString()).isEqualTo("{}");
        }
    }

    @Test
    void aRequestedClusterIpIsHonouredAndATakenOneRejected() {
        try (Cluster cluster = Cluster.builder().build()) {
            assertThat(create(cluster, "a", "clusterIP: 10.1.0.5").field("spec.clusterIPs[0]")).contains("10.1.0.5");

            assertThatThrownBy(() -> create(cluster, "b", "clusterIP: 10.1.0.5"))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.1.0.5\"}: "
                            + "failed to allocate IP 10.1.0.5: provided IP is already allocated")
                    .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(422));
            assertThatThrownBy(() -> create(cluster, "b", "clusterIP: 10.1.0.10"))
                    .hasMessageEndingWith("failed to allocate IP 10.1.0.10: provided IP is already allocated");
            assertThatThrownBy(() -> create(cluster, "b", "clusterIP: 10.2.0.1"))
                    .hasMessage("Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.2.0.1\"}: "
                            + "failed to allocate IP 10.2.0.1: the provided IP (10.2.0.1) is not in the valid range. "
                            + "The range of valid IPs is 10.1.0.0/16");
            assertThatThrownBy(() -> create(cluster, "b", "clusterIP: 10.1.255.255"))
                    .hasMessageContaining("the provided IP (10.1.255.255) is not in the valid range");
            assertThat(cluster.get("svc", "default", "b")).isEmpty();
        }
    }

    @Test
    void deletingAServiceReleasesItsClusterIpAndNodePort() {
        try (Cluster cluster = Cluster.builder().build()) {
            create(cluster, "a", "clusterIP: 10.1.0.5\n  type: NodePort\n  ports: [{port: 80, nodePort: 30100}]");

            cluster.delete("svc", "default", "a");

            Resource b = create(cluster, "b", "clusterIP: 10.1.0.5\n  type: NodePort\n  ports: [{port: 80, nodePort: 30100}]");
            assertThat(b.field("spec.clusterIP")).contains("10.1.0.5");
            assertThat(b.field("spec.ports[0].nodePort")).contains("30100");
        }
    }

    @Test
    void dynamicAllocationsAreDistinctInTheUpperBandsAndRepeatableWithTheSeed() {
        Set<String> first = allocate(3);

        assertThat(allocate(3)).isEqualTo(first);
        assertThat(allocate(4)).isNotEqualTo(first);
    }

    private static Set<String> allocate(long seed) {
        try (Cluster cluster = Cluster.builder().seed(seed).build()) {
            Set<String> ips = new HashSet<>();
            Set<String> ports = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                Resource svc = create(cluster, "s" + i, "type: NodePort");
                String ip = svc.field("spec.clusterIP").orElseThrow();
                assertThat(ip).matches("10\\.1\\.\\d+\\.\\d+").doesNotStartWith("10.1.0.");
                assertThat(Integer.parseInt(svc.field("spec.ports[0].nodePort").orElseThrow())).isBetween(30086, 32767);
                ips.add(ip);
                ports.add(svc.field("spec.ports[0].nodePort").orElseThrow());
            }
            assertThat(ips).hasSize(20);
            assertThat(ports).hasSize(20);
            Set<String> all = new HashSet<>(ips);
            all.addAll(ports);
            return all;
        }
    }

    @Test
    void aHeadlessServiceGetsNoAddress() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource svc = create(cluster, "h", "clusterIP: None");

            assertThat(svc.field("spec.clusterIP")).contains("None");
            assertThat(svc.field("spec.clusterIPs[0]")).contains("None");
            assertThat(cluster.get("ep", "default", "h").orElseThrow().labels())
                    .containsEntry("service.kubernetes.io/headless", "");
        }
    }

    @Test
    void anUpdateThatOmitsAllocatedValuesKeepsThemAndOneThatChangesTheClusterIpIsRejected() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource created = cluster.apply(service("a", "type: NodePort")).get(0);
            String ip = created.field("spec.clusterIP").orElseThrow();
            String nodePort = created.field("spec.ports[0].nodePort").orElseThrow();

            Resource reapplied = cluster.apply(service("a", "type: NodePort").replace("app: a", "app: b")).get(0);

            assertThat(reapplied.field("spec.clusterIP")).contains(ip);
            assertThat(reapplied.field("spec.ports[0].nodePort")).contains(nodePort);
            assertThat(reapplied.field("spec.selector.app")).contains("b");
            assertThatThrownBy(() -> cluster.apply(service("a", "type: NodePort\n  clusterIP: 10.1.0.7")))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("Service \"a\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.1.0.7\"}: "
                            + "may not change once set");
            cluster.apply(service("a", "type: ClusterIP"));
            assertThatThrownBy(() -> cluster.apply(service("a", "clusterIP: None")))
                    .hasMessage("Service \"a\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"None\"}: "
                            + "may not change once set");
        }
    }

    @Test
    void changingTypeDropsWhatTheNewTypeDoesNotNeedAndAllocatesWhatItDoes() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(service("a", "type: NodePort"));

            Resource clusterIp = cluster.apply(service("a", "type: ClusterIP")).get(0);
            assertThat(clusterIp.field("spec.ports[0].nodePort")).isEmpty();
            assertThat(clusterIp.field("spec.externalTrafficPolicy")).isEmpty();
            String ip = clusterIp.field("spec.clusterIP").orElseThrow();

            Resource external = cluster.apply(service("a", "type: ExternalName\n  externalName: example.com")).get(0);
            assertThat(external.field("spec.clusterIP")).isEmpty();
            assertThat(external.field("spec.clusterIPs")).isEmpty();
            assertThat(external.field("spec.ipFamilies")).isEmpty();
            assertThat(external.field("spec.ipFamilyPolicy")).isEmpty();
            assertThat(create(cluster, "b", "clusterIP: " + ip).field("spec.clusterIP")).as("released").contains(ip);

            Resource back = cluster.apply(service("a", "type: ClusterIP")).get(0);
            assertThat(back.field("spec.clusterIP")).isPresent().isNotEqualTo(ip);
            assertThat(back.field("spec.ipFamilies[0]")).contains("IPv4");
        }
    }

    @Test
    void aLocalTrafficLoadBalancerGetsAHealthCheckNodePort() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource lb = create(cluster, "lb", "type: LoadBalancer\n  externalTrafficPolicy: Local");

            assertThat(Integer.parseInt(lb.field("spec.healthCheckNodePort").orElseThrow())).isBetween(30000, 32767);
            assertThat(lb.field("spec.healthCheckNodePort")).isNotEqualTo(lb.field("spec.ports[0].nodePort"));
        }
    }

    @Test
    void aFullNodePortRangeIsAnInternalError() {
        try (Cluster cluster = Cluster.builder().build()) {
            StringBuilder ports = new StringBuilder("[");
            for (int i = 0; i < 2768; i++) {
                ports.append(i == 0 ? "" : ", ").append("{name: p").append(i).append(", port: ").append(1000 + i).append('}');
            }
            create(cluster, "big", "type: NodePort\n  ports: " + ports + "]");

            assertThatThrownBy(() -> create(cluster, "one-more", "type: NodePort"))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("Internal error occurred: failed to allocate a nodePort: range is full")
                    .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(500));
        }
    }
}
