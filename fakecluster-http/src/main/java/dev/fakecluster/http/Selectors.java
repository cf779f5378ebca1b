package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders a {@code LabelSelector} as the selector string the API server prints ({@code app=web,tier in (a,b)}). */
final class Selectors {

    private Selectors() {
    }

    /** Requirements sorted by key, values sorted; "" for an empty selector. */
    static String format(JsonNode selector) {
        Map<String, List<String>> byKey = new TreeMap<>();
        selector.path("matchLabels").properties().forEach(e -> byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                .add(e.getKey() + "=" + e.getValue().asText()));
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            values.sort(null);
            String op = expr.path("operator").asText();
            String term = switch (op) {
                case "In", "NotIn" -> key + " " + op.toLowerCase(Locale.ROOT) + " (" + String.join(",", values) + ")";
                case "Exists" -> key;
                case "DoesNotExist" -> "!" + key;
                default -> key + " " + op + " (" + String.join(",", values) + ")";
            };
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(term);
        }
        List<String> terms = new ArrayList<>();
        byKey.values().forEach(terms::addAll);
        return String.join(",", terms);
    }

    /** A plain {@code map[string]string} selector (a Service's), {@code <none>} when empty. */
    static String formatMap(JsonNode map) {
        if (!map.isObject() || map.isEmpty()) {
            return "<none>";
        }
        List<String> terms = new ArrayList<>();
        map.properties().forEach(e -> terms.add(e.getKey() + "=" + e.getValue().asText()));
        terms.sort(null);
        return String.join(",", terms);
    }
}
