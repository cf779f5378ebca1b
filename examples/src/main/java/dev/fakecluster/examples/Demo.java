package dev.fakecluster.examples;

import dev.fakecluster.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's first command: builds the tutorial's three-node cluster, applies a manifest from the
 * tutorial (or a built-in copy when {@code ../shared/seed} is not beside the checkout), rolls it out
 * to a new image and powers off a node, printing what {@code kubectl get} would show on the way,
 * all on the virtual clock.
 */
public final class Demo {

    private static final String FALLBACK = """
            apiVersion: extensions/v1beta1
            kind: Deployment
            metadata:
              name: nginx-deployment
            spec:
              replicas: 3
              template:
                metadata:
                  labels:
                    app: web_server
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.7.9
            """;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path seed = Path.of(args.length > 0 ? args[0] : "../shared/seed/manifests/nginx.v3-replicas3.yaml");
        if (!Files.exists(seed)) {
            seed = Path.of("../../shared/seed/manifests/nginx.v3-replicas3.yaml");
        }
        try (Cluster cluster = Cluster.builder().seed(42).build()) {
            section("$ kubectl get nodes", cluster.table("nodes", null));
            if (Files.exists(seed)) {
                System.out.println("$ kubectl apply -f " + seed.getFileName());
                cluster.apply(seed);
            } else {
                System.out.println("$ kubectl apply -f nginx.yaml   # built-in copy of the tutorial's manifest");
                cluster.apply(FALLBACK);
            }
            System.out.println("deployment.apps/nginx-deployment created\n");
            cluster.advance(Duration.ofSeconds(10));
            section("$ kubectl get deployments   # 10 s later", cluster.table("deploy", "default"));
            section("$ kubectl get pods", cluster.table("pods", "default"));

            System.out.println("$ kubectl set image deployment/nginx-deployment nginx=nginx:1.25\n");
            cluster.setImage("default", "nginx-deployment", "nginx", "nginx:1.25");
            cluster.advance(Duration.ofSeconds(1));
            section("$ kubectl get replicasets   # 1 s into the rolling update (maxSurge 1, maxUnavailable 1)",
                    cluster.table("rs", "default"));
            cluster.advance(Duration.ofSeconds(30));
            section("$ kubectl get replicasets   # 30 s later", cluster.table("rs", "default"));

            String node = cluster.list("pods", "default", null).get(0).field("spec.nodeName").orElseThrow();
            System.out.println("# " + node + " loses power; 6 minutes pass\n");
            cluster.node(node).kill();
            cluster.advance(Duration.ofMinutes(6));
            section("$ kubectl get nodes", cluster.table("nodes", null));
            section("$ kubectl get pods   # evicted pods stay Terminating; replacements run elsewhere",
                    cluster.table("pods", "default"));
            System.out.println("$ kubectl get events   # the last ten");
            var events = cluster.events("default");
            events.subList(Math.max(0, events.size() - 10), events.size()).forEach(e -> System.out.println(
                    e.field("reason").orElse("") + "  " + e.field("involvedObject.name").orElse("") + "  "
                            + e.field("message").orElse("")));
            System.out.println();
            System.out.println(cluster);
        }
    }

    private static void section(String command, String output) {
        System.out.println(command);
        System.out.println(output);
    }
}
