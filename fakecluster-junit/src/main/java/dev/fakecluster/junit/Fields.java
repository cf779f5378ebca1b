package dev.fakecluster.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reading the status fields the assertions check. */
final class Fields {

    /** The annotation that numbers a Deployment's revisions on it and on its ReplicaSets. */
    static final String REVISION = "deployment.kubernetes.io/revision";

    private Fields() {
    }

    /** One entry of {@code status.conditions}. */
    record Condition(String status, String reason, String message) {

        boolean isTrue() {
            return "True".equals(status);
        }

        /** {@code True}, {@code False (Reason: message)} and the like, for a failure message. */
        String describe() {
            String why = reason.isEmpty() ? message : message.isEmpty() ? reason : reason + ": " + message;
            return why.isEmpty() ? status : status + " (" + why + ")";
        }
    }

    /** A numeric field, 0 when absent (as Kubernetes omits zero counts from status). */
    static long number(Resource r, String path) {
        return Long.parseLong(r.field(path).orElse("0"));
    }

    /** The status condition of a type, if the object has one. */
    static Optional<Condition> condition(Resource r, String type) {
        for (int i = 0; ; i++) {
            String at = "status.conditions[" + i + "].";
            Optional<String> t = r.field(at + "type");
            if (t.isEmpty()) {
                return Optional.empty();
            }
            if (t.get().equals(type)) {
                return Optional.of(new Condition(r.field(at + "status").orElse(""), r.field(at + "reason").orElse(""),
                        r.field(at + "message").orElse("")));
            }
        }
    }

    /** {@code namespace/name}, or the name for cluster-scoped objects. */
    static String id(Resource r) {
        return r.namespace().isEmpty() ? r.name() : r.namespace() + "/" + r.name();
    }

    /** The images of a pod template's containers ({@code spec.template.spec.containers[*].image}), in order. */
    /** What the pod template's containers run instead of {@code image}, or empty when one runs it. */
    static Optional<String> imageMissing(Resource workload, String image) {
        List<String> images = templateImages(workload);
        return images.contains(image) ? Optional.empty() : Optional.of("its containers run " + String.join(", ", images));
    }

    static List<String> templateImages(Resource r) {
        List<String> images = new ArrayList<>();
        for (int i = 0; r.field("spec.template.spec.containers[" + i + "].name").isPresent(); i++) {
            images.add(r.field("spec.template.spec.containers[" + i + "].image").orElse(""));
        }
        return images;
    }

    /** The controlling owner as {@code Kind/name}, e.g. {@code Deployment/web}, if there is one. */
    static Optional<String> controller(Resource r) {
        for (JsonNode owner : r.json().path("metadata").path("ownerReferences")) {
            if (owner.path("controller").asBoolean()) {
                return Optional.of(owner.path("kind").asText() + "/" + owner.path("name").asText());
            }
        }
        return Optional.empty();
    }

    /** The pods a Service's selector picks in its namespace; none for a Service without a selector. */
    static List<Resource> selectedPods(Cluster cluster, Resource service) {
        JsonNode selector = service.json().path("spec").path("selector");
        if (selector.isEmpty()) {
            return List.of();
        }
        String labels = selector.properties().stream().map(e -> e.getKey() + "=" + e.getValue().asText())
                .collect(Collectors.joining(","));
        return cluster.list("pods", service.namespace(), labels);
    }

    /**
     * The pods behind a Service's ready endpoints, by name and sorted, read from its EndpointSlices
     * (what kube-proxy routes by); an endpoint without a {@code ready} condition counts as ready, as
     * the EndpointSlice API says consumers should take an unknown state.
     */
    static TreeSet<String> readyEndpointPods(Cluster cluster, Resource service) {
        TreeSet<String> pods = new TreeSet<>();
        for (Resource slice : cluster.list("endpointslices", service.namespace(),
                "kubernetes.io/service-name=" + service.name())) {
            for (JsonNode endpoint : slice.json().path("endpoints")) {
                if (endpoint.path("conditions").path("ready").asBoolean(true)) {
                    pods.add(endpoint.path("targetRef").path("name").asText(endpoint.path("addresses").path(0).asText()));
                }
            }
        }
        return pods;
    }

    /**
     * A column of an object's row in {@code kubectl get} (the STATUS of a pod, say), read from the
     * table of its namespace; empty when the object is gone.
     */
    static Optional<String> column(Cluster cluster, String kind, Resource object, String header) {
        List<String[]> rows = TextTable.cells(cluster.table(kind, object.namespace()));
        if (rows.size() == 1) {
            return Optional.empty(); // "No resources found in <namespace> namespace."
        }
        int at = Arrays.asList(rows.get(0)).indexOf(header);
        if (at < 0) {
            throw new IllegalArgumentException("kubectl get " + kind + " has no " + header + " column");
        }
        return rows.stream().skip(1).filter(cells -> cells[0].equals(object.name()) && cells.length > at)
                .map(cells -> cells[at]).findFirst();
    }

    /**
     * The events about one object, oldest first, as {@code kubectl describe} finds them: same
     * namespace, and an involvedObject of its kind, name and uid.
     */
    static List<Resource> eventsAbout(Cluster cluster, Resource object) {
        return cluster.events(object.namespace()).stream().filter(e -> e.field("involvedObject.kind").orElse("").equals(object.kind())
                && e.field("involvedObject.name").orElse("").equals(object.name())
                && e.field("involvedObject.uid").orElse("").equals(object.uid())).toList();
    }

    /** The pods bound to a node that have not finished, as {@code kubectl describe node} lists them. */
    static List<Resource> podsOn(Cluster cluster, String node) {
        return cluster.list("pods", null, null, "spec.nodeName=" + node + ",status.phase!=Succeeded,status.phase!=Failed");
    }
}
