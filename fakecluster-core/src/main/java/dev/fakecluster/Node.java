package dev.fakecluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import java.util.function.UnaryOperator;

/**
 * One node of a {@link Cluster}, with the operations an administrator performs on a real one:
 * power it off and on, cordon and drain it, label and taint it. Each returns once the control
 * plane has settled; effects that take time (a dead node turning NotReady after the 50 s grace
 * period, evictions after the pods' 300 s toleration) happen as the clock advances.
 *
 * @since 0.1
 */
public final class Node {

    private final Cluster cluster;
    private final String name;

    Node(Cluster cluster, String name) {
        this.cluster = cluster;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The Node object as stored now. */
    public Resource resource() {
        return cluster.get("nodes", null, name).orElseThrow(() -> Errors.notFound(cluster.kind("nodes"), name));
    }

    /** Stops the node's kubelet (power off): its heartbeats stop and its pods freeze where they are. */
    public Node kill() {
        cluster.killNode(name);
        return this;
    }

    /** Starts the kubelet again: it reports Ready, and pods deleted meanwhile finish terminating. Nothing moves back. */
    public Node restore() {
        cluster.restoreNode(name);
        return this;
    }

    /** Marks the node unschedulable, like {@code kubectl cordon}. */
    public Node cordon() {
        return edit(n -> {
            Json.with(n, "spec").put("unschedulable", true);
            return n;
        });
    }

    /** Makes the node schedulable again, like {@code kubectl uncordon}. */
    public Node uncordon() {
        return edit(n -> {
            Json.with(n, "spec").remove("unschedulable");
            return n;
        });
    }

    /**
     * Cordons the node and evicts its pods through the eviction rules, like
     * {@code kubectl drain --ignore-daemonsets}: DaemonSet pods stay; a pod whose eviction would
     * violate a PodDisruptionBudget is retried every 5 s of cluster time until it is allowed.
     *
     * @throws IllegalStateException like kubectl, when a pod has no controller (nothing would replace it)
     */
    public Node drain() {
        cordon();
        cluster.drainNode(name);
        return this;
    }

    /** Sets a label, like {@code kubectl label node <name> key=value --overwrite}. */
    public Node label(String key, String value) {
        return edit(n -> {
            Json.with(n, "metadata", "labels").put(key, value);
            return n;
        });
    }

    /** Removes a label, like {@code kubectl label node <name> key-}. */
    public Node unlabel(String key) {
        return edit(n -> {
            ObjectNode labels = Json.objectAt(n, "metadata", "labels");
            if (labels != null) {
                labels.remove(key);
            }
            return n;
        });
    }

    /**
     * Adds a taint given as kubectl writes it: {@code key=value:Effect} or {@code key:Effect}.
     *
     * @throws IllegalArgumentException for a malformed spec, or when the node already has a taint
     *     with that key and effect
     */
    public Node taint(String spec) {
        ObjectNode taint = parseTaint(spec);
        if (taint.path("effect").asText().equals("NoExecute")) {
            taint.put("timeAdded", Json.time(cluster.now()));
        }
        return edit(n -> {
            ArrayNode taints = Json.with(n, "spec").withArray("taints");
            for (JsonNode t : taints) {
                if (t.path("key").asText().equals(taint.path("key").asText())
                        && t.path("effect").asText().equals(taint.path("effect").asText())) {
                    throw new IllegalArgumentException("node " + name + " already has " + taint.path("key").asText()
                            + " taint(s) with same effect(s) and --overwrite is false");
                }
            }
            taints.add(taint);
            return n;
        });
    }

    /** Removes every taint with {@code key}, like {@code kubectl taint node <name> key-}. */
    public Node untaint(String key) {
        return edit(n -> {
            ArrayNode taints = Json.arrayAt(n, "spec", "taints");
            boolean found = false;
            for (int i = taints.size() - 1; i >= 0; i--) {
                if (key.equals(taints.get(i).path("key").asText())) {
                    taints.remove(i);
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("taint \"" + key + "\" not found");
            }
            if (taints.isEmpty()) {
                Json.with(n, "spec").remove("taints");
            }
            return n;
        });
    }

    static ObjectNode parseTaint(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || spec.contains(" ")) {
            throw new IllegalArgumentException("invalid taint spec: " + spec);
        }
        String effect = spec.substring(colon + 1);
        if (!effect.equals("NoSchedule") && !effect.equals("PreferNoSchedule") && !effect.equals("NoExecute")) {
            throw new IllegalArgumentException("invalid taint spec: " + spec + ", unsupported taint effect " + effect);
        }
        String kv = spec.substring(0, colon);
        int eq = kv.indexOf('=');
        ObjectNode taint = Json.object().put("key", eq < 0 ? kv : kv.substring(0, eq));
        if (eq >= 0 && eq < kv.length() - 1) {
            taint.put("value", kv.substring(eq + 1));
        }
        taint.put("effect", effect);
        return taint;
    }

    private Node edit(UnaryOperator<ObjectNode> change) {
        cluster.editNode(name, change);
        return this;
    }

    @Override
    public String toString() {
        return "Node[" + name + "]";
    }
}
