package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** kubectl's describeNamespace, with the namespace's resource quotas and limit ranges. */
final class NamespaceDescriber {

    private static final Map<String, String> SCOPE_HELP = Map.of(
            "Terminating", "Matches all pods that have an active deadline. These pods have a limited lifespan on a node"
                    + " before being actively terminated by the system.",
            "NotTerminating", "Matches all pods that do not have an active deadline. These pods usually include long"
                    + " running pods whose container command is not expected to terminate.",
            "BestEffort", "Matches all pods that do not have resource requirements set. These pods have a best effort"
                    + " quality of service.",
            "NotBestEffort", "Matches all pods that have at least one resource requirement set. These pods have a"
                    + " burstable or guaranteed quality of service.");
    private static final List<String> LIMIT_COLUMNS = List.of("min", "max", "defaultRequest", "default", "maxLimitRequestRatio");

    private NamespaceDescriber() {
    }

    static void describe(DescribeWriter w, JsonNode ns, Lookup lookup) {
        String name = Meta.name(ns);
        w.line(0, "Name", name);
        Meta.labelsAndAnnotations(w, ns);
        w.line(0, "Status", ns.path("status").path("phase").asText(""));
        JsonNode conditions = ns.path("status").path("conditions");
        if (!conditions.isEmpty()) {
            w.write(0, "Conditions:\n");
            w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
            w.write(1, "----\t------\t------------------\t------\t-------\n");
            conditions.forEach(c -> w.write(1, c.path("type").asText() + "\t" + c.path("status").asText() + "\t"
                    + Meta.time(c, "lastTransitionTime") + "\t" + c.path("reason").asText("") + "\t"
                    + c.path("message").asText("") + "\n"));
        }
        w.write(0, "\n");
        quotas(w, lookup.list("resourcequotas", name, null, null));
        w.write(0, "\n");
        limitRanges(w, lookup.list("limitranges", name, null, null));
    }

    /** DescribeResourceQuotas: per quota (by name) its scopes and a Resource / Used / Hard table. */
    private static void quotas(DescribeWriter w, List<JsonNode> quotas) {
        if (quotas.isEmpty()) {
            w.write(0, "No resource quota.\n");
            return;
        }
        w.write(0, "Resource Quotas\n");
        for (JsonNode q : quotas) {
            w.line(1, "Name", Meta.name(q));
            TreeSet<String> scopes = new TreeSet<>();
            q.path("spec").path("scopes").forEach(s -> scopes.add(s.asText()));
            if (!scopes.isEmpty()) {
                w.line(1, "Scopes", String.join(", ", scopes));
                scopes.stream().filter(SCOPE_HELP::containsKey).forEach(s -> w.write(1, "* " + SCOPE_HELP.get(s) + "\n"));
            }
            w.write(1, "Resource\tUsed\tHard\n");
            w.write(1, "--------\t---\t---\n");
            Map<String, String> used = Json.stringMap(q, "status", "used");
            new TreeMap<>(Json.stringMap(q, "status", "hard")).forEach((r, hard) -> w.write(1, r + "\t"
                    + Quantity.parse(used.getOrDefault(r, "0")) + "\t" + Quantity.parse(hard) + "\n"));
        }
    }

    /** DescribeLimitRanges: a row per limit type and resource ({@code -} where unset), resources sorted. */
    private static void limitRanges(DescribeWriter w, List<JsonNode> ranges) {
        if (ranges.isEmpty()) {
            w.write(0, "No LimitRange resource.\n");
            return;
        }
        w.write(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
        w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
        for (JsonNode range : ranges) {
            for (JsonNode item : range.path("spec").path("limits")) {
                TreeSet<String> resources = new TreeSet<>();
                LIMIT_COLUMNS.forEach(c -> item.path(c).fieldNames().forEachRemaining(resources::add));
                for (String r : resources) {
                    List<String> cells = new ArrayList<>(List.of(" " + item.path("type").asText(""), r));
                    LIMIT_COLUMNS.forEach(c -> cells.add(item.path(c).has(r) ? Quantity.parse(item.path(c).path(r).asText())
                            .toString() : "-"));
                    w.write(0, String.join("\t", cells) + "\n");
                }
            }
        }
    }
}
