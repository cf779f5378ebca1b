package dev.fakecluster.examples;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the chapters share: the tutorial's manifests (under src/test/resources) and kubectl-like views. */
final class Tutorial {

    private Tutorial() {
    }

    /** A manifest of the tutorial, by its file name, to {@code cluster.apply(...)} mid-test. */
    static String manifest(String name) {
        try (InputStream in = Tutorial.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no manifest " + name + " under src/test/resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pods of a namespace that are not being deleted, matching a label selector (null: all). */
    static List<Resource> livePods(Cluster cluster, String namespace, String selector) {
        return cluster.list("pods", namespace, selector).stream().filter(p -> p.deletionTimestamp().isEmpty()).toList();
    }

    /** How many live pods each node runs, by node name: the NODE column of {@code kubectl get pods -o wide}, counted. */
    static Map<String, Long> podsPerNode(Cluster cluster, String namespace, String selector) {
        return livePods(cluster, namespace, selector).stream().collect(Collectors.groupingBy(
                p -> p.field("spec.nodeName").orElse("<none>"), TreeMap::new, Collectors.counting()));
    }

    /** The pod-template-hash of a pod: the same template always gives the same one. */
    static String hashOf(Resource pod) {
        return pod.labels().get("pod-template-hash");
    }

    /** A pod's READY, STATUS and RESTARTS columns as {@code kubectl get pods} prints them, e.g. {@code "1/1 Running 0"}. */
    static String row(Cluster cluster, String namespace, String pod) {
        for (String line : cluster.table("pods", namespace).split("\n")) {
            if (line.startsWith(pod + " ")) {
                return String.join(" ", List.of(line.trim().split("\\s+")).subList(1, 4));
            }
        }
        return "<gone>";
    }
}
