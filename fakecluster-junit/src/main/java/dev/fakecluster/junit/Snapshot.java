package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.util.List;
import java.util.Optional;

/**
 * What a failing test's cluster looked like: {@code kubectl get all -A}-style tables of the
 * workloads that exist, the last events, oldest first, then the last log lines of pods in trouble.
 */
final class Snapshot {

    /** The kinds {@code kubectl get all} shows, owners before what they own, services last. */
    private static final List<String> KINDS = List.of("deployments", "replicasets", "statefulsets", "daemonsets",
            "jobs", "pods", "services");

    /** How many of the most recent events to show. */
    static final int EVENTS = 20;

    private Snapshot() {
    }

    /** The snapshot, or empty when the test closed the cluster itself and there is nothing left to read. */
    static Optional<String> of(Cluster cluster, String test, long seed, int logLines) {
        StringBuilder out = new StringBuilder();
        try {
            out.append("fakecluster: ").append(test).append(" failed; the cluster at ").append(cluster.now())
                    .append(" (seed ").append(seed).append("):\n");
            for (String kind : KINDS) {
                if (!cluster.list(kind, null, null).isEmpty()) {
                    out.append("\n$ kubectl get ").append(kind).append(" -A\n").append(cluster.table(kind, null));
                }
            }
            out.append(events(cluster.events(null)));
            if (logLines > 0) {
                out.append(LastLogs.of(cluster, logLines));
            }
        } catch (IllegalStateException e) {
            if ("cluster is closed".equals(e.getMessage())) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(out.toString());
    }

    private static String events(List<Resource> all) {
        if (all.isEmpty()) {
            return "\nNo events.\n";
        }
        List<Resource> last = all.subList(Math.max(0, all.size() - EVENTS), all.size());
        String which = last.size() < all.size() ? " (the last " + last.size() + " of " + all.size() + ")" : "";
        return "\n$ kubectl events -A" + which + "\n" + EventTable.render(last, true);
    }
}
