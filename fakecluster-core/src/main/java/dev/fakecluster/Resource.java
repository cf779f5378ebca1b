package dev.fakecluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of one API object, exactly as the API server would serve it.
 *
 * @since 0.1
 */
public final class Resource {

    private final ObjectNode json;

    Resource(ObjectNode json) {
        this.json = json;
    }

    public String kind() {
        return json.path("kind").asText();
    }

    public String apiVersion() {
        return json.path("apiVersion").asText();
    }

    /** The namespace, or "" for cluster-scoped objects. */
    public String namespace() {
        return json.path("metadata").path("namespace").asText("");
    }

    public String name() {
        return json.path("metadata").path("name").asText();
    }

    public String uid() {
        return json.path("metadata").path("uid").asText();
    }

    public String resourceVersion() {
        return json.path("metadata").path("resourceVersion").asText();
    }

    /** {@code metadata.generation}, or 0 for kinds that do not track it. */
    public long generation() {
        return json.path("metadata").path("generation").asLong(0);
    }

    public Instant creationTimestamp() {
        return Instant.parse(json.path("metadata").path("creationTimestamp").asText());
    }

    /** When a pending deletion completes at the latest, if the object is being deleted. */
    public Optional<Instant> deletionTimestamp() {
        return field("metadata.deletionTimestamp").map(Instant::parse);
    }

    public Map<String, String> labels() {
        return Json.stringMap(json, "metadata", "labels");
    }

    public Map<String, String> annotations() {
        return Json.stringMap(json, "metadata", "annotations");
    }

    /**
     * A scalar field by dotted path with optional list indexes, e.g. {@code spec.replicas},
     * {@code status.phase}, {@code spec.containers[0].image}; empty when absent or not a scalar.
     */
    public Optional<String> field(String path) {
        JsonNode n = json;
        for (String step : path.split("\\.")) {
            int bracket = step.indexOf('[');
            String name = bracket < 0 ? step : step.substring(0, bracket);
            if (!name.isEmpty()) {
                n = n.path(name);
            }
            while (bracket >= 0) {
                int close = step.indexOf(']', bracket);
                n = n.path(Integer.parseInt(step.substring(bracket + 1, close)));
                bracket = step.indexOf('[', close);
            }
        }
        return n.isMissingNode() || n.isNull() || n.isContainerNode() ? Optional.empty() : Optional.of(n.asText());
    }

    /** A deep copy of the object's JSON tree, free to change. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** The object as compact JSON. */
    public String toJson() {
        return Json.write(json);
    }

    /** The object as indented JSON. */
    public String toPrettyJson() {
        return Json.writePretty(json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && r.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        String ns = namespace();
        return kind() + " " + (ns.isEmpty() ? "" : ns + "/") + name() + " (resourceVersion " + resourceVersion() + ")";
    }
}
