package dev.fakecluster.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.Fields.Condition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Node; get one from {@code assertThat(cluster).hasNode(name)} or
 * {@code assertThat(resource).asNode()}.
 *
 * @since 0.1
 */
public final class NodeAssert extends AbstractAssert<NodeAssert, Resource> {

    private final Cluster cluster;

    NodeAssert(Resource actual, Cluster cluster) {
        super(actual, NodeAssert.class);
        this.cluster = cluster;
    }

    /**
     * Checks that condition {@code Ready} is True: its kubelet posts a healthy status.
     *
     * <pre>{@code
     * assertThat(cluster).hasNode("node2").isReady();   // passes on a fresh cluster
     * }</pre>
     */
    public NodeAssert isReady() {
        isNotNull();
        Optional<Condition> ready = Fields.condition(actual, "Ready");
        if (ready.filter(Condition::isTrue).isEmpty()) {
            fail("be ready", ready.map(r -> "its Ready condition is " + r.describe()).orElse("it has no Ready condition"));
        }
        return myself;
    }

    /**
     * Checks that condition {@code Ready} is not True: False, or Unknown once the node lifecycle
     * controller has missed its heartbeats for 50 s.
     *
     * <pre>{@code
     * cluster.node("node2").kill();
     * cluster.advance(Duration.ofSeconds(60));
     * assertThat(cluster).hasNode("node2").isNotReady();   // passes: Unknown (NodeStatusUnknown)
     * }</pre>
     */
    public NodeAssert isNotReady() {
        isNotNull();
        Optional<Condition> ready = Fields.condition(actual, "Ready");
        if (ready.filter(Condition::isTrue).isPresent()) {
            fail("not be ready", "its Ready condition is " + ready.get().describe());
        }
        return myself;
    }

    /**
     * Checks that it is not cordoned ({@code spec.unschedulable} unset): the scheduler may place new pods there.
     *
     * <pre>{@code
     * cluster.node("node2").cordon();
     * assertThat(cluster).hasNode("node2").isSchedulable();   // fails: it is cordoned
     * }</pre>
     */
    public NodeAssert isSchedulable() {
        isNotNull();
        if (cordoned()) {
            fail("be schedulable", "it is cordoned (spec.unschedulable is true)");
        }
        return myself;
    }

    /**
     * Checks that it is cordoned ({@code spec.unschedulable}), as {@code kubectl cordon} and {@code drain} leave it.
     *
     * <pre>{@code
     * cluster.node("node2").drain();
     * assertThat(cluster).hasNode("node2").isCordoned();   // passes
     * }</pre>
     */
    public NodeAssert isCordoned() {
        isNotNull();
        if (!cordoned()) {
            fail("be cordoned", "it is schedulable");
        }
        return myself;
    }

    /**
     * Checks for a taint written as kubectl writes it: {@code key}, {@code key=value},
     * {@code key:Effect} or {@code key=value:Effect}; the parts left out match anything.
     *
     * <pre>{@code
     * assertThat(cluster).hasNode("node1").hasTaint("node-role.kubernetes.io/control-plane:NoSchedule");   // passes
     * assertThat(cluster).hasNode("node2").hasTaint("node.kubernetes.io/unreachable");   // fails while it is up
     * }</pre>
     */
    public NodeAssert hasTaint(String spec) {
        isNotNull();
        int colon = spec.lastIndexOf(':');
        String keyValue = colon < 0 ? spec : spec.substring(0, colon);
        String effect = colon < 0 ? null : spec.substring(colon + 1);
        int eq = keyValue.indexOf('=');
        String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
        String value = eq < 0 ? null : keyValue.substring(eq + 1);
        List<String> taints = new ArrayList<>();
        for (JsonNode t : actual.json().path("spec").path("taints")) {
            if (t.path("key").asText().equals(key) && (value == null || t.path("value").asText().equals(value))
                    && (effect == null || t.path("effect").asText().equals(effect))) {
                return myself;
            }
            String v = t.path("value").asText();
            taints.add(t.path("key").asText() + (v.isEmpty() ? "" : "=" + v) + ":" + t.path("effect").asText());
        }
        fail("have taint " + spec, taints.isEmpty() ? "it has no taints" : "its taints are " + String.join(", ", taints));
        return myself;
    }

    /**
     * Checks a label's value.
     *
     * <pre>{@code
     * cluster.node("node2").label("disk", "ssd");
     * assertThat(cluster).hasNode("node2").hasLabel("disk", "ssd");   // passes
     * }</pre>
     */
    public NodeAssert hasLabel(String key, String value) {
        isNotNull();
        String found = actual.labels().get(key);
        if (!value.equals(found)) {
            fail("have label " + key + "=" + value, found == null ? "it has no label " + key : "its " + key + " is " + found);
        }
        return myself;
    }

    /**
     * Checks that these pods (by name, in any namespace) are bound to it and have not finished; others may run too.
     *
     * <pre>{@code
     * assertThat(cluster).hasNode("node2").runsPods("healthcheck");
     * }</pre>
     */
    public NodeAssert runsPods(String... podNames) {
        isNotNull();
        if (podNames.length == 0) {
            throw new IllegalArgumentException("name at least one pod; runsPods(0) checks that none run");
        }
        TreeSet<String> running = runningPods();
        List<String> missing = Arrays.stream(podNames).filter(p -> !running.contains(p)).toList();
        if (!missing.isEmpty()) {
            fail("run pods " + String.join(", ", podNames), "it does not run " + String.join(", ", missing)
                    + (running.isEmpty() ? "; it runs no pods" : "; it runs " + String.join(", ", running)));
        }
        return myself;
    }

    /**
     * Checks how many pods are bound to it and have not finished (those {@code kubectl describe node} lists).
     *
     * <pre>{@code
     * cluster.node("node2").drain();
     * cluster.advance(Duration.ofSeconds(35));
     * assertThat(cluster).hasNode("node2").runsPods(0);   // passes once the evicted pods are gone
     * }</pre>
     */
    public NodeAssert runsPods(int expected) {
        isNotNull();
        TreeSet<String> running = runningPods();
        if (running.size() != expected) {
            fail("run " + expected + " pods", running.isEmpty() ? "it runs none"
                    : "it runs " + running.size() + ": " + String.join(", ", running));
        }
        return myself;
    }

    private TreeSet<String> runningPods() {
        TreeSet<String> names = new TreeSet<>();
        Fields.podsOn(ResourceAssert.requireCluster(cluster, "the pods on a node", "assertThat(cluster).hasNode(name)"), actual.name())
                .forEach(p -> names.add(p.name()));
        return names;
    }

    private boolean cordoned() {
        return actual.field("spec.unschedulable").map(Boolean::parseBoolean).orElse(false);
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting node %s to %s,%nbut %s.%s", actual.name(), expectation, found,
                Evidence.node(cluster, actual));
    }

    /**
     * Goes back to the cluster, to check other objects or events in the same chain.
     *
     * <pre>{@code
     * assertThat(cluster).hasNode("node2").isNotReady().returnToCluster().hasEvent("default", "TaintManagerEviction", "");
     * }</pre>
     */
    public ClusterAssert returnToCluster() {
        return ResourceAssert.backToCluster(cluster, info, "node", "assertThat(cluster).hasNode(name)");
    }
}
