package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.ConnectionFailedException;
import dev.fakecluster.Reply;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.Evidence.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Service: its type and addresses, its ready endpoints, and the traffic it routes.
 * Get one from {@code assertThat(cluster).hasService(namespace, name)} or
 * {@code assertThat(resource).asService()}.
 *
 * @since 0.1
 */
public final class ServiceAssert extends AbstractAssert<ServiceAssert, Resource> {

    private final Cluster cluster;

    ServiceAssert(Resource actual, Cluster cluster) {
        super(actual, ServiceAssert.class);
        this.cluster = cluster;
    }

    /**
     * Checks {@code spec.type}: ClusterIP (the default), NodePort, LoadBalancer or ExternalName.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").hasType("NodePort");
     * }</pre>
     */
    public ServiceAssert hasType(String expected) {
        isNotNull();
        String type = actual.field("spec.type").orElse("ClusterIP");
        if (!type.equals(expected)) {
            fail("be of type " + expected, "it is of type " + type);
        }
        return myself;
    }

    /**
     * Checks that the API server allocated it a ClusterIP (not a headless Service, not ExternalName).
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").hasClusterIP();
     * }</pre>
     */
    public ServiceAssert hasClusterIP() {
        isNotNull();
        Optional<String> ip = actual.field("spec.clusterIP").filter(s -> !s.isEmpty());
        if (ip.isEmpty() || ip.get().equals("None")) {
            fail("have a cluster IP", ip.isEmpty() ? "it has none" : "it is headless (clusterIP: None)");
        }
        return myself;
    }

    /**
     * Checks that one of its ports has this node port.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").hasNodePort(30000);
     * }</pre>
     */
    public ServiceAssert hasNodePort(int expected) {
        isNotNull();
        List<Integer> nodePorts = nodePorts();
        if (!nodePorts.contains(expected)) {
            fail("have node port " + expected, foundNodePorts(nodePorts));
        }
        return myself;
    }

    /**
     * Checks that it has node ports and every one is within {@code [from, to]}, e.g. the API
     * server's default range 30000-32767.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").hasNodePortInRange(30000, 32767);
     * }</pre>
     */
    public ServiceAssert hasNodePortInRange(int from, int to) {
        isNotNull();
        List<Integer> nodePorts = nodePorts();
        if (nodePorts.isEmpty() || nodePorts.stream().anyMatch(p -> p < from || p > to)) {
            fail("have node ports in " + from + "-" + to, foundNodePorts(nodePorts));
        }
        return myself;
    }

    /**
     * Checks that its ready endpoints are exactly these pods, read from its EndpointSlices as
     * kube-proxy reads them: a pod that is not ready, or not selected, must not be there.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").hasEndpointsFor(cluster.list("pods", "default", "run=httpd"));
     * }</pre>
     */
    public ServiceAssert hasEndpointsFor(List<Resource> pods) {
        return hasEndpointsFor(pods.stream().map(Resource::name).toArray(String[]::new));
    }

    /**
     * Checks that its ready endpoints are exactly the pods of these names.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "readiness-svc").hasEndpointsFor("readiness");   // fails once the probe fails
     * }</pre>
     */
    public ServiceAssert hasEndpointsFor(String... podNames) {
        isNotNull();
        TreeSet<String> expected = new TreeSet<>(Arrays.asList(podNames));
        TreeSet<String> found = readyEndpointPods();
        if (!found.equals(expected)) {
            List<String> missing = expected.stream().filter(p -> !found.contains(p)).toList();
            List<String> unexpected = found.stream().filter(p -> !expected.contains(p)).toList();
            String difference = (missing.isEmpty() ? "" : "missing " + String.join(", ", missing))
                    + (missing.isEmpty() || unexpected.isEmpty() ? "" : "; ")
                    + (unexpected.isEmpty() ? "" : "unexpected " + String.join(", ", unexpected));
            fail("have ready endpoints for " + (expected.isEmpty() ? "no pods" : "exactly " + String.join(", ", expected)),
                    (found.isEmpty() ? "it has none" : "they are for " + String.join(", ", found)) + " (" + difference + ")");
        }
        return myself;
    }

    /**
     * Checks how many pods back its ready endpoints.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").hasReadyEndpointCount(3);
     * }</pre>
     */
    public ServiceAssert hasReadyEndpointCount(int expected) {
        isNotNull();
        TreeSet<String> found = readyEndpointPods();
        if (found.size() != expected) {
            fail("have " + expected + " ready endpoints", found.isEmpty() ? "it has none"
                    : "it has " + found.size() + ": " + String.join(", ", found));
        }
        return myself;
    }

    /**
     * Sends {@code requests} GETs for {@code path} to its first port through {@code cluster.http()},
     * as a pod in the cluster would send them, and checks that none failed (every one answered, none
     * with a 5xx status); continue with {@link RoutingAssert#acrossAtLeast(int)} and the like.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").routes(30, "/").acrossAtLeast(3);
     * }</pre>
     */
    public RoutingAssert routes(int requests, String path) {
        isNotNull();
        Optional<String> port = actual.field("spec.ports[0].port");
        if (port.isEmpty()) {
            fail("route requests", "it has no ports");
        }
        return routes(requests, Integer.parseInt(port.orElseThrow()), path);
    }

    /**
     * Like {@link #routes(int, String)}, to one of its ports.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "web").routes(10, 8443, "/health").allWithStatus(200);
     * }</pre>
     */
    public RoutingAssert routes(int requests, int port, String path) {
        isNotNull();
        if (requests < 1) {
            throw new IllegalArgumentException("send at least one request; got " + requests);
        }
        Cluster c = ResourceAssert.requireCluster(cluster, "routing", "assertThat(cluster).hasService(namespace, name)");
        String url = "http://" + actual.name() + "." + actual.namespace() + ":" + port + (path.startsWith("/") ? "" : "/") + path;
        List<Reply> replies = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < requests; i++) {
            try {
                Reply reply = c.http().get(url);
                replies.add(reply);
                outcomes.add(Outcome.of(reply));
                failed += reply.status() >= 500 ? 1 : 0;
            } catch (ConnectionFailedException e) {
                outcomes.add(Outcome.failed(e));
                failed++;
            }
        }
        if (failed > 0) {
            failWithMessage("Expecting the %d requests to %s to be answered without failing,%nbut %d failed.%s%s",
                    requests, url, failed, Evidence.outcomes(outcomes), Evidence.service(c, actual));
        }
        RoutingAssert next = new RoutingAssert(replies, url, c, actual);
        return info.hasDescription() ? next.as(info.description()) : next;
    }

    private List<Integer> nodePorts() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; actual.field("spec.ports[" + i + "].port").isPresent(); i++) {
            actual.field("spec.ports[" + i + "].nodePort").map(Integer::parseInt).ifPresent(ports::add);
        }
        return ports;
    }

    private static String foundNodePorts(List<Integer> nodePorts) {
        return nodePorts.isEmpty() ? "it has none"
                : "its node ports are " + String.join(", ", nodePorts.stream().map(String::valueOf).toList());
    }

    private TreeSet<String> readyEndpointPods() {
        return Fields.readyEndpointPods(ResourceAssert.requireCluster(cluster, "endpoints",
                "assertThat(cluster).hasService(namespace, name)"), actual);
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting service %s to %s,%nbut %s.%s", Fields.id(actual), expectation, found,
                Evidence.service(cluster, actual));
    }

    /**
     * Goes back to the cluster, to check other objects or events in the same chain.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "web").hasReadyEndpointCount(3).returnToCluster().hasNode("node2").isReady();
     * }</pre>
     */
    public ClusterAssert returnToCluster() {
        return ResourceAssert.backToCluster(cluster, info, "service", "assertThat(cluster).hasService(namespace, name)");
    }
}
