package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.json.Json;
import java.io.UncheckedIOException;

/** Pods and nodes in Kubernetes JSON shape for the scheduler tests. */
final class Fixture {

    private Fixture() {
    }

    /** Parses JSON text (single quotes allowed for readability). */
    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A worker as kubeadm registers it: 4 cpu, 8050256Ki memory, 110 pods. */
    static ObjectNode worker(String name, int index) {
        return Topology.node(name, index, false, true, java.time.Instant.EPOCH);
    }

    /** The tainted control-plane node. */
    static ObjectNode controlPlane(String name) {
        return Topology.node(name, 0, true, false, java.time.Instant.EPOCH);
    }

    /** A pod in {@code default} with one container and the given labels (key, value, ...). */
    static ObjectNode pod(String name, String... labels) {
        ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", "default");
        ObjectNode l = meta.putObject("labels");
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        pod.putObject("spec").putArray("containers").addObject().put("name", "app").put("image", "nginx");
        return pod;
    }

    /** Sets the first container's requests; null leaves a resource out. */
    static ObjectNode requests(ObjectNode pod, String cpu, String memory) {
        ObjectNode req = Json.with(firstContainer(pod), "resources", "requests");
        if (cpu != null) {
            req.put("cpu", cpu);
        }
        if (memory != null) {
            req.put("memory", memory);
        }
        return pod;
    }

    /** Adds a host port to the first container. */
    static ObjectNode hostPort(ObjectNode pod, int port, String protocol, String hostIp) {
        ObjectNode p = ((ArrayNode) firstContainer(pod).withArray("ports")).addObject()
                .put("containerPort", port).put("hostPort", port);
        if (protocol != null) {
            p.put("protocol", protocol);
        }
        if (hostIp != null) {
            p.put("hostIP", hostIp);
        }
        return pod;
    }

    /** Adds a toleration. */
    static ObjectNode tolerate(ObjectNode pod, String key, String operator, String value, String effect) {
        ObjectNode t = ((ObjectNode) pod.get("spec")).withArray("tolerations").addObject();
        putIfSet(t, "key", key);
        putIfSet(t, "operator", operator);
        putIfSet(t, "value", value);
        putIfSet(t, "effect", effect);
        return pod;
    }

    /** Adds a taint to a node. */
    static ObjectNode taint(ObjectNode node, String key, String value, String effect) {
        ObjectNode t = ((ObjectNode) node.get("spec")).withArray("taints").addObject().put("key", key);
        putIfSet(t, "value", value);
        t.put("effect", effect);
        return node;
    }

    /** Sets a node label. */
    static ObjectNode label(ObjectNode node, String key, String value) {
        Json.with(node, "metadata", "labels").put(key, value);
        return node;
    }

    private static ObjectNode firstContainer(ObjectNode pod) {
        return (ObjectNode) pod.get("spec").get("containers").get(0);
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
