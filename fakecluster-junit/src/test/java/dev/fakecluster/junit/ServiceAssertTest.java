package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** httpd.yaml: three httpd pods behind httpd-svc, a NodePort Service on 8080. */
@FakeCluster(manifests = "manifests/httpd.yaml")
class ServiceAssertTest {

    @Test
    void aServiceWithReadyPodsPassesEveryCheck(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster).hasService("default", "httpd-svc").hasType("NodePort").hasClusterIP()
                .hasNodePortInRange(30000, 32767).hasReadyEndpointCount(3)
                .hasEndpointsFor(cluster.list("pods", "default", "run=httpd"))
                .routes(30, "/").acrossAtLeast(3).allWithStatus(200).allAnsweredByPodsStartingWith("httpd-");
        assertThat(cluster).hasService("default", "kubernetes").hasType("ClusterIP").hasClusterIP();
    }

    @Test
    void typeClusterIpAndNodePortFailuresNameWhatTheServiceHas(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").hasType("LoadBalancer"))
                .hasMessage("""
                        Expecting service default/httpd-svc to be of type LoadBalancer,
                        but it is of type NodePort.

                        NAME        TYPE       CLUSTER-IP    EXTERNAL-IP   PORT(S)          AGE
                        httpd-svc   NodePort   10.1.222.32   <none>        8080:30456/TCP   0s

                        NAME        ENDPOINTS   AGE
                        httpd-svc   <none>      0s

                        NAME              ADDRESSTYPE   PORTS     ENDPOINTS   AGE
                        httpd-svc-g65qx   IPv4          <unset>   <unset>     0s

                        NAME                     READY   STATUS              RESTARTS   AGE
                        httpd-665878579c-bdrwd   0/1     ContainerCreating   0          0s
                        httpd-665878579c-r7qbb   0/1     ContainerCreating   0          0s
                        httpd-665878579c-x5bmk   0/1     ContainerCreating   0          0s""");
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").hasNodePort(30000))
                .hasMessageStartingWith("Expecting service default/httpd-svc to have node port 30000,\n"
                        + "but its node ports are 30456.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").hasNodePortInRange(30000, 30100))
                .hasMessageStartingWith("Expecting service default/httpd-svc to have node ports in 30000-30100,\n"
                        + "but its node ports are 30456.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "kubernetes").hasNodePort(30000))
                .hasMessageStartingWith("Expecting service default/kubernetes to have node port 30000,\nbut it has none.\n");
    }

    @Test
    void endpointsFollowReadiness(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").hasReadyEndpointCount(3))
                .hasMessageStartingWith("Expecting service default/httpd-svc to have 3 ready endpoints,\nbut it has none.\n");

        cluster.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc")
                .hasEndpointsFor("httpd-665878579c-bdrwd", "httpd-665878579c-xxxxx"))
                .hasMessage("""
                        Expecting service default/httpd-svc to have ready endpoints for exactly \
                        httpd-665878579c-bdrwd, httpd-665878579c-xxxxx,
                        but they are for httpd-665878579c-bdrwd, httpd-665878579c-r7qbb, httpd-665878579c-x5bmk \
                        (missing httpd-665878579c-xxxxx; unexpected httpd-665878579c-r7qbb, httpd-665878579c-x5bmk).

                        NAME        TYPE       CLUSTER-IP    EXTERNAL-IP   PORT(S)          AGE
                        httpd-svc   NodePort   10.1.222.32   <none>        8080:30456/TCP   10s

                        NAME        ENDPOINTS                                   AGE
                        httpd-svc   10.244.1.1:80,10.244.2.1:80,10.244.2.2:80   10s

                        NAME              ADDRESSTYPE   PORTS   ENDPOINTS                          AGE
                        httpd-svc-g65qx   IPv4          80      10.244.2.1,10.244.2.2,10.244.1.1   10s

                        NAME                     READY   STATUS    RESTARTS   AGE
                        httpd-665878579c-bdrwd   1/1     Running   0          10s
                        httpd-665878579c-r7qbb   1/1     Running   0          10s
                        httpd-665878579c-x5bmk   1/1     Running   0          10s""");
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").hasReadyEndpointCount(2))
                .hasMessageStartingWith("Expecting service default/httpd-svc to have 2 ready endpoints,\n"
                        + "but it has 3: httpd-665878579c-bdrwd, httpd-665878579c-r7qbb, httpd-665878579c-x5bmk.\n");
    }

    @Test
    @FakeCluster(manifests = "manifests/readiness.yaml")
    void aPodThatFailsItsReadinessProbeLeavesTheEndpoints(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(15));
        assertThat(cluster).hasService("default", "readiness-svc").hasEndpointsFor("readiness");

        cluster.advance(Duration.ofSeconds(40));

        assertThat(cluster).hasService("default", "readiness-svc").hasEndpointsFor().hasReadyEndpointCount(0);
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "readiness-svc").hasEndpointsFor("readiness"))
                .hasMessageStartingWith("""
                        Expecting service default/readiness-svc to have ready endpoints for exactly readiness,
                        but it has none (missing readiness).
                        """);
    }

    @Test
    void routingFailsWhenNoPodIsReadyAndShowsWhatTheRequestsGot(Cluster cluster) {
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").routes(5, "/"))
                .hasMessageStartingWith("""
                        Expecting the 5 requests to http://httpd-svc.default:8080/ to be answered without failing,
                        but 5 failed.

                        POD      STATUS   REQUESTS   BODY
                        <none>   -        5          dial tcp 10.1.222.32:8080: connect: connection refused

                        NAME        TYPE       CLUSTER-IP    EXTERNAL-IP   PORT(S)          AGE
                        httpd-svc   NodePort   10.1.222.32   <none>        8080:30456/TCP   0s
                        """);
    }

    @Test
    void routingChecksNameWhatAnsweredThem(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").routes(6, "/").acrossAtLeast(4))
                .hasMessageStartingWith("""
                        Expecting the 6 requests to http://httpd-svc.default:8080/ to be answered by at least 4 pods,
                        but 3 pods answered them.

                        POD                      STATUS   REQUESTS   BODY
                        httpd-665878579c-bdrwd   200      3          <html><body><h1>It works!</h1></body></html>
                        httpd-665878579c-r7qbb   200      2          <html><body><h1>It works!</h1></body></html>
                        httpd-665878579c-x5bmk   200      1          <html><body><h1>It works!</h1></body></html>

                        NAME        TYPE       CLUSTER-IP    EXTERNAL-IP   PORT(S)          AGE
                        httpd-svc   NodePort   10.1.222.32   <none>        8080:30456/TCP   10s
                        """);
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").routes(4, 8080, "missing")
                .allWithStatus(200))
                .hasMessageStartingWith("Expecting the 4 requests to http://httpd-svc.default:8080/missing to be answered"
                        + " with status 200,\nbut 4 had another status.\n");
        assertThatThrownBy(() -> assertThat(cluster).hasService("default", "httpd-svc").routes(4, "/")
                .allAnsweredByPodsStartingWith("web-"))
                .hasMessageStartingWith("Expecting the 4 requests to http://httpd-svc.default:8080/ to be answered by pods"
                        + " starting with web-,\nbut 4 were answered by other pods.\n");
    }

    @Test
    void aServiceSnapshotChecksItsSpecButNeedsTheClusterForEndpoints(Cluster cluster) {
        var snapshot = assertThat(cluster.get("svc", "default", "httpd-svc").orElseThrow()).asService();

        snapshot.hasType("NodePort").hasNodePort(30456);
        assertThatThrownBy(() -> snapshot.hasReadyEndpointCount(3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("checking endpoints needs the cluster, which a Resource snapshot does not know:"
                        + " start from assertThat(cluster).hasService(namespace, name)");
    }
}
