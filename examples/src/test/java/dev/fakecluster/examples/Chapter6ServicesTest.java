package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.manifest;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.ApiException;
import dev.fakecluster.Cluster;
import dev.fakecluster.ConnectionFailedException;
import dev.fakecluster.Reply;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chapter 6 (BEHAVIOURS.md G): three httpd pods behind the ClusterIP Service httpd-svc, reached by
 * pod address, ClusterIP, DNS name and, once it is a NodePort Service, on every node.
 */
@FakeCluster(manifests = {"httpd.ch6.yml", "httpd-service.v1-clusterip.yml"})
class Chapter6ServicesTest {

    private static final String IT_WORKS = "<html><body><h1>It works!</h1></body></html>\n";

    private String clusterIp;

    @BeforeEach
    void startThePods(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));
        clusterIp = cluster.get("svc", "default", "httpd-svc").orElseThrow().field("spec.clusterIP").orElseThrow();
    }

    @Test
    void eachPodAnswersOnItsOwnAddress(Cluster cluster) {
        // "curl 10.244.135.51 -> <html><body><h1>It works!</h1></body></html>"
        for (Resource pod : cluster.list("pods", "default", "run=httpd")) {
            Reply reply = cluster.http().get("http://" + pod.field("status.podIP").orElseThrow());

            assertThat(reply).hasStatus(200).hasBodyContaining(IT_WORKS).wasAnsweredByPodStartingWith(pod.name());
            assertThat(reply.body()).hasSize(45);
        }
    }

    @Test
    void theServiceGetsAClusterIpAndListsEveryReadyPodAtItsTargetPort(Cluster cluster) {
        // "httpd-svc ClusterIP 10.1.82.198 <none> 8080/TCP", "Endpoints: 10.244.104.15:80,10.244.135.51:80,10.244.135.52:80"
        assertThat(cluster).hasService("default", "httpd-svc").hasType("ClusterIP").hasClusterIP()
                .hasEndpointsFor(cluster.list("pods", "default", "run=httpd"));
        assertThat(cluster.table("services", "default").replaceAll(" +", " "))
                .contains("httpd-svc ClusterIP " + clusterIp + " <none> 8080/TCP");
        String endpoints = String.join(",", cluster.list("pods", "default", "run=httpd").stream()
                .map(pod -> pod.field("status.podIP").orElseThrow() + ":80").sorted().toList());
        assertThat(cluster.table("endpoints", "default")).contains("httpd-svc    " + endpoints);
    }

    @Test
    void requestsToTheServiceSpreadOverAllThreePods(Cluster cluster) {
        // the iptables rules give each endpoint 1/3 of the traffic, "similar to round-robin"
        assertThat(cluster).hasService("default", "httpd-svc").routes(30, "/")
                .allWithStatus(200).allAnsweredByPodsStartingWith("httpd-").acrossAtLeast(3);
        assertThat(cluster.http().get("http://" + clusterIp + ":8080/")).hasBodyContaining(IT_WORKS);
    }

    @Test
    void serviceNamesResolveThroughThePodsSearchPathAndAcrossNamespaces(Cluster cluster) {
        // "wget httpd-svc.default:8080 -> Connecting to httpd-svc.default:8080 (10.1.82.198:8080)"; httpd2-svc.kube-public
        cluster.apply(manifest("httpd2-svc.yml"));
        cluster.advance(Duration.ofSeconds(10));
        String clusterIp2 = cluster.get("svc", "kube-public", "httpd2-svc").orElseThrow().field("spec.clusterIP").orElseThrow();

        assertThat(cluster.dns().resolve("httpd-svc.default.svc.cluster.local")).containsExactly(clusterIp);
        assertThat(cluster.dns().resolve("httpd-svc.default")).containsExactly(clusterIp);
        assertThat(cluster.dns().resolve("httpd-svc")).containsExactly(clusterIp);     // the notes' failure was a typo
        assertThat(cluster.dns().resolve("httpd2-svc.kube-public")).containsExactly(clusterIp2);
        assertThat(cluster.http().get("http://httpd2-svc.kube-public:8080")).hasStatus(200).hasBodyContaining(IT_WORKS);
        assertThatThrownBy(() -> cluster.http().get("http://httd-svc:8080"))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessage("dial tcp: lookup httd-svc on 10.1.0.10:53: no such host");
    }

    @Test
    void turningItIntoANodePortServiceKeepsTheClusterIpAndOpensThePortOnEveryNode(Cluster cluster) {
        // "httpd-svc NodePort 10.1.82.198 <none> 8080:31775/TCP", "curl 192.168.1.32:31775" from any node
        Resource svc = cluster.apply(manifest("httpd-service.v2-nodeport.yml")).get(0);

        assertThat(cluster).hasService("default", "httpd-svc").hasType("NodePort").hasNodePortInRange(30000, 32767);
        assertThat(svc.field("spec.clusterIP")).contains(clusterIp);
        String nodePort = svc.field("spec.ports[0].nodePort").orElseThrow();
        for (String node : List.of("192.168.1.31", "192.168.1.32", "192.168.1.33", "node1", "node2", "node3")) {
            assertThat(cluster.http().get("http://" + node + ":" + nodePort)).as(node).hasStatus(200).hasBodyContaining(IT_WORKS);
        }
    }

    @Test
    void aChosenNodePortIsKeptInTheRangeAndGivenToOneServiceOnly(Cluster cluster) {
        // "nodePort: 30000" -> "httpd-svc NodePort 10.1.82.198 <none> 8080:30000/TCP"
        cluster.apply(manifest("httpd-service.v2-nodeport.yml"));
        cluster.apply(manifest("httpd-service.v3-nodeport30000.yml"));

        assertThat(cluster).hasService("default", "httpd-svc").hasNodePort(30000);
        assertThat(cluster.table("services", "default")).contains("8080:30000/TCP");
        assertThat(cluster.http().get("http://192.168.1.32:30000")).hasStatus(200).hasBodyContaining(IT_WORKS);
        String another = manifest("httpd-service.v3-nodeport30000.yml").replace("name: httpd-svc", "name: another");
        assertThatThrownBy(() -> cluster.apply(another)).isInstanceOf(ApiException.class).hasMessage(
                "Service \"another\" is invalid: spec.ports[0].nodePort: Invalid value: 30000: provided port is already allocated");
        assertThatThrownBy(() -> cluster.apply(another.replace("30000", "29999"))).hasMessageEndingWith(
                "provided port is not in the valid range. The range of valid ports is 30000-32767");
    }
}
