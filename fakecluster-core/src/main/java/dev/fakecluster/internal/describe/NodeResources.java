package dev.fakecluster.internal.describe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** describeNodeResource: the node's non-terminated pods with their requests and limits, and the totals. */
final class NodeResources {

    private static final List<String> STANDARD = List.of("cpu", "memory", "ephemeral-storage");

    private NodeResources() {
    }

    static void describe(DescribeWriter w, List<JsonNode> pods, JsonNode nodeStatus, Lookup lookup) {
        JsonNode allocatable = nodeStatus.path("allocatable").isEmpty() ? nodeStatus.path("capacity") : nodeStatus.path("allocatable");
        w.line(0, "Non-terminated Pods", "(" + pods.size() + " in total)");
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
        Map<String, Quantity> requests = new HashMap<>();
        Map<String, Quantity> limits = new HashMap<>();
        for (JsonNode pod : pods) {
            Map<String, Quantity> req = podTotals(pod, "requests");
            Map<String, Quantity> lim = podTotals(pod, "limits");
            req.forEach((k, v) -> requests.merge(k, v, Quantity::plus));
            lim.forEach((k, v) -> limits.merge(k, v, Quantity::plus));
            w.write(1, pod.path("metadata").path("namespace").asText() + "\t" + Meta.name(pod) + "\t\t"
                    + share(req.get("cpu"), allocatable, "cpu", true) + "\t" + share(lim.get("cpu"), allocatable, "cpu", true) + "\t"
                    + share(req.get("memory"), allocatable, "memory", false) + "\t"
                    + share(lim.get("memory"), allocatable, "memory", false) + "\t"
                    + lookup.age(pod.path("metadata").path("creationTimestamp").asText("")) + "\n");
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
        w.write(1, "Resource\tRequests\tLimits\n");
        w.write(1, "--------\t--------\t------\n");
        for (String r : List.of("cpu", "memory", "ephemeral-storage")) {
            boolean cpu = r.equals("cpu");
            w.write(1, r + "\t" + share(requests.get(r), allocatable, r, cpu) + "\t" + share(limits.get(r), allocatable, r, cpu) + "\n");
        }
        TreeSet<String> hugePages = new TreeSet<>();
        TreeSet<String> extended = new TreeSet<>();
        allocatable.fieldNames().forEachRemaining(r -> {
            if (r.startsWith("hugepages-")) {
                hugePages.add(r);
            } else if (!STANDARD.contains(r) && !r.equals("pods")) {
                extended.add(r);
            }
        });
        hugePages.forEach(r -> w.write(1, r + "\t" + share(requests.get(r), allocatable, r, false) + "\t"
                + share(limits.get(r), allocatable, r, false) + "\n"));
        extended.forEach(r -> w.write(1, r + "\t" + orZero(requests.get(r)) + "\t" + orZero(limits.get(r)) + "\n"));
    }

    /** {@code 250m (6%)}: the amount and its whole percentage of what the node can allocate (0 when it has none). */
    private static String share(Quantity amount, JsonNode allocatable, String resource, boolean milli) {
        Quantity a = orZero(amount);
        Quantity total = allocatable.has(resource) ? Quantity.parse(allocatable.path(resource).asText()) : Quantity.ZERO;
        double whole = milli ? total.milli() : total.whole();
        long percent = whole == 0 ? 0 : (long) ((milli ? a.milli() : a.whole()) / whole * 100);
        return a + " (" + percent + "%)";
    }

    private static Quantity orZero(Quantity q) {
        return q == null ? Quantity.ZERO : q;
    }

    /**
     * resourcehelper.PodRequestsAndLimits: the containers' sum, at least what any init container
     * needs alongside the sidecars started before it, plus the pod's overhead.
     */
    private static Map<String, Quantity> podTotals(JsonNode pod, String which) {
        Map<String, Quantity> total = new HashMap<>();
        pod.path("spec").path("containers").forEach(c -> add(total, c.path("resources").path(which)));
        Map<String, Quantity> sidecars = new HashMap<>();
        Map<String, Quantity> init = new HashMap<>();
        for (JsonNode c : pod.path("spec").path("initContainers")) {
            Map<String, Quantity> needs;
            if ("Always".equals(c.path("restartPolicy").asText())) {
                add(total, c.path("resources").path(which));
                add(sidecars, c.path("resources").path(which));
                needs = sidecars;
            } else {
                needs = new HashMap<>(sidecars);
                add(needs, c.path("resources").path(which));
            }
            needs.forEach((k, v) -> init.merge(k, v, Quantity::max));
        }
        init.forEach((k, v) -> total.merge(k, v, Quantity::max));
        add(total, pod.path("spec").path("overhead"));
        return total;
    }

    private static void add(Map<String, Quantity> into, JsonNode list) {
        list.fields().forEachRemaining(e -> into.merge(e.getKey(), Quantity.parse(e.getValue().asText()), Quantity::plus));
    }
}
