package dev.fakecluster.internal.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pod's node constraints ({@code spec.nodeSelector} and {@code spec.affinity.nodeAffinity}) matched
 * against Node objects, as component-helpers' {@code nodeaffinity} package does: shared by the
 * scheduler and the DaemonSet controller.
 *
 * <p>Selector terms are OR'ed, the requirements inside one term AND'ed. A term with no requirement, or
 * with a malformed one (unknown operator, wrong number of values, {@code Gt}/{@code Lt} without one
 * integer, a field other than {@code metadata.name}), matches no node; the other terms still count. Parse a pod once
 * with {@link #required(JsonNode)} / {@link #preferred(JsonNode)} when matching it against many nodes.
 */
public final class NodeAffinity {

    private static final String NODE_NAME_FIELD = "metadata.name";

    private NodeAffinity() {
    }

    /** Whether {@code node} satisfies the pod's nodeSelector and required node affinity. */
    public static boolean matchesRequired(JsonNode pod, JsonNode node) {
        return required(pod).matches(node);
    }

    /** The sum of the weights of the pod's preferred node-affinity terms that {@code node} matches. */
    public static int preferredScore(JsonNode pod, JsonNode node) {
        return preferred(pod).score(node);
    }

    /** The pod's required constraints, parsed once. */
    public static Required required(JsonNode pod) {
        JsonNode affinity = Json.at(pod, "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
        boolean hasAffinity = affinity != null && affinity.isObject();
        List<Term> terms = new ArrayList<>();
        if (hasAffinity) {
            for (JsonNode t : Json.arrayAt(affinity, "nodeSelectorTerms")) {
                parseTerm(t).ifPresent(terms::add);
            }
        }
        return new Required(Json.stringMap(pod, "spec", "nodeSelector"), hasAffinity, terms);
    }

    /** The pod's preferred terms with a non-zero weight, parsed once. */
    public static Preferred preferred(JsonNode pod) {
        List<WeightedTerm> terms = new ArrayList<>();
        for (JsonNode p : Json.arrayAt(pod, "spec", "affinity", "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution")) {
            int weight = p.path("weight").asInt();
            if (weight != 0) {
                parseTerm(p.path("preference")).ifPresent(t -> terms.add(new WeightedTerm(weight, t)));
            }
        }
        return new Preferred(terms);
    }

    /**
     * The node names the required affinity is limited to by {@code matchFields metadata.name In}, as the
     * NodeAffinity PreFilter computes them: empty when some term does not pin names (all nodes may
     * match); an empty set when the pinned names of every term conflict.
     */
    static Optional<Set<String>> pinnedNodeNames(JsonNode pod) {
        JsonNode affinity = Json.at(pod, "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
        List<JsonNode> terms = new ArrayList<>();
        Json.arrayAt(affinity, "nodeSelectorTerms").forEach(terms::add);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        Set<String> union = new LinkedHashSet<>();
        for (JsonNode term : terms) {
            Set<String> names = pinnedByTerm(term);
            if (names == null) {
                return Optional.empty();
            }
            union.addAll(names);
        }
        return Optional.of(union);
    }

    /** The intersection of the term's {@code metadata.name In} values, or null when it has none. */
    private static Set<String> pinnedByTerm(JsonNode term) {
        Set<String> names = null;
        for (JsonNode r : Json.arrayAt(term, "matchFields")) {
            if (NODE_NAME_FIELD.equals(r.path("key").asText()) && "In".equals(r.path("operator").asText())) {
                Set<String> values = new LinkedHashSet<>();
                r.path("values").forEach(v -> values.add(v.asText()));
                if (names == null) {
                    names = values;
                } else {
                    names.retainAll(values);
                }
            }
        }
        return names;
    }

    private static Optional<Term> parseTerm(JsonNode term) {
        List<Requirement> labels = new ArrayList<>();
        List<Requirement> fields = new ArrayList<>();
        for (JsonNode e : Json.arrayAt(term, "matchExpressions")) {
            labels.add(Requirement.of(e));
        }
        for (JsonNode e : Json.arrayAt(term, "matchFields")) {
            fields.add(Requirement.of(e));
        }
        boolean empty = labels.isEmpty() && fields.isEmpty();
        boolean valid = labels.stream().allMatch(Requirement::validForLabels)
                && fields.stream().allMatch(Requirement::validForFields);
        return empty || !valid ? Optional.empty() : Optional.of(new Term(labels, fields));
    }

    /**
     * Required constraints.
     *
     * @param nodeSelector pairs every node label must equal
     * @param hasAffinity whether the pod has {@code requiredDuringSchedulingIgnoredDuringExecution}
     * @param terms its usable terms (OR'ed; none usable means no node matches)
     */
    public record Required(Map<String, String> nodeSelector, boolean hasAffinity, List<Term> terms) {

        public Required {
            nodeSelector = Map.copyOf(nodeSelector);
            terms = List.copyOf(terms);
        }

        /** Whether {@code node} satisfies the selector and, if present, one of the terms. */
        public boolean matches(JsonNode node) {
            JsonNode labels = node.path("metadata").path("labels");
            for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
                if (!e.getValue().equals(value(labels, e.getKey()))) {
                    return false;
                }
            }
            return !hasAffinity || anyMatches(terms, labels, node.path("metadata").path("name").asText());
        }

        private static boolean anyMatches(List<Term> terms, JsonNode labels, String nodeName) {
            for (Term t : terms) {
                if (t.matches(labels, nodeName)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Preferred terms.
     *
     * @param terms the weighted terms with non-zero weight
     */
    public record Preferred(List<WeightedTerm> terms) {

        public Preferred {
            terms = List.copyOf(terms);
        }

        /** Whether there is nothing to score. */
        public boolean isEmpty() {
            return terms.isEmpty();
        }

        /** The sum of the weights of the terms {@code node} matches. */
        public int score(JsonNode node) {
            if (terms.isEmpty()) {
                return 0;
            }
            JsonNode labels = node.path("metadata").path("labels");
            String name = node.path("metadata").path("name").asText();
            int sum = 0;
            for (WeightedTerm t : terms) {
                if (t.term().matches(labels, name)) {
                    sum += t.weight();
                }
            }
            return sum;
        }
    }

    /**
     * A preferred term with its weight.
     *
     * @param weight 1..100 (negative weights are summed as given)
     * @param term the preference
     */
    public record WeightedTerm(int weight, Term term) {
    }

    /**
     * One node selector term.
     *
     * @param labels {@code matchExpressions}, against node labels
     * @param fields {@code matchFields}, against {@code metadata.name}
     */
    public record Term(List<Requirement> labels, List<Requirement> fields) {

        public Term {
            labels = List.copyOf(labels);
            fields = List.copyOf(fields);
        }

        boolean matches(JsonNode nodeLabels, String nodeName) {
            for (Requirement r : labels) {
                if (!r.matches(value(nodeLabels, r.key()))) {
                    return false;
                }
            }
            for (Requirement r : fields) {
                if (!r.matches(nodeName)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * One requirement of a term.
     *
     * @param key label key or field path
     * @param operator In, NotIn, Exists, DoesNotExist, Gt or Lt
     * @param values operands
     */
    public record Requirement(String key, String operator, List<String> values) {

        public Requirement {
            values = List.copyOf(values);
        }

        static Requirement of(JsonNode expression) {
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            return new Requirement(expression.path("key").asText(), expression.path("operator").asText(), values);
        }

        boolean validForLabels() {
            return switch (operator) {
                case "In", "NotIn" -> !values.isEmpty();
                case "Exists", "DoesNotExist" -> values.isEmpty();
                case "Gt", "Lt" -> values.size() == 1 && parseLong(values.get(0)) != null;
                default -> false;
            };
        }

        boolean validForFields() {
            return NODE_NAME_FIELD.equals(key) && (operator.equals("In") || operator.equals("NotIn"))
                    && values.size() == 1;
        }

        /** Whether the actual value (null when the label is absent) satisfies the requirement. */
        boolean matches(String actual) {
            return switch (operator) {
                case "In" -> actual != null && values.contains(actual);
                case "NotIn" -> actual == null || !values.contains(actual);
                case "Exists" -> actual != null;
                case "DoesNotExist" -> actual == null;
                case "Gt", "Lt" -> compares(actual);
                default -> false;
            };
        }

        private boolean compares(String actual) {
            Long have = actual == null ? null : parseLong(actual);
            if (have == null) {
                return false;
            }
            long bound = parseLong(values.get(0));
            return operator.equals("Gt") ? have > bound : have < bound;
        }
    }

    private static String value(JsonNode labels, String key) {
        JsonNode v = labels.get(key);
        return v == null ? null : v.isNull() ? "" : v.asText();
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
