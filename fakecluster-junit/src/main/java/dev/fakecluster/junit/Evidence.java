package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.util.List;

/**
 * The kubectl-style tables under a failure message: the object checked and the objects it owns,
 * picked from {@code kubectl get} by name ({@code web}, {@code web-...}). Without a cluster (an
 * assertion on a {@link Resource} snapshot) it is the object's status as JSON.
 */
final class Evidence {

    private Evidence() {
    }

    /** For a Deployment: its row, its ReplicaSets' and its pods'. */
    static String deployment(Cluster cluster, Resource deployment) {
        return of(cluster, deployment, "deployments", "replicasets", "pods");
    }

    /** For a Pod: its row. */
    static String pod(Cluster cluster, Resource pod) {
        return of(cluster, pod, "pods");
    }

    /** For a Job: its row and its pods'. */
    static String job(Cluster cluster, Resource job) {
        return of(cluster, job, "jobs", "pods");
    }

    /** The namespace's table of a kind, whole (what is there when the object sought is not). */
    static String table(Cluster cluster, String kind, String namespace) {
        return "\n\n" + cluster.table(kind, namespace).stripTrailing();
    }

    /** The last events of a namespace (null: all), oldest first; nothing when there are none. */
    static String events(Cluster cluster, String namespace) {
        List<Resource> all = cluster.events(namespace);
        if (all.isEmpty()) {
            return "";
        }
        List<Resource> last = all.subList(Math.max(0, all.size() - Snapshot.EVENTS), all.size());
        return "\n\n" + EventTable.render(last, namespace == null).stripTrailing();
    }

    private static String of(Cluster cluster, Resource object, String... kinds) {
        if (cluster == null) {
            return "\n\nstatus: " + object.json().path("status");
        }
        StringBuilder out = new StringBuilder();
        for (String kind : kinds) {
            String rows = rowsNamed(cluster.table(kind, object.namespace()), object.name());
            if (!rows.isEmpty()) {
                out.append("\n\n").append(rows.stripTrailing());
            }
        }
        return out.toString();
    }

    /** The header and the rows whose name is {@code name} or starts with {@code name-}; "" without such rows. */
    private static String rowsNamed(String table, String name) {
        List<String> lines = table.lines().toList();
        List<String> rows = lines.stream().skip(1)
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "-")).toList();
        return rows.isEmpty() ? "" : lines.get(0) + "\n" + String.join("\n", rows);
    }
}
