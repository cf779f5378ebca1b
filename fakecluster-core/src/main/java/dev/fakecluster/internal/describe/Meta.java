package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The pieces every describer prints the same way: labels, annotations, selectors, owners, times. */
final class Meta {

    /** kubectl hides the client-side apply annotation and folds values longer than this. */
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final int MAX_ANNOTATION_LENGTH = 140;
    private static final DateTimeFormatter RFC1123Z =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Meta() {
    }

    /** The Name, Namespace lines most describers open with. */
    static void nameAndNamespace(DescribeWriter w, JsonNode o) {
        w.line(0, "Name", name(o));
        w.line(0, "Namespace", o.path("metadata").path("namespace").asText());
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    /** printLabelsMultilineWithIndent: sorted {@code key=value}, one a line, or {@code <none>}. */
    static void labels(DescribeWriter w, String indent, String title, String innerIndent, Map<String, String> labels) {
        w.write(0, indent + title + ":" + innerIndent);
        if (labels.isEmpty()) {
            w.write(0, "<none>\n");
            return;
        }
        String sep = "";
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            w.write(0, sep + e.getKey() + "=" + e.getValue() + "\n");
            sep = indent + innerIndent;
        }
    }

    static void labels(DescribeWriter w, String title, Map<String, String> labels) {
        labels(w, "", title, "\t", labels);
    }

    /** printAnnotationsMultiline: sorted {@code key: value}, long or multi-line values folded below the key. */
    static void annotations(DescribeWriter w, String title, Map<String, String> annotations) {
        w.write(0, title + ":\t");
        TreeMap<String, String> sorted = new TreeMap<>(annotations);
        sorted.remove(LAST_APPLIED);
        if (sorted.isEmpty()) {
            w.write(0, "<none>\n");
            return;
        }
        String sep = "";
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            w.write(0, sep);
            sep = "\t";
            String value = e.getValue().endsWith("\n") ? e.getValue().substring(0, e.getValue().length() - 1) : e.getValue();
            if (value.length() + e.getKey().length() + 2 > MAX_ANNOTATION_LENGTH || value.contains("\n")) {
                w.write(0, e.getKey() + ":\n");
                for (String s : value.split("\n", -1)) {
                    String shortened = s.length() > MAX_ANNOTATION_LENGTH - 2 ? s.substring(0, MAX_ANNOTATION_LENGTH - 2) + "..." : s;
                    w.write(0, "\t  " + shortened + "\n");
                }
            } else {
                w.write(0, e.getKey() + ": " + value + "\n");
            }
        }
    }

    /** Labels and annotations of an object, the usual pair. */
    static void labelsAndAnnotations(DescribeWriter w, JsonNode o) {
        labels(w, "Labels", Json.stringMap(o, "metadata", "labels"));
        annotations(w, "Annotations", Json.stringMap(o, "metadata", "annotations"));
    }

    /** {@code Controlled By: Kind/name} when an owner reference is the controller. */
    static void controlledBy(DescribeWriter w, JsonNode o) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                w.line(0, "Controlled By", ref.path("kind").asText() + "/" + ref.path("name").asText());
                return;
            }
        }
    }

    /** Go's {@code time.RFC1123Z} in UTC; a missing time prints as Go's zero time. */
    static String time(String timestamp) {
        return timestamp == null || timestamp.isEmpty() ? "Mon, 01 Jan 0001 00:00:00 +0000"
                : RFC1123Z.format(Instant.parse(timestamp));
    }

    static String time(JsonNode o, String... path) {
        return time(Json.text(o, path));
    }

    /**
     * A LabelSelector object as apimachinery's Selector prints it: requirements sorted by key,
     * {@code k=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}; empty when it has none.
     */
    static String selector(JsonNode selector) {
        List<String[]> reqs = new ArrayList<>();
        Json.stringMap(selector, "matchLabels").forEach((k, v) -> reqs.add(new String[] {k, k + "=" + v}));
        for (JsonNode e : selector.path("matchExpressions")) {
            String key = e.path("key").asText();
            TreeSet<String> values = new TreeSet<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            String text = switch (e.path("operator").asText()) {
                case "In" -> key + " in (" + String.join(",", values) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                case "Exists" -> key;
                default -> "!" + key;
            };
            reqs.add(new String[] {key, text});
        }
        reqs.sort(Comparator.comparing(r -> r[0]));
        return String.join(",", reqs.stream().map(r -> r[1]).toList());
    }

    /** metav1.FormatLabelSelector: the selector, or {@code <none>} when it is empty. */
    static String formatSelector(JsonNode selector) {
        String s = selector(selector);
        return s.isEmpty() ? "<none>" : s;
    }

    /** labels.FormatLabels: sorted {@code k=v} joined by commas, or {@code <none>}. */
    static String formatLabels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    /** Go's {@code %v} of a bool pointer as describe prints it: True, False, or {@code <unset>}. */
    static String bool(JsonNode value) {
        return value.isBoolean() ? (value.asBoolean() ? "True" : "False") : "<unset>";
    }

    /** A number, or {@code <unset>} when absent. */
    static String orUnset(JsonNode value) {
        return value.isNumber() ? value.asText() : "<unset>";
    }
}
