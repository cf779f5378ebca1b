package dev.fakecluster.internal.daemonset;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Manifests and read-outs shared by the DaemonSet tests. */
final class DaemonSets {

    private DaemonSets() {
    }

    /**
     * An apps/v1 DaemonSet {@code name} in {@code default} whose container runs image {@code image}
     * forever, with {@code extraSpec} (indented for {@code spec:}) and {@code extraPodSpec}
     * (indented for the template's {@code spec:}) appended.
     */
    static String daemonSet(String name, String image, String extraSpec, String extraPodSpec) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: %s
                spec:
                  selector:
                    matchLabels: {app: %s}
                %s
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      containers:
                      - name: main
                        image: %s
                %s
                """.formatted(name, name, extraSpec.indent(2).stripTrailing(), name, image,
                extraPodSpec.indent(6).stripTrailing());
    }

    /** A seed manifest from the test resources. */
    static String seedManifest(String relative) {
        try {
            Path file = Path.of(DaemonSets.class.getResource("/seed/manifests/" + relative).toURI());
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DaemonSet's counts in kubectl's column order: DESIRED CURRENT READY UP-TO-DATE AVAILABLE. */
    static String columns(Cluster cluster, String name) {
        Resource ds = cluster.get("ds", "default", name).orElseThrow();
        return String.join(" ", List.of("desiredNumberScheduled", "currentNumberScheduled", "numberReady",
                "updatedNumberScheduled", "numberAvailable").stream()
                .map(f -> ds.field("status." + f).orElse("0")).toList());
    }

    /** The DaemonSet's pods by node (target node for unbound ones), each {@code name} plus " (terminating)" when deleting. */
    static Map<String, List<String>> podsByNode(Cluster cluster, String name) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Resource pod : cluster.list("pods", "default", "app=" + name)) {
            String node = pod.field("spec.nodeName").or(() -> pod.field(
                    "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                            + ".matchFields[0].values[0]")).orElse("?");
            String label = pod.name() + (pod.deletionTimestamp().isPresent() ? " (terminating)" : "");
            out.computeIfAbsent(node, n -> new ArrayList<>()).add(label);
        }
        return out;
    }

    /** The nodes that have a pod of the DaemonSet that is not terminating. */
    static List<String> nodesWithPods(Cluster cluster, String name) {
        return cluster.list("pods", "default", "app=" + name).stream()
                .filter(p -> p.deletionTimestamp().isEmpty())
                .map(p -> p.field("spec.nodeName").orElse("?")).sorted().toList();
    }

    /** The events of the DaemonSet's controller, as {@code Reason message}. */
    static List<String> controllerEvents(Cluster cluster, String name) {
        return cluster.events("default").stream()
                .filter(e -> e.field("involvedObject.kind").orElse("").equals("DaemonSet")
                        && e.field("involvedObject.name").orElse("").equals(name))
                .map(e -> e.field("reason").orElse("") + " " + e.field("message").orElse("")).toList();
    }
}
