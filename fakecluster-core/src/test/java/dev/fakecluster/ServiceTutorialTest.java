package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's Services chapter (seed BEHAVIOURS.md section G) with its manifests unchanged:
 * a ClusterIP Service over three httpd pods, its endpoints, traffic through its name, ClusterIP
 * and node ports, DNS names across namespaces, and the move to NodePort and to node port 30000.
 */
class ServiceTutorialTest {

    static final String IT_WORKS = "<html><body><h1>It works!</h1></body></html>\n";

    private static Cluster httpdWithService() {
        Cluster cluster = Cluster.builder().build();
        cluster.apply(Seed.manifest("httpd.ch6.yml"));
        cluster.apply(Seed.manifest("httpd-service.v1-clusterip.yml"));
        cluster.advance(Duration.ofSeconds(10));
        return cluster;
    }

    private static List<String> podIps(Cluster cluster, String namespace, String selector) {
        return cluster.list("pods", namespace, selector).stream().map(p -> p.field("status.podIP").orElseThrow())
                .sorted().toList();
    }

    @Test
    void aPodAnswersOnItsOwnAddressWithHttpdsPage() {
        try (Cluster cluster = httpdWithService()) {
            Resource pod = cluster.list("pods", "default", "run=httpd").get(0);

            Reply reply = cluster.http().get(pod.field("status.podIP").orElseThrow());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(IT_WORKS).hasSize(45);
            assertThat(reply.pod()).isEqualTo(pod.name());
        }
    }

    @Test
    void theServiceGetsAClusterIpFromTheServiceNetworksDynamicBand() {
        try (Cluster cluster = httpdWithService()) {
            Resource svc = cluster.get("svc", "default", "httpd-svc").orElseThrow();
            String ip = svc.field("spec.clusterIP").orElseThrow();

            assertThat(ip).startsWith("10.1.").doesNotStartWith("10.1.0.");
            assertThat(svc.field("spec.clusterIPs[0]")).contains(ip);
            assertThat(svc.field("spec.type")).contains("ClusterIP");
            assertThat(svc.field("spec.ipFamilies[0]")).contains("IPv4");
            assertThat(svc.field("spec.ipFamilyPolicy")).contains("SingleStack");
            assertThat(svc.field("spec.internalTrafficPolicy")).contains("Cluster");
            assertThat(svc.field("spec.sessionAffinity")).contains("None");
            assertThat(cluster.table("svc", "default").replaceAll(" +", " ")).isEqualTo("""
                    NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE
                    httpd-svc ClusterIP %s <none> 8080/TCP 10s
                    kubernetes ClusterIP 10.1.0.1 <none> 443/TCP 10s
                    """.formatted(ip));
        }
    }

    @Test
    void endpointsListEveryReadyPodAtTheTargetPortSortedByAddress() {
        try (Cluster cluster = httpdWithService()) {
            List<String> ips = podIps(cluster, "default", "run=httpd");
            Resource ep = cluster.get("endpoints", "default", "httpd-svc").orElseThrow();

            List<String> listed = new ArrayList<>();
            ep.json().path("subsets").get(0).path("addresses").forEach(a -> listed.add(a.path("ip").asText()));
            assertThat(listed).isEqualTo(ips);
            assertThat(ep.field("subsets[0].ports[0].port")).contains("80");
            assertThat(ep.field("subsets[0].addresses[0].targetRef.kind")).contains("Pod");
            assertThat(ep.json().path("subsets").get(0).has("notReadyAddresses")).isFalse();
            assertThat(cluster.table("endpoints", "default")).contains("httpd-svc    " + ips.get(0) + ":80," + ips.get(1)
                    + ":80," + ips.get(2) + ":80   10s");
        }
    }

    @Test
    void requestsToTheServiceNameAndClusterIpReachEveryPod() {
        try (Cluster cluster = httpdWithService()) {
            String clusterIp = cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP").orElseThrow();
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                Reply byName = cluster.http().get("http://httpd-svc:8080/");
                Reply byIp = cluster.http().get("http://" + clusterIp + ":8080/");
                assertThat(byName.body()).isEqualTo(IT_WORKS);
                assertThat(byIp.body()).isEqualTo(IT_WORKS);
                answered.add(byName.pod());
                answered.add(byIp.pod());
            }

            assertThat(answered).containsExactlyInAnyOrderElementsOf(
                    cluster.list("pods", "default", "run=httpd").stream().map(Resource::name).toList());
        }
    }

    @Test
    void namesResolveThroughTheSearchPathAndAcrossNamespaces() {
        try (Cluster cluster = httpdWithService()) {
            cluster.apply(Seed.manifest("httpd2-svc.yml"));
            cluster.advance(Duration.ofSeconds(10));
            String ip = cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP").orElseThrow();
            String ip2 = cluster.get("svc", "kube-public", "httpd2-svc").orElseThrow().field("spec.clusterIP").orElseThrow();
            Dns dns = cluster.dns();

            for (String name : List.of("httpd-svc", "httpd-svc.default", "httpd-svc.default.svc",
                    "httpd-svc.default.svc.cluster.local", "httpd-svc.default.svc.cluster.local.")) {
                assertThat(dns.resolve(name)).as(name).containsExactly(ip);
            }
            assertThat(dns.resolve("httd-svc")).isEmpty();
            assertThat(dns.resolve("httpd2-svc.kube-public")).containsExactly(ip2);
            assertThat(dns.resolve("httpd2-svc")).isEmpty();
            assertThat(dns.resolve("httpd2-svc", "kube-public")).containsExactly(ip2);
            assertThat(dns.resolve("kube-dns.kube-system")).containsExactly("10.1.0.10");
            assertThat(cluster.http().get("http://httpd2-svc.kube-public:8080").body()).isEqualTo(IT_WORKS);
            assertThatThrownBy(() -> cluster.http().get("http://httd-svc:8080"))
                    .isInstanceOf(ConnectionFailedException.class)
                    .hasMessage("dial tcp: lookup httd-svc on 10.1.0.10:53: no such host")
                    .extracting(e -> ((ConnectionFailedException) e).reason())
                    .isEqualTo(ConnectionFailedException.Reason.NO_SUCH_HOST);
        }
    }

    @Test
    void switchingToNodePortKeepsTheClusterIpAndOpensAPortOnEveryNode() {
        try (Cluster cluster = httpdWithService()) {
            String clusterIp = cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP").orElseThrow();

            Resource svc = cluster.apply(Seed.manifest("httpd-service.v2-nodeport.yml")).get(0);

            int nodePort = Integer.parseInt(svc.field("spec.ports[0].nodePort").orElseThrow());
            assertThat(nodePort).isBetween(30086, 32767);
            assertThat(svc.field("spec.clusterIP")).contains(clusterIp);
            assertThat(svc.field("spec.externalTrafficPolicy")).contains("Cluster");
            assertThat(cluster.table("svc", "default")).contains("NodePort    " + clusterIp, "8080:" + nodePort + "/TCP");
            for (String host : List.of("192.168.1.31", "192.168.1.32", "192.168.1.33", "node1", "node2", "node3")) {
                assertThat(cluster.http().get("http://" + host + ":" + nodePort + "/").body()).as(host).isEqualTo(IT_WORKS);
            }
            assertThat(cluster.apply(Seed.manifest("httpd-service.v2-nodeport.yml")).get(0).field("spec.ports[0].nodePort"))
                    .as("re-applying keeps the port").contains(Integer.toString(nodePort));
        }
    }

    @Test
    void aFixedNodePortOf30000ReplacesTheAllocatedOne() {
        try (Cluster cluster = httpdWithService()) {
            String clusterIp = cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP").orElseThrow();
            cluster.apply(Seed.manifest("httpd-service.v2-nodeport.yml"));

            Resource svc = cluster.apply(Seed.manifest("httpd-service.v3-nodeport30000.yml")).get(0);

            assertThat(svc.field("spec.ports[0].nodePort")).contains("30000");
            assertThat(svc.field("spec.clusterIP")).contains(clusterIp);
            assertThat(cluster.http().get("http://192.168.1.32:30000").body()).isEqualTo(IT_WORKS);
        }
    }

    @Test
    void aNodePortAlreadyTakenIsRejectedWithTheApiServersError() {
        try (Cluster cluster = httpdWithService()) {
            cluster.apply(Seed.manifest("httpd-service.v3-nodeport30000.yml"));

            assertThatThrownBy(() -> cluster.apply(Seed.manifest("httpd-service.v3-nodeport30000.yml")
                    .replace("name: httpd-svc", "name: other")))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("Service \"other\" is invalid: spec.ports[0].nodePort: Invalid value: 30000: "
                            + "provided port is already allocated");
            assertThatThrownBy(() -> cluster.apply(Seed.manifest("httpd-service.v3-nodeport30000.yml")
                    .replace("name: httpd-svc", "name: other").replace("30000", "29999")))
                    .hasMessage("Service \"other\" is invalid: spec.ports[0].nodePort: Invalid value: 29999: "
                            + "provided port is not in the valid range. The range of valid ports is 30000-32767");
            assertThat(cluster.get("svc", "default", "other")).isEmpty();
        }
    }

    @Test
    void theClusterIpStaysWhilePodsComeAndGo() {
        try (Cluster cluster = httpdWithService()) {
            String clusterIp = cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP").orElseThrow();
            Resource victim = cluster.list("pods", "default", "run=httpd").get(0);

            cluster.delete("pods", "default", victim.name());
            cluster.advance(Duration.ofSeconds(10));

            assertThat(cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP")).contains(clusterIp);
            List<String> ips = podIps(cluster, "default", "run=httpd");
            assertThat(ips).hasSize(3);
            List<String> listed = new ArrayList<>();
            cluster.get("endpoints", "default", "httpd-svc").orElseThrow().json().path("subsets").get(0).path("addresses")
                    .forEach(a -> listed.add(a.path("ip").asText()));
            assertThat(listed).isEqualTo(ips);
            assertThat(cluster.http().get("http://httpd-svc:8080").pod()).isNotEqualTo(victim.name());
        }
    }

    @Test
    void theBootcampAppAnswersWithItsPodNameThroughANodePortAndSpreadsOverReplicas() {
        try (Cluster cluster = Cluster.builder().nodes("minikube").build()) {
            cluster.apply("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: kubernetes-bootcamp, labels: {app: kubernetes-bootcamp}}
                    spec:
                      replicas: 3
                      selector: {matchLabels: {app: kubernetes-bootcamp}}
                      template:
                        metadata: {labels: {app: kubernetes-bootcamp}}
                        spec:
                          containers:
                          - name: kubernetes-bootcamp
                            image: docker.io/jocatalin/kubernetes-bootcamp:v1
                            ports: [{containerPort: 8080}]
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: kubernetes-bootcamp, labels: {app: kubernetes-bootcamp}}
                    spec:
                      type: NodePort
                      selector: {app: kubernetes-bootcamp}
                      ports: [{port: 8080, targetPort: 8080}]
                    """);
            cluster.advance(Duration.ofSeconds(10));
            String nodePort = cluster.get("svc", "default", "kubernetes-bootcamp").orElseThrow()
                    .field("spec.ports[0].nodePort").orElseThrow();

            Set<String> pods = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                Reply reply = cluster.http().get("minikube:" + nodePort);
                assertThat(reply.body()).isEqualTo("Hello Kubernetes bootcamp! | Running on: " + reply.pod() + " | v=1\n");
                pods.add(reply.pod());
            }

            assertThat(pods).hasSize(3);
        }
    }
}
