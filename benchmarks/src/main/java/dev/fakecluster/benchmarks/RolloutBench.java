package dev.fakecluster.benchmarks;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall time and heap for the workload benchmark of docs/performance.md: a cluster of N nodes, a
 * Deployment of R replicas rolled out, then rolled out again to a new image, all on the virtual
 * clock. A bench main rather than JMH: one run takes seconds and each phase is measured once.
 *
 * <pre>mvn -B -ntp -q -pl benchmarks -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx4g -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) dev.fakecluster.benchmarks.RolloutBench 1000 10000 [probes]</pre>
 *
 * <p>With {@code probes} every pod has an HTTP readiness probe (every 5 s) and a TCP liveness probe
 * (every 10 s), which the simulated kubelets run on the virtual clock.
 */
public final class RolloutBench {

    private RolloutBench() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int replicas = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        boolean probes = args.length > 2 && args[2].equals("probes");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add("node" + i);
        }
        long t0 = System.nanoTime();
        try (Cluster cluster = Cluster.builder().nodes(names.toArray(String[]::new)).build()) {
            long t1 = System.nanoTime();
            report("cluster of " + nodes + " nodes built", t0, t1);
            cluster.apply(deployment(replicas, "nginx:1.25", probes));
            Duration first = untilRolledOut(cluster, replicas);
            long t2 = System.nanoTime();
            report(replicas + " replicas running and available (virtual " + first + ")", t1, t2);
            cluster.setImage("default", "web", "web", "nginx:1.26");
            Duration second = untilRolledOut(cluster, replicas);
            long t3 = System.nanoTime();
            report("rolled out to a new image (virtual " + second + ")", t2, t3);
            cluster.advance(Duration.ofMinutes(5));
            long t4 = System.nanoTime();
            report("5 minutes of cluster time (probes: " + probes + ")", t3, t4);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap after GC: %d MiB; %s%n", (rt.totalMemory() - rt.freeMemory()) >> 20, cluster);
        }
    }

    private static Duration untilRolledOut(Cluster cluster, int replicas) {
        Duration elapsed = Duration.ZERO;
        Duration step = Duration.ofSeconds(5);
        while (!rolledOut(cluster.get("deploy", "default", "web").orElseThrow(), replicas)) {
            cluster.advance(step);
            elapsed = elapsed.plus(step);
            if (elapsed.toHours() > 2) {
                throw new IllegalStateException("not rolled out after 2 h of cluster time");
            }
        }
        return elapsed;
    }

    /** What {@code kubectl rollout status} waits for. */
    private static boolean rolledOut(Resource d, int replicas) {
        String want = Integer.toString(replicas);
        return d.field("status.observedGeneration").map(g -> Long.parseLong(g) >= d.generation()).orElse(false)
                && d.field("status.updatedReplicas").orElse("0").equals(want)
                && d.field("status.replicas").orElse("0").equals(want)
                && d.field("status.availableReplicas").orElse("0").equals(want);
    }

    private static void report(String what, long from, long to) {
        System.out.printf("%-70s %8.2f s%n", what, (to - from) / 1e9);
    }

    /** The Deployment {@code web} (label {@code app=web}, port 80) both benches run. */
    static String deployment(int replicas, String image, boolean probes) {
        String probe = !probes ? "" : """
                        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
                        livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 10}
                """;
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: "%s"
                        ports: [{containerPort: 80}]
                %s""".formatted(replicas, image, probe);
    }
}
