package dev.fakecluster.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.kinds.KindInfo;
import dev.fakecluster.internal.printers.Age;
import dev.fakecluster.internal.printers.TablePrinter;
import dev.fakecluster.internal.printers.TablePrinter.Column;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code meta.k8s.io/v1} Table responses for {@code kubectl get}: the core's kubectl columns
 * (priority 0) plus the {@code -o wide} ones (priority 1), rows carrying
 * {@code PartialObjectMetadata} so that {@code -A} and {@code --show-labels} work.
 */
final class Tables {

    private Tables() {
    }

    /** A Table of {@code objects}; {@code listMeta} becomes its metadata (resourceVersion, continue). */
    static ObjectNode table(KindInfo kind, List<? extends JsonNode> objects, Instant now, ObjectNode listMeta) {
        List<Column> columns = isEvent(kind) ? eventColumns(now) : TablePrinter.columns(kind, now);
        List<Column> wide = isEvent(kind) ? eventWideColumns(now) : wideColumns(kind);
        ObjectNode t = Json.object();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        t.set("metadata", listMeta);
        ArrayNode defs = t.putArray("columnDefinitions");
        columns.forEach(c -> define(defs, c, 0));
        wide.forEach(c -> define(defs, c, 1));
        ArrayNode rows = t.putArray("rows");
        for (JsonNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            columns.forEach(c -> cells.add(c.cell().apply(o)));
            wide.forEach(c -> cells.add(c.cell().apply(o)));
            ObjectNode partial = row.putObject("object");
            partial.put("kind", "PartialObjectMetadata");
            partial.put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", o.path("metadata").deepCopy());
        }
        return t;
    }

    private static void define(ArrayNode defs, Column c, int priority) {
        ObjectNode d = defs.addObject();
        d.put("name", c.name());
        d.put("type", "string");
        d.put("format", c.name().equals("NAME") ? "name" : "");
        d.put("description", c.name().toLowerCase(Locale.ROOT));
        d.put("priority", priority);
    }

    /** The columns {@code -o wide} adds, per kind. */
    static List<Column> wideColumns(KindInfo kind) {
        return switch (kind.group() + "/" + kind.kind()) {
            case "/Pod" -> List.of(col("IP", o -> text(o, "<none>", "status", "podIP")),
                    col("NODE", o -> text(o, "<none>", "spec", "nodeName")),
                    col("NOMINATED NODE", o -> text(o, "<none>", "status", "nominatedNodeName")),
                    col("READINESS GATES", Tables::readinessGates));
            case "apps/Deployment", "apps/ReplicaSet", "apps/DaemonSet", "batch/Job" -> List.of(
                    col("CONTAINERS", o -> containers(o, "name")), col("IMAGES", o -> containers(o, "image")),
                    col("SELECTOR", o -> Selectors.format(o.path("spec").path("selector"))));
            case "batch/CronJob" -> List.of(col("CONTAINERS", o -> containers(o.path("spec").path("jobTemplate"), "name")),
                    col("IMAGES", o -> containers(o.path("spec").path("jobTemplate"), "image")),
                    col("SELECTOR", o -> o.path("spec").path("jobTemplate").path("spec").has("selector")
                            ? Selectors.format(o.path("spec").path("jobTemplate").path("spec").path("selector")) : "<none>"));
            case "/PersistentVolume", "/PersistentVolumeClaim" -> List.of(
                    col("VOLUMEMODE", o -> text(o, "<unset>", "spec", "volumeMode")));
            case "apps/StatefulSet" -> List.of(col("CONTAINERS", o -> containers(o, "name")),
                    col("IMAGES", o -> containers(o, "image")));
            case "/Service" -> List.of(col("SELECTOR", o -> Selectors.formatMap(o.path("spec").path("selector"))));
            case "/Node" -> List.of(col("INTERNAL-IP", o -> address(o, "InternalIP")),
                    col("EXTERNAL-IP", o -> address(o, "ExternalIP")),
                    col("OS-IMAGE", o -> text(o, "<unknown>", "status", "nodeInfo", "osImage")),
                    col("KERNEL-VERSION", o -> text(o, "<unknown>", "status", "nodeInfo", "kernelVersion")),
                    col("CONTAINER-RUNTIME", o -> text(o, "<unknown>", "status", "nodeInfo", "containerRuntimeVersion")));
            default -> List.of();
        };
    }

    private static boolean isEvent(KindInfo kind) {
        return kind.group().isEmpty() && kind.kind().equals("Event");
    }

    /** core/v1 Events: kubectl's LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
    private static List<Column> eventColumns(Instant now) {
        return List.of(col("LAST SEEN", o -> since(o, now, "lastTimestamp", "eventTime", "firstTimestamp")),
                col("TYPE", o -> text(o, "", "type")), col("REASON", o -> text(o, "", "reason")),
                col("OBJECT", o -> text(o, "", "involvedObject", "kind").toLowerCase(Locale.ROOT) + "/"
                        + text(o, "", "involvedObject", "name")),
                col("MESSAGE", o -> text(o, "", "message").trim()));
    }

    private static List<Column> eventWideColumns(Instant now) {
        return List.of(col("SUBOBJECT", o -> text(o, "", "involvedObject", "fieldPath")),
                col("SOURCE", o -> {
                    String host = text(o, "", "source", "host");
                    return text(o, "", "source", "component") + (host.isEmpty() ? "" : ", " + host);
                }),
                col("FIRST SEEN", o -> since(o, now, "firstTimestamp", "eventTime")),
                col("COUNT", o -> text(o, "", "count")), col("NAME", o -> text(o, "", "metadata", "name")));
    }

    private static String since(JsonNode o, Instant now, String... fields) {
        for (String f : fields) {
            String t = Json.text(o, f);
            if (t != null && !t.isEmpty()) {
                return Age.human(Duration.between(Instant.parse(t), now));
            }
        }
        return "<unknown>";
    }

    private static Column col(String name, Function<JsonNode, String> cell) {
        return new Column(name, cell);
    }

    private static String text(JsonNode o, String fallback, String... path) {
        String v = Json.text(o, path);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static String containers(JsonNode o, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
            out.add(c.path(field).asText());
        }
        return String.join(",", out);
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (type.equals(a.path("type").asText())) {
                return a.path("address").asText();
            }
        }
        return "<none>";
    }

    private static String readinessGates(JsonNode pod) {
        JsonNode gates = pod.path("spec").path("readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        int ready = 0;
        for (JsonNode g : gates) {
            String type = g.path("conditionType").asText();
            for (JsonNode c : pod.path("status").path("conditions")) {
                if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                    ready++;
                }
            }
        }
        return ready + "/" + gates.size();
    }
}
