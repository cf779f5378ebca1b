package dev.fakecluster.benchmarks;

import dev.fakecluster.Cluster;
import dev.fakecluster.ClusterHttp;
import java.time.Duration;

/**
 * In-process requests per second through a Service, for docs/performance.md: a Deployment of R
 * httpd replicas behind a ClusterIP Service on three nodes; requests sent with
 * {@code cluster.http().get("http://web:8080/")} — DNS, kube-proxy's choice of a ready endpoint,
 * NetworkPolicy check, the container's answer and its access-log line — timed over a fixed count
 * after a warm-up. A bench main: each figure is one steady-state loop, printed with its setup.
 *
 * <pre>mvn -B -ntp -q -pl benchmarks -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) dev.fakecluster.benchmarks.RoutingBench 3 100</pre>
 */
public final class RoutingBench {

    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 200_000;

    private RoutingBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {3, 100} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int replicas : sizes) {
            run(replicas);
        }
    }

    private static void run(int replicas) {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(manifest(replicas));
            cluster.advanceUntil(c -> c.get("deploy", "default", "web").orElseThrow().field("status.readyReplicas")
                    .map(Integer::parseInt).orElse(0) == replicas, Duration.ofMinutes(5));
            ClusterHttp http = cluster.http();
            send(http, WARM_UP);
            long start = System.nanoTime();
            int answered = send(http, MEASURED);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%3d endpoints: %,d requests in %.2f s = %,.0f requests/s (%.1f µs each), %d answered 200%n",
                    replicas, MEASURED, seconds, MEASURED / seconds, seconds * 1e6 / MEASURED, answered);
        }
    }

    private static int send(ClusterHttp http, int count) {
        int ok = 0;
        for (int i = 0; i < count; i++) {
            if (http.get("http://web:8080/").status() == 200) {
                ok++;
            }
        }
        return ok;
    }

    private static String manifest(int replicas) {
        return RolloutBench.deployment(replicas, "httpd", false) + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 8080, targetPort: 80}]
                """;
    }
}
