package dev.fakecluster.internal.select;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.ApiException;
import dev.fakecluster.internal.errors.Errors;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.validation.NameRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A parsed label selector: a conjunction of requirements, from the string grammar kubectl sends
 * ({@code app=web,tier!=db,env in (a,b),!canary}) or from a {@code LabelSelector} object
 * ({@code matchLabels} / {@code matchExpressions}).
 *
 * @param requirements all must hold; none means "everything"
 */
public record LabelSelector(List<Requirement> requirements) {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());
    /** Selects nothing: what an API object selector that is null selects (ReplicaSets, Services). */
    public static final LabelSelector NOTHING = new LabelSelector(
            List.of(new Requirement("", Operator.IN, List.of())));

    public LabelSelector {
        requirements = List.copyOf(requirements);
    }

    /** The selector that matches every object. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Requirement operators. */
    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    /**
     * One requirement.
     *
     * @param key label key
     * @param operator the test
     * @param values operands (one for =, !=, &gt;, &lt;; none for exists tests)
     */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case DOES_NOT_EXIST -> v == null;
                case GREATER_THAN, LESS_THAN -> compare(v);
            };
        }

        private boolean compare(String v) {
            if (v == null) {
                return false;
            }
            try {
                long actual = Long.parseLong(v);
                long bound = Long.parseLong(values.get(0));
                return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return switch (operator) {
                case EQUALS -> key + "=" + values.get(0);
                case NOT_EQUALS -> key + "!=" + values.get(0);
                case IN -> key + " in (" + String.join(",", new TreeSet<>(values)) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", new TreeSet<>(values)) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
                case GREATER_THAN -> key + ">" + values.get(0);
                case LESS_THAN -> key + "<" + values.get(0);
            };
        }
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /**
     * Parses the string form; null or blank selects everything.
     *
     * @throws ApiException BadRequest (400) when the string is not a valid selector
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        return new Parser(text).parse();
    }

    /**
     * Converts a {@code LabelSelector} API object. A null or missing object selects nothing (the
     * rule for workload and policy selectors); an empty object selects everything.
     */
    public static LabelSelector fromObject(JsonNode selector) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return NOTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        Json.stringMap(selector, "matchLabels").forEach((k, v) -> reqs.add(new Requirement(k, Operator.EQUALS, List.of(v))));
        for (JsonNode e : Json.arrayAt(selector, "matchExpressions")) {
            List<String> values = new ArrayList<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            Operator op = switch (e.path("operator").asText()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw Errors.badRequest("\"" + e.path("operator").asText() + "\" is not a valid label selector operator");
            };
            reqs.add(new Requirement(e.path("key").asText(), op, values));
        }
        return new LabelSelector(reqs);
    }

    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    /** A hand-written parser for the selector grammar (apimachinery's labels.Parse). */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        LabelSelector parse() {
            List<Requirement> reqs = new ArrayList<>();
            while (true) {
                reqs.add(requirement());
                skipSpace();
                if (pos == s.length()) {
                    return new LabelSelector(reqs);
                }
                expect(',');
            }
        }

        private Requirement requirement() {
            skipSpace();
            boolean not = false;
            if (peek() == '!') {
                pos++;
                not = true;
                skipSpace();
            }
            String key = word();
            if (key.isEmpty()) {
                throw error("found '" + rest() + "', expected: !, identifier, or 'end of string'");
            }
            checkKey(key);
            if (not) {
                return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
            }
            skipSpace();
            if (pos == s.length() || peek() == ',') {
                return new Requirement(key, Operator.EXISTS, List.of());
            }
            if (s.startsWith("==", pos)) {
                pos += 2;
                return new Requirement(key, Operator.EQUALS, List.of(value()));
            }
            if (s.startsWith("!=", pos)) {
                pos += 2;
                return new Requirement(key, Operator.NOT_EQUALS, List.of(value()));
            }
            char c = peek();
            if (c == '=' || c == '>' || c == '<') {
                pos++;
                String v = value();
                if (c != '=' && !v.matches("-?\\d+")) {
                    throw error("for 'Gt', 'Lt' operators, the value must be an integer");
                }
                Operator op = c == '=' ? Operator.EQUALS : c == '>' ? Operator.GREATER_THAN : Operator.LESS_THAN;
                return new Requirement(key, op, List.of(v));
            }
            String op = word();
            if (op.equals("in") || op.equals("notin")) {
                return new Requirement(key, op.equals("in") ? Operator.IN : Operator.NOT_IN, set());
            }
            throw error("found '" + (op.isEmpty() ? rest() : op) + "', expected: in, notin, =, ==, !=, gt, lt");
        }

        private List<String> set() {
            skipSpace();
            expect('(');
            List<String> values = new ArrayList<>();
            while (true) {
                skipSpace();
                String v = word();
                checkValue(v);
                values.add(v);
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    return values;
                }
                expect(',');
            }
        }

        private String value() {
            skipSpace();
            String v = word();
            checkValue(v);
            return v;
        }

        private String word() {
            int start = pos;
            while (pos < s.length() && " \t,()=!<>".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void checkKey(String key) {
            List<String> errs = NameRules.qualifiedName(key);
            if (!errs.isEmpty()) {
                throw error("key: Invalid value: \"" + key + "\": " + errs.get(0));
            }
        }

        private void checkValue(String v) {
            List<String> errs = NameRules.labelValue(v);
            if (!errs.isEmpty()) {
                throw error("values[0]: Invalid value: \"" + v + "\": " + errs.get(0));
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("found '" + rest() + "', expected: '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private String rest() {
            return pos < s.length() ? s.substring(pos) : "";
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private ApiException error(String detail) {
            return Errors.badRequest("unable to parse requirement: " + detail);
        }
    }
}
