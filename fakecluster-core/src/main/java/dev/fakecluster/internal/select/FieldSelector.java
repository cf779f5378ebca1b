package dev.fakecluster.internal.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.kinds.KindInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed field selector ({@code status.phase=Running,spec.nodeName!=node1}): only {@code =},
 * {@code ==} and {@code !=}, and only the fields the API server indexes for the kind.
 *
 * @param requirements all must hold
 */
public record FieldSelector(List<Term> requirements) {

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
    private static final Map<String, Set<String>> BY_KIND = Map.of(
            "/Pod", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"),
            "/Node", Set.of("spec.unschedulable"),
            "/Namespace", Set.of("status.phase"),
            "/Event", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
            "/Secret", Set.of("type"),
            "apps/ReplicaSet", Set.of("status.replicas"),
            "/ReplicationController", Set.of("status.replicas"),
            "batch/Job", Set.of("status.successful"));

    /** Field labels whose value is stored under another path (the API server's field-label conversions). */
    private static final Map<String, String> PATHS = Map.of("source", "source.component",
            "status.successful", "status.succeeded");
    /** Values of absent fields, as the API server's field sets render zero values. */
    private static final Map<String, String> ZERO = Map.of("spec.unschedulable", "false", "spec.hostNetwork", "false",
            "status.successful", "0", "status.replicas", "0");

    public FieldSelector {
        requirements = List.copyOf(requirements);
    }

    /**
     * One term.
     *
     * @param field the field path
     * @param negated true for {@code !=}
     * @param value the value compared with
     */
    public record Term(String field, boolean negated, String value) {
    }

    /** Parses a field selector for a kind; null or blank selects everything. */
    public static FieldSelector parse(String text, KindInfo kind) {
        List<Term> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new FieldSelector(terms);
        }
        Set<String> allowed = BY_KIND.getOrDefault(kind.group() + "/" + kind.kind(), Set.of());
        for (String part : text.split(",")) {
            String p = part.trim();
            int ne = p.indexOf("!=");
            int eq = p.indexOf('=');
            String field;
            String value;
            boolean negated = ne >= 0;
            if (ne >= 0) {
                field = p.substring(0, ne);
                value = p.substring(ne + 2);
            } else if (eq >= 0) {
                field = p.substring(0, eq);
                value = p.substring(p.startsWith("==", eq) ? eq + 2 : eq + 1);
            } else {
                throw Errors.badRequest("invalid selector: '" + text + "'; can't understand '" + p + "'");
            }
            field = field.trim();
            if (!COMMON.contains(field) && !allowed.contains(field)) {
                throw Errors.badRequest("field label not supported: " + field);
            }
            terms.add(new Term(field, negated, value.trim()));
        }
        return new FieldSelector(terms);
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    public boolean matches(JsonNode obj) {
        for (Term t : requirements) {
            boolean equal = value(obj, t.field()).equals(t.value());
            if (equal == t.negated()) {
                return false;
            }
        }
        return true;
    }

    private static String value(JsonNode obj, String field) {
        JsonNode n = obj;
        for (String step : PATHS.getOrDefault(field, field).split("\\.")) {
            n = n.path(step);
        }
        if (n.isMissingNode() || n.isNull()) {
            return ZERO.getOrDefault(field, "");
        }
        return n.asText();
    }
}
