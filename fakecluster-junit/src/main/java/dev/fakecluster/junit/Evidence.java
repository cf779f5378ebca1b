package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.ConnectionFailedException;
import dev.fakecluster.Reply;
import dev.fakecluster.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The kubectl-style tables under a failure message: the object checked and the objects it owns,
 * picked from {@code kubectl get} by name ({@code web}, {@code web-...}). Without a cluster (an
 * assertion on a {@link Resource} snapshot) it is the object's status as JSON.
 */
final class Evidence {

    /** How much of a reply's body a table shows. */
    private static final int BODY = 60;

    private Evidence() {
    }

    /** For a Deployment: its row, its ReplicaSets' and its pods'. */
    static String deployment(Cluster cluster, Resource deployment) {
        return of(cluster, deployment, "deployments", "replicasets", "pods");
    }

    /** For a ReplicaSet: its row and its pods'. */
    static String replicaSet(Cluster cluster, Resource replicaSet) {
        return of(cluster, replicaSet, "replicasets", "pods");
    }

    /** For a Pod: its row. */
    static String pod(Cluster cluster, Resource pod) {
        return of(cluster, pod, "pods");
    }

    /** For a Job: its row and its pods'. */
    static String job(Cluster cluster, Resource job) {
        return of(cluster, job, "jobs", "pods");
    }

    /** For a CronJob: its row, its Jobs' and their pods'. */
    static String cronJob(Cluster cluster, Resource cronJob) {
        return of(cluster, cronJob, "cronjobs", "jobs", "pods");
    }

    /** For a Service: its row, its Endpoints and EndpointSlices, and the pods its selector picks. */
    static String service(Cluster cluster, Resource service) {
        if (cluster == null) {
            return status(service);
        }
        Set<String> selected = names(Fields.selectedPods(cluster, service));
        return of(cluster, service, "services", "endpoints", "endpointslices")
                + rows(cluster.table("pods", service.namespace()), cells -> selected.contains(cells[0]));
    }

    /** For a Node: its row and the pods bound to it, from every namespace. */
    static String node(Cluster cluster, Resource node) {
        if (cluster == null) {
            return status(node);
        }
        Set<String> bound = Fields.podsOn(cluster, node.name()).stream().map(Fields::id).collect(Collectors.toSet());
        return rows(cluster.table("nodes", null), cells -> cells[0].equals(node.name()))
                + rows(cluster.table("pods", null), cells -> bound.contains(cells[0] + "/" + cells[1]));
    }

    /**
     * What requests got, as a table: one row per pod, status and body start, with a REQUESTS
     * column counting them when there was more than one request.
     */
    static String outcomes(List<Outcome> outcomes) {
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        outcomes.stream().sorted(Comparator.comparing(Outcome::pod).thenComparing(Outcome::status))
                .forEach(o -> counts.merge(o, 1, Integer::sum));
        boolean counted = outcomes.size() > 1;
        List<List<String>> rows = new ArrayList<>();
        rows.add(counted ? List.of("POD", "STATUS", "REQUESTS", "BODY") : List.of("POD", "STATUS", "BODY"));
        counts.forEach((o, n) -> rows.add(counted ? List.of(o.pod(), o.status(), n.toString(), o.body())
                : List.of(o.pod(), o.status(), o.body())));
        return "\n\n" + TextTable.align(rows).stripTrailing();
    }

    /** What one request got: a reply, or a connection that failed (no pod, status "-", Go's error as the body). */
    record Outcome(String pod, String status, String body) {

        static Outcome of(Reply reply) {
            return new Outcome(reply.pod() == null ? "<none>" : reply.pod(), Integer.toString(reply.status()),
                    start(reply.body()));
        }

        static Outcome failed(ConnectionFailedException e) {
            return new Outcome("<none>", "-", e.getMessage());
        }
    }

    /** The namespace's table of a kind, whole (what is there when the object sought is not). */
    static String table(Cluster cluster, String kind, String namespace) {
        return "\n\n" + cluster.table(kind, namespace).stripTrailing();
    }

    /** The last events of a namespace (null: all), oldest first; nothing when there are none. */
    static String events(Cluster cluster, String namespace) {
        return events(cluster.events(namespace), namespace == null);
    }

    /** The last of these events, oldest first, with a NAMESPACE column when asked; nothing when there are none. */
    static String events(List<Resource> all, boolean withNamespace) {
        if (all.isEmpty()) {
            return "";
        }
        List<Resource> last = all.subList(Math.max(0, all.size() - Snapshot.EVENTS), all.size());
        return "\n\n" + EventTable.render(last, withNamespace).stripTrailing();
    }

    private static String of(Cluster cluster, Resource object, String... kinds) {
        if (cluster == null) {
            return status(object);
        }
        String name = object.name();
        StringBuilder out = new StringBuilder();
        for (String kind : kinds) {
            out.append(rows(cluster.table(kind, object.namespace()),
                    cells -> cells[0].equals(name) || cells[0].startsWith(name + "-")));
        }
        return out.toString();
    }

    private static String status(Resource object) {
        return "\n\nstatus: " + object.json().path("status");
    }

    /**
     * The header and the rows whose cells pass {@code keep}, re-aligned to their own widths, after
     * a blank line; "" without such rows.
     */
    private static String rows(String table, Predicate<String[]> keep) {
        List<String[]> lines = TextTable.cells(table);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(lines.get(0)));
        lines.stream().skip(1).filter(keep).forEach(cells -> rows.add(List.of(cells)));
        return rows.size() == 1 ? "" : "\n\n" + TextTable.align(rows).stripTrailing();
    }

    private static Set<String> names(List<Resource> objects) {
        return objects.stream().map(Resource::name).collect(Collectors.toSet());
    }

    /** The first line of a body, cut to {@link #BODY} characters. */
    private static String start(String body) {
        String line = body.lines().findFirst().orElse("");
        return line.length() > BODY ? line.substring(0, BODY) + "..." : line;
    }
}
