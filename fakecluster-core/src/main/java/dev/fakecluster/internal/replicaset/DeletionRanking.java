package dev.fakecluster.internal.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.internal.json.Json;
import dev.fakecluster.internal.store.StoredObject;
import dev.fakecluster.internal.workload.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a shrinking ReplicaSet deletes first ({@code controller.ActivePodsWithRanks}, with
 * {@code LogarithmicScaleDown} on as in current Kubernetes): unscheduled, then pending, then not
 * ready, then lower deletion cost, then pods on nodes crowded with their siblings, then the most
 * recently ready (by powers of two of age), then the most restarted, then the newest; the uid breaks
 * what is left.
 */
final class DeletionRanking {

    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private DeletionRanking() {
    }

    /**
     * The first {@code count} of {@code pods} to delete. {@code related} are the active pods of the
     * whole owner family (all ReplicaSets of a Deployment), counted per node for the crowding rule.
     */
    static List<StoredObject> victims(List<StoredObject> pods, Collection<StoredObject> related, int count, Instant now) {
        if (count >= pods.size()) {
            return pods;
        }
        Map<String, Integer> perNode = new HashMap<>();
        for (StoredObject p : related) {
            String node = Pods.nodeName(p.json());
            if (node != null && Pods.isActive(p.json())) {
                perNode.merge(node, 1, Integer::sum);
            }
        }
        List<StoredObject> sorted = new ArrayList<>(pods);
        sorted.sort(order(perNode, now));
        return sorted.subList(0, count);
    }

    private static Comparator<StoredObject> order(Map<String, Integer> perNode, Instant now) {
        return (a, b) -> {
            JsonNode x = a.json();
            JsonNode y = b.json();
            boolean xs = Pods.nodeName(x) != null;
            boolean ys = Pods.nodeName(y) != null;
            if (xs != ys) {
                return xs ? 1 : -1;
            }
            int c = Integer.compare(phaseRank(x), phaseRank(y));
            if (c != 0) {
                return c;
            }
            boolean xr = Pods.isReady(x);
            boolean yr = Pods.isReady(y);
            if (xr != yr) {
                return xr ? 1 : -1;
            }
            c = Integer.compare(deletionCost(x), deletionCost(y));
            if (c != 0) {
                return c;
            }
            c = Integer.compare(rank(y, perNode), rank(x, perNode));
            if (c != 0) {
                return c;
            }
            if (xr) {
                Instant tx = Pods.readySince(x);
                Instant ty = Pods.readySince(y);
                if (tx != null && ty != null && !tx.equals(ty)) {
                    long d = logBucket(tx, now) - logBucket(ty, now);
                    return d != 0 ? Long.signum(d) : a.uid().compareTo(b.uid());
                }
            }
            c = Integer.compare(Pods.maxRestarts(y), Pods.maxRestarts(x));
            if (c != 0) {
                return c;
            }
            Instant cx = Instant.parse(Json.text(x, "metadata", "creationTimestamp"));
            Instant cy = Instant.parse(Json.text(y, "metadata", "creationTimestamp"));
            if (!cx.equals(cy)) {
                long d = logBucket(cx, now) - logBucket(cy, now);
                return d != 0 ? Long.signum(d) : a.uid().compareTo(b.uid());
            }
            return 0;
        };
    }

    private static int phaseRank(JsonNode pod) {
        return switch (Pods.phase(pod)) {
            case "Pending" -> 0;
            case "Unknown" -> 1;
            case "Running" -> 2;
            default -> 3;
        };
    }

    private static int deletionCost(JsonNode pod) {
        String v = Json.text(pod, "metadata", "annotations", DELETION_COST);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int rank(JsonNode pod, Map<String, Integer> perNode) {
        String node = Pods.nodeName(pod);
        return node == null ? 0 : perNode.getOrDefault(node, 0);
    }

    /** floor(log2(age in nanoseconds)), 0 for no age: pods of similar age land in one bucket. */
    private static long logBucket(Instant t, Instant now) {
        long nanos = Duration.between(t, now).toNanos();
        return nanos > 0 ? 63 - Long.numberOfLeadingZeros(nanos) : 0;
    }
}
