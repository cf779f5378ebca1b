package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The Events section that ends most descriptions, and kubectl's search for the events of an object. */
final class Events {

    private Events() {
    }

    /**
     * searchEvents: the events whose involvedObject has the object's name, namespace, kind and uid
     * (for pods kubectl leaves the kind out), in list order.
     */
    static List<JsonNode> about(Lookup lookup, JsonNode o, String kind, boolean matchKind, String uid) {
        String namespace = o.path("metadata").path("namespace").asText("");
        String name = Meta.name(o);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : lookup.list("events", namespace.isEmpty() ? null : namespace, null, null)) {
            JsonNode ref = e.path("involvedObject");
            if (name.equals(ref.path("name").asText()) && namespace.equals(ref.path("namespace").asText(""))
                    && (!matchKind || kind.equals(ref.path("kind").asText())) && uid.equals(ref.path("uid").asText())) {
                found.add(e);
            }
        }
        return found;
    }

    static List<JsonNode> about(Lookup lookup, JsonNode o, String kind) {
        return about(lookup, o, kind, true, o.path("metadata").path("uid").asText());
    }

    /** DescribeEvents: {@code Events: <none>}, or a table of Type, Reason, Age, From, Message, oldest last seen first. */
    static void section(DescribeWriter w, List<JsonNode> events, Lookup lookup) {
        if (events.isEmpty()) {
            w.write(0, "Events:\t<none>\n");
            return;
        }
        w.flush();
        List<JsonNode> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(e -> Json.text(e, "lastTimestamp") == null ? ""
                : Json.text(e, "lastTimestamp")));
        w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
        w.write(1, "----\t------\t----\t----\t-------\n");
        for (JsonNode e : sorted) {
            String first = Json.text(e, "eventTime") != null ? lookup.age(Json.text(e, "eventTime"))
                    : lookup.age(Json.text(e, "firstTimestamp"));
            String interval;
            if (e.path("series").isObject()) {
                interval = lookup.age(Json.text(e, "series", "lastObservedTime")) + " (x" + e.path("series").path("count").asInt()
                        + " over " + first + ")";
            } else if (e.path("count").asInt(0) > 1) {
                interval = lookup.age(Json.text(e, "lastTimestamp")) + " (x" + e.path("count").asInt() + " over " + first + ")";
            } else {
                interval = first;
            }
            String source = e.path("source").path("component").asText("");
            if (source.isEmpty()) {
                source = e.path("reportingComponent").asText("");
            }
            w.write(1, e.path("type").asText("") + "\t" + e.path("reason").asText("") + "\t" + interval + "\t" + source
                    + "\t" + e.path("message").asText("").strip() + "\n");
        }
    }
}
