package dev.fakecluster.internal.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Endpoints and EndpointSlice controllers: what they publish for a Service, and when. */
class EndpointControllersTest {

    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, labels: {tier: front}}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: http}]
            """;

    private static String pod(String name, int port, String extra) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, labels: {app: web}}
                spec:
                  containers: [{name: c, image: nginx, ports: [{name: http, containerPort: %d}]}]
                %s
                ---
                """.formatted(name, port, extra);
    }

    private static List<Resource> slices(Cluster cluster, String service) {
        return cluster.list("endpointslices", "default", "kubernetes.io/service-name=" + service);
    }

    @Test
    void aNamedTargetPortResolvesPerPodIntoSeparateSubsetsAndSlices() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(pod("a", 8080, "") + pod("b", 9090, "") + SERVICE);
            cluster.advance(Duration.ofSeconds(5));

            Resource ep = cluster.get("endpoints", "default", "web").orElseThrow();
            List<String> subsets = new ArrayList<>();
            for (JsonNode s : ep.json().path("subsets")) {
                subsets.add(s.path("addresses").get(0).path("targetRef").path("name").asText() + "@"
                        + s.path("ports").get(0).path("port").asInt() + "/" + s.path("ports").get(0).path("name").asText());
            }
            assertThat(subsets).containsExactlyInAnyOrder("a@8080/http", "b@9090/http");
            List<String> slicePorts = slices(cluster, "web").stream()
                    .map(s -> s.json().path("endpoints").get(0).path("targetRef").path("name").asText() + "@"
                            + s.json().path("ports").get(0).path("port").asInt())
                    .toList();
            assertThat(slicePorts).containsExactlyInAnyOrder("a@8080", "b@9090");
        }
    }

    @Test
    void aSliceCarriesTheServicesLabelsOwnerAndAddressTypeAndNamesItAfterTheService() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource svc = cluster.apply(pod("a", 8080, "") + SERVICE).get(1);
            cluster.advance(Duration.ofSeconds(5));

            Resource slice = slices(cluster, "web").get(0);
            assertThat(slice.name()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
            assertThat(slice.labels()).containsEntry("kubernetes.io/service-name", "web")
                    .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                    .containsEntry("tier", "front");
            assertThat(slice.field("addressType")).contains("IPv4");
            assertThat(slice.field("metadata.ownerReferences[0].uid")).contains(svc.uid());
            assertThat(slice.field("metadata.ownerReferences[0].controller")).contains("true");
            JsonNode endpoint = slice.json().path("endpoints").get(0);
            assertThat(endpoint.path("conditions").toString())
                    .isEqualTo("{\"ready\":true,\"serving\":true,\"terminating\":false}");
            assertThat(endpoint.path("nodeName").asText()).isIn("node2", "node3");
            assertThat(endpoint.path("targetRef").toString())
                    .startsWith("{\"kind\":\"Pod\",\"namespace\":\"default\",\"name\":\"a\"");
            assertThat(slice.json().path("ports").toString())
                    .isEqualTo("[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":8080}]");
            assertThat(slice.annotations()).containsKey("endpoints.kubernetes.io/last-change-trigger-time");
            Resource ep = cluster.get("ep", "default", "web").orElseThrow();
            assertThat(ep.labels()).containsExactlyEntriesOf(java.util.Map.of("tier", "front"));
            assertThat(ep.field("subsets[0].addresses[0].nodeName")).contains(endpoint.path("nodeName").asText());
        }
    }

    @Test
    void aServiceWithoutPodsHasAPlaceholderSliceThatTheFirstPodFills() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(SERVICE);
            Resource placeholder = slices(cluster, "web").get(0);
            assertThat(placeholder.json().path("endpoints")).isEmpty();
            assertThat(placeholder.json().path("ports")).isEmpty();
            assertThat(cluster.get("ep", "default", "web").orElseThrow().json().has("subsets")).isFalse();
            assertThat(cluster.table("endpoints", "default")).contains("web          <none>");

            cluster.apply(pod("a", 8080, ""));
            cluster.advance(Duration.ofSeconds(5));

            assertThat(slices(cluster, "web")).extracting(Resource::name).containsExactly(placeholder.name());
            assertThat(slices(cluster, "web").get(0).json().path("endpoints")).hasSize(1);
        }
    }

    @Test
    void aPodNotYetReadyIsANotReadyAddressAndOneWithoutAnAddressIsLeftOut() {
        try (Cluster cluster = Cluster.builder().build()) {
            String slow = pod("slow", 8080, "").replace("ports: [{name: http, containerPort: 8080}]}]",
                    "ports: [{name: http, containerPort: 8080}], "
                            + "readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 20}}]");
            cluster.apply(slow + pod("stuck", 8080, "  nodeSelector: {disk: none}") + SERVICE);

            cluster.advance(Duration.ofSeconds(1));
            assertThat(cluster.get("ep", "default", "web").orElseThrow().json().has("subsets")).isFalse();

            cluster.advance(Duration.ofSeconds(2));
            Resource ep = cluster.get("ep", "default", "web").orElseThrow();
            assertThat(ep.json().path("subsets").get(0).has("addresses")).isFalse();
            assertThat(ep.field("subsets[0].notReadyAddresses[0].targetRef.name")).contains("slow");
            assertThat(cluster.table("endpoints", "default").replaceAll(" +", " ")).contains("\nweb 3s\n");
            assertThat(slices(cluster, "web").get(0).json().path("endpoints")).hasSize(1);

            cluster.advance(Duration.ofSeconds(25));
            assertThat(cluster.get("ep", "default", "web").orElseThrow().field("subsets[0].addresses[0].targetRef.name"))
                    .contains("slow");
        }
    }

    @Test
    void aServiceWithoutASelectorKeepsTheEndpointsItsOwnerWrites() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(pod("a", 8080, "") + """
                    apiVersion: v1
                    kind: Service
                    metadata: {name: external}
                    spec: {ports: [{port: 5432}]}
                    ---
                    apiVersion: v1
                    kind: Endpoints
                    metadata: {name: external}
                    subsets: [{addresses: [{ip: 192.168.1.100}], ports: [{port: 5432}]}]
                    """);
            cluster.advance(Duration.ofSeconds(5));

            assertThat(cluster.get("ep", "default", "external").orElseThrow().field("subsets[0].addresses[0].ip"))
                    .contains("192.168.1.100");
            assertThat(slices(cluster, "external")).isEmpty();
        }
    }

    @Test
    void deletingTheServiceDeletesItsEndpointsAndSlices() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(pod("a", 8080, "") + SERVICE);
            cluster.advance(Duration.ofSeconds(5));

            cluster.delete("svc", "default", "web");

            assertThat(cluster.get("ep", "default", "web")).isEmpty();
            assertThat(slices(cluster, "web")).isEmpty();
        }
    }

    @Test
    void aPodWhoseHostnameAndSubdomainNameTheServiceIsPublishedWithItsHostname() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(pod("a", 8080, "  hostname: alpha\n  subdomain: web") + pod("b", 8080, "  hostname: beta") + SERVICE);
            cluster.advance(Duration.ofSeconds(5));

            List<String> hostnames = new ArrayList<>();
            slices(cluster, "web").get(0).json().path("endpoints")
                    .forEach(e -> hostnames.add(e.path("targetRef").path("name").asText() + "="
                            + e.path("hostname").asText("-")));
            assertThat(hostnames).containsExactlyInAnyOrder("a=alpha", "b=-");
        }
    }

    @Test
    void anEndpointCarriesItsNodesZoneAndFollowsItWhenTheZoneChanges() {
        try (Cluster cluster = Cluster.builder().nodes("node1", "node2").build()) {
            cluster.node("node2").label("topology.kubernetes.io/zone", "zone-a");
            cluster.apply(pod("a", 8080, "") + SERVICE);
            cluster.advance(Duration.ofSeconds(5));
            assertThat(slices(cluster, "web").get(0).field("endpoints[0].zone")).contains("zone-a");

            cluster.node("node2").label("topology.kubernetes.io/zone", "zone-b");

            assertThat(slices(cluster, "web").get(0).field("endpoints[0].zone")).contains("zone-b");
        }
    }

    @Test
    void moreThanAHundredEndpointsSpillIntoAnotherSlice() {
        try (Cluster cluster = Cluster.builder().nodes("node1", "node2", "node3", "node4").build()) {
            cluster.apply("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: many}
                    spec:
                      replicas: 150
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers: [{name: c, image: nginx, ports: [{name: http, containerPort: 80}]}]
                    ---
                    """ + SERVICE);
            cluster.advance(Duration.ofSeconds(10));

            assertThat(slices(cluster, "web")).extracting(s -> s.json().path("endpoints").size())
                    .containsExactlyInAnyOrder(100, 50);
            assertThat(cluster.table("endpoints", "default")).contains(":80 + 147 more...");
        }
    }
}
