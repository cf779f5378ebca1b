package dev.fakecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Traffic sent with {@link Cluster#http()}: only ready endpoints receive it, terminating ones only
 * as a last resort, dead nodes' pods until they leave the endpoints; seeded-random and round-robin
 * balancing, session affinity, load balancers, and the errors a client sees.
 */
class ServiceRoutingTest {

    private static final String HTTPD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: httpd}
            spec:
              replicas: 3
              selector: {matchLabels: {run: httpd}}
              template:
                metadata: {labels: {run: httpd}}
                spec:
                  containers: [{name: httpd, image: httpd, ports: [{containerPort: 80}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: httpd-svc}
            spec:
              selector: {run: httpd}
              ports: [{port: 8080, targetPort: 80}]
            """;

    /** myhttpd from scaleup-readiness.yml: /health fails for the pods in {@code sick}. */
    private static ContainerBehaviour myhttpd(Set<String> sick) {
        return ContainerBehaviour.httpServer(request -> request.path().equals("/health") && sick.contains(request.pod())
                ? Reply.of(503, "sick") : Reply.of(200, "hello from " + request.pod()));
    }

    private static List<String> addresses(Resource endpoints, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode subset : endpoints.json().path("subsets")) {
            subset.path(field).forEach(a -> out.add(a.path("ip").asText()));
        }
        return out;
    }

    private static final String HTTPD_LB = HTTPD.replace("spec:\n  selector: {run: httpd}",
            "spec:\n  type: LoadBalancer\n  selector: {run: httpd}");

    private static Map<String, Integer> spread(Cluster cluster, String url, int requests) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(cluster.http().get(url).pod(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aPodFailingReadinessLeavesTheEndpointsAndGetsNoTrafficUntilItRecovers() {
        Set<String> sick = ConcurrentHashMap.newKeySet();
        try (Cluster cluster = Cluster.builder().image("myhttpd", myhttpd(sick)).build()) {
            cluster.apply(Seed.manifest("scaleup-readiness.yml"));
            cluster.advanceUntil(c -> addresses(c.get("ep", "default", "web-svc").orElseThrow(), "addresses").size() == 3,
                    Duration.ofSeconds(30));
            Resource ep = cluster.get("ep", "default", "web-svc").orElseThrow();
            assertThat(ep.field("subsets[0].ports[0].port")).as("targetPort 80, not the container's 8080").contains("80");
            Resource victim = cluster.list("pods", "default", "run=web").get(0);
            String victimIp = victim.field("status.podIP").orElseThrow();

            sick.add(victim.name());
            cluster.advance(Duration.ofSeconds(15));

            ep = cluster.get("ep", "default", "web-svc").orElseThrow();
            assertThat(addresses(ep, "addresses")).hasSize(2).doesNotContain(victimIp);
            assertThat(addresses(ep, "notReadyAddresses")).containsExactly(victimIp);
            Resource slice = cluster.list("endpointslices", "default", "kubernetes.io/service-name=web-svc").get(0);
            JsonNode entry = endpoint(slice, victimIp);
            assertThat(entry.path("conditions").toString())
                    .isEqualTo("{\"ready\":false,\"serving\":false,\"terminating\":false}");
            assertThat(spread(cluster, "http://web-svc:8080/", 40)).hasSize(2).doesNotContainKey(victim.name());

            sick.remove(victim.name());
            cluster.advance(Duration.ofSeconds(5));

            assertThat(addresses(cluster.get("ep", "default", "web-svc").orElseThrow(), "addresses")).contains(victimIp);
            assertThat(spread(cluster, "http://web-svc:8080/", 40)).hasSize(3).containsKey(victim.name());
        }
    }

    private static JsonNode endpoint(Resource slice, String ip) {
        for (JsonNode e : slice.json().path("endpoints")) {
            if (e.path("addresses").path(0).asText().equals(ip)) {
                return e;
            }
        }
        throw new AssertionError("no endpoint " + ip + " in " + slice.toJson());
    }

    @Test
    void aTerminatingPodStaysInItsSliceAsServingButLeavesTheEndpointsAndTheTraffic() {
        String pods = """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, labels: {app: web}}
                spec:
                  containers:
                  - name: httpd
                    image: httpd
                    lifecycle: {preStop: {sleep: {seconds: 10}}}
                """;
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(pods.formatted("web-a") + "---\n" + pods.formatted("web-b") + """
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec: {selector: {app: web}, ports: [{port: 80}]}
                    """);
            cluster.advance(Duration.ofSeconds(5));
            String ipA = cluster.get("pods", "default", "web-a").orElseThrow().field("status.podIP").orElseThrow();

            cluster.delete("pods", "default", "web-a");

            Resource ep = cluster.get("ep", "default", "web").orElseThrow();
            assertThat(addresses(ep, "addresses")).doesNotContain(ipA).hasSize(1);
            assertThat(addresses(ep, "notReadyAddresses")).isEmpty();
            Resource slice = cluster.list("endpointslices", "default", "kubernetes.io/service-name=web").get(0);
            assertThat(endpoint(slice, ipA).path("conditions").toString())
                    .isEqualTo("{\"ready\":false,\"serving\":true,\"terminating\":true}");
            assertThat(spread(cluster, "http://web/", 20)).containsOnlyKeys("web-b");

            cluster.delete("pods", "default", "web-b");

            assertThat(cluster.get("ep", "default", "web").orElseThrow().json().has("subsets")).isFalse();
            assertThat(spread(cluster, "http://web/", 20)).as("serving and terminating: the last resort")
                    .containsOnlyKeys("web-a", "web-b");

            cluster.advance(Duration.ofSeconds(15));

            assertThat(cluster.list("endpointslices", "default", "kubernetes.io/service-name=web").get(0)
                    .json().path("endpoints")).isEmpty();
            assertThatThrownBy(() -> cluster.http().get("http://web/"))
                    .isInstanceOf(ConnectionFailedException.class)
                    .hasMessageMatching("dial tcp 10\\.1\\.\\d+\\.\\d+:80: connect: connection refused");
        }
    }

    @Test
    void aDeadNodesPodsTimeOutUntilTheyAreMarkedNotReadyThenTrafficAvoidsThem() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(HTTPD);
            cluster.advance(Duration.ofSeconds(10));
            Set<String> onNode3 = new HashSet<>();
            cluster.list("pods", "default", "run=httpd").forEach(p -> {
                if (p.field("spec.nodeName").orElseThrow().equals("node3")) {
                    onNode3.add(p.field("status.podIP").orElseThrow());
                }
            });
            assertThat(onNode3).isNotEmpty();

            cluster.node("node3").kill();
            int timedOut = 0;
            for (int i = 0; i < 30; i++) {
                try {
                    cluster.http().get("http://httpd-svc:8080/");
                } catch (ConnectionFailedException e) {
                    assertThat(e.reason()).isEqualTo(ConnectionFailedException.Reason.TIMED_OUT);
                    assertThat(e).hasMessageEndingWith(":8080: i/o timeout");
                    timedOut++;
                }
            }
            assertThat(timedOut).isPositive();

            cluster.advance(Duration.ofSeconds(60));

            Resource ep = cluster.get("ep", "default", "httpd-svc").orElseThrow();
            assertThat(addresses(ep, "notReadyAddresses")).containsExactlyInAnyOrderElementsOf(onNode3);
            for (int i = 0; i < 30; i++) {
                assertThat(cluster.http().get("http://httpd-svc:8080/").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aRollingUpdateWithAReadinessProbeLosesNoRequest() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(HTTPD.replace("ports: [{containerPort: 80}]}]",
                    "ports: [{containerPort: 80}], readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 1}}]"));
            cluster.advance(Duration.ofSeconds(10));

            cluster.setImage("default", "httpd", "httpd", "httpd:2.4");
            int sent = 0;
            for (int second = 0; second < 60; second++) {
                for (int i = 0; i < 10; i++) {
                    assertThat(cluster.http().get("http://httpd-svc:8080/").status()).isEqualTo(200);
                    sent++;
                }
                cluster.advance(Duration.ofSeconds(1));
            }

            assertThat(sent).isEqualTo(600);
            Set<String> newPods = new HashSet<>();
            cluster.list("pods", "default", "run=httpd").forEach(p -> newPods.add(p.name()));
            assertThat(cluster.list("pods", "default", "run=httpd"))
                    .allSatisfy(p -> assertThat(p.field("spec.containers[0].image")).contains("httpd:2.4"));
            assertThat(spread(cluster, "http://httpd-svc:8080/", 30).keySet()).isSubsetOf(newPods);
        }
    }

    @Test
    void theSameSeedSendsTheSameRequestsToTheSamePods() {
        List<String> first = sequence(7);

        assertThat(sequence(7)).isEqualTo(first);
        assertThat(new HashSet<>(first)).hasSize(3);
    }

    private static List<String> sequence(long seed) {
        try (Cluster cluster = Cluster.builder().seed(seed).build()) {
            cluster.apply(HTTPD);
            cluster.advance(Duration.ofSeconds(10));
            List<String> pods = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                pods.add(cluster.http().get("http://httpd-svc:8080/").pod());
            }
            return pods;
        }
    }

    @Test
    void roundRobinSpreadsRequestsExactlyEvenlyInAddressOrder() {
        try (Cluster cluster = Cluster.builder().loadBalancing(LoadBalancing.ROUND_ROBIN).build()) {
            cluster.apply(HTTPD);
            cluster.advance(Duration.ofSeconds(10));

            List<String> answered = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answered.add(cluster.http().get("http://httpd-svc:8080/").pod());
            }

            assertThat(new HashSet<>(answered)).hasSize(3);
            for (int i = 3; i < 30; i++) {
                assertThat(answered.get(i)).isEqualTo(answered.get(i - 3));
            }
            List<String> byAddress = cluster.list("pods", "default", "run=httpd").stream()
                    .sorted(java.util.Comparator.comparing(p -> p.field("status.podIP").orElseThrow()))
                    .map(Resource::name).toList();
            assertThat(answered.subList(0, 3)).isEqualTo(byAddress);
        }
    }

    @Test
    void clientIpAffinityKeepsEachClientOnOnePodUntilThatPodLeaves() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(HTTPD.replace("ports: [{port: 8080, targetPort: 80}]",
                    "ports: [{port: 8080, targetPort: 80}]\n  sessionAffinity: ClientIP"));
            cluster.advance(Duration.ofSeconds(10));
            assertThat(cluster.get("svc", "default", "httpd-svc").orElseThrow()
                    .field("spec.sessionAffinityConfig.clientIP.timeoutSeconds")).contains("10800");
            ClusterHttp alice = cluster.http().from("10.0.0.1");

            String pod = alice.get("http://httpd-svc:8080/").pod();
            for (int i = 0; i < 20; i++) {
                assertThat(alice.get("http://httpd-svc:8080/").pod()).isEqualTo(pod);
            }
            Set<String> others = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                others.add(cluster.http().from("10.0.1." + i).get("http://httpd-svc:8080/").pod());
            }
            assertThat(others).hasSizeGreaterThan(1);

            cluster.delete("pods", "default", pod);

            String next = alice.get("http://httpd-svc:8080/").pod();
            assertThat(next).isNotEqualTo(pod);
            assertThat(alice.get("http://httpd-svc:8080/").pod()).isEqualTo(next);
        }
    }

    @Test
    void aLoadBalancerGetsAnAddressFromThePoolAfterTheDelayAndRoutesLikeTheService() {
        try (Cluster cluster = Cluster.builder().loadBalancers("192.168.1.240-192.168.1.241", Duration.ofSeconds(3)).build()) {
            cluster.apply(HTTPD_LB);
            Resource svc = cluster.get("svc", "default", "httpd-svc").orElseThrow();
            assertThat(svc.field("spec.ports[0].nodePort")).isPresent();
            assertThat(svc.field("spec.allocateLoadBalancerNodePorts")).contains("true");
            assertThat(cluster.table("svc", "default")).contains("LoadBalancer", "<pending>");

            cluster.advance(Duration.ofSeconds(3));

            svc = cluster.get("svc", "default", "httpd-svc").orElseThrow();
            assertThat(svc.field("status.loadBalancer.ingress[0].ip")).contains("192.168.1.240");
            assertThat(svc.field("status.loadBalancer.ingress[0].ipMode")).contains("VIP");
            assertThat(cluster.table("svc", "default")).contains("192.168.1.240");
            assertThat(cluster.http().get("http://192.168.1.240:8080/").status()).isEqualTo(200);
            assertThat(cluster.events("default")).extracting(e -> e.field("reason").orElseThrow())
                    .contains("EnsuringLoadBalancer", "EnsuredLoadBalancer");

            cluster.apply(HTTPD.replace("spec:\n  selector: {run: httpd}", "spec:\n  type: ClusterIP\n  selector: {run: httpd}"));

            svc = cluster.get("svc", "default", "httpd-svc").orElseThrow();
            assertThat(svc.json().path("status").path("loadBalancer").has("ingress")).isFalse();
            assertThat(svc.field("spec.ports[0].nodePort")).isEmpty();
            assertThatThrownBy(() -> cluster.http().get("http://192.168.1.240:8080/"))
                    .isInstanceOf(ConnectionFailedException.class).hasMessage("dial tcp 192.168.1.240:8080: i/o timeout");
        }
    }

    @Test
    void withoutAPoolALoadBalancerStaysPending() {
        try (Cluster cluster = Cluster.builder().loadBalancers(null, Duration.ZERO).build()) {
            cluster.apply(HTTPD_LB);
            cluster.advance(Duration.ofMinutes(5));

            assertThat(cluster.table("svc", "default")).contains("<pending>");
        }
    }

    @Test
    void methodHeadersAndBodyReachTheContainerAndItsHeadersComeBack() {
        ContainerBehaviour echo = ContainerBehaviour.httpServer(r -> new Reply(201,
                Map.of("X-Echo", r.headers().getOrDefault("X-Token", "?")),
                r.method() + " " + r.path() + " " + r.body() + " host=" + r.headers().get("Host")));
        try (Cluster cluster = Cluster.builder().image("echo", echo).build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: echo, namespace: kube-public, labels: {app: echo}}
                    spec: {containers: [{name: echo, image: echo, ports: [{name: http, containerPort: 9000}]}]}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: echo, namespace: kube-public}
                    spec: {selector: {app: echo}, ports: [{port: 80, targetPort: http}]}
                    """);
            cluster.advance(Duration.ofSeconds(5));

            Reply reply = cluster.http().inNamespace("kube-public")
                    .send("POST", "http://echo/items?x=1", Map.of("X-Token", "abc"), "{\"a\":1}");

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.body()).isEqualTo("POST /items?x=1 {\"a\":1} host=echo");
            assertThat(reply.headers()).containsEntry("X-Echo", "abc");
            assertThat(reply.pod()).isEqualTo("echo");
        }
    }

    @Test
    void aNodesAddressAlsoReachesItsHostNetworkAndHostPortPods() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: exporter}
                    spec:
                      nodeName: node2
                      hostNetwork: true
                      containers: [{name: c, image: prom/node-exporter, ports: [{containerPort: 9100}]}]
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web}
                    spec:
                      nodeName: node3
                      containers: [{name: c, image: httpd, ports: [{containerPort: 80, hostPort: 8081}]}]
                    """);
            cluster.advance(Duration.ofSeconds(5));

            assertThat(cluster.http().get("http://192.168.1.32:9100/metrics").pod()).isEqualTo("exporter");
            assertThat(cluster.http().get("http://node3:8081/").body()).isEqualTo(ServiceTutorialTest.IT_WORKS);
            assertThatThrownBy(() -> cluster.http().get("http://node3:8082/"))
                    .hasMessage("dial tcp 192.168.1.33:8082: connect: connection refused");
        }
    }

    @Test
    void internalTrafficPolicyLocalKeepsAPodsRequestsOnItsOwnNode() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(HTTPD.replace("replicas: 3", "replicas: 1")
                    .replace("spec:\n  selector: {run: httpd}", "spec:\n  internalTrafficPolicy: Local\n  selector: {run: httpd}"));
            cluster.advance(Duration.ofSeconds(10));
            String httpdNode = cluster.list("pods", "default", "run=httpd").get(0).field("spec.nodeName").orElseThrow();
            String otherNode = httpdNode.equals("node2") ? "node3" : "node2";
            for (String node : List.of(httpdNode, otherNode)) {
                cluster.apply("""
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: client-on-%s}
                        spec:
                          nodeName: %s
                          containers: [{name: sh, image: busybox, command: [sleep, "3600"]}]
                        """.formatted(node, node));
            }
            cluster.advance(Duration.ofSeconds(5));

            assertThat(cluster.http().fromPod("default", "client-on-" + httpdNode).get("http://httpd-svc:8080/").status())
                    .isEqualTo(200);
            assertThatThrownBy(() -> cluster.http().fromPod("default", "client-on-" + otherNode).get("http://httpd-svc:8080/"))
                    .as("no endpoint on the client's node: dropped").hasMessageEndingWith(":8080: i/o timeout");
        }
    }

    @Test
    void connectionsFailAsARealClientsWould() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(HTTPD.replace("replicas: 3", "replicas: 1"));
            cluster.apply("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: nobody}
                    spec: {selector: {run: nobody}, ports: [{port: 80}]}
                    """);
            cluster.advance(Duration.ofSeconds(10));
            String podIp = cluster.list("pods", "default", "run=httpd").get(0).field("status.podIP").orElseThrow();
            String nobodyIp = cluster.get("svc", "default", "nobody").orElseThrow().field("spec.clusterIP").orElseThrow();

            assertThatThrownBy(() -> cluster.http().get("http://nobody/"))
                    .hasMessage("dial tcp " + nobodyIp + ":80: connect: connection refused");
            assertThatThrownBy(() -> cluster.http().get("http://" + podIp + ":81/"))
                    .hasMessage("dial tcp " + podIp + ":81: connect: connection refused");
            assertThatThrownBy(() -> cluster.http().get("http://node2:31999/"))
                    .hasMessage("dial tcp 192.168.1.32:31999: connect: connection refused");
            assertThatThrownBy(() -> cluster.http().get("http://10.9.9.9/"))
                    .hasMessage("dial tcp 10.9.9.9:80: i/o timeout");
            assertThatThrownBy(() -> cluster.http().get("https://httpd-svc:8080/"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(cluster.http().get("http://" + podIp + "/nope").status()).isEqualTo(404);
        }
    }
}
