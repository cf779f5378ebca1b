package dev.fakecluster.examples;

import dev.fakecluster.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's first command: builds the tutorial's three-node cluster, applies a manifest from the
 * tutorial (or a built-in copy when {@code ../shared/seed} is not beside the checkout) and prints
 * what {@code kubectl get} would show.
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
            section("$ kubectl get namespaces", cluster.table("namespaces", null));
            if (Files.exists(seed)) {
                System.out.println("$ kubectl apply -f " + seed.getFileName());
                cluster.apply(seed);
            } else {
                System.out.println("$ kubectl apply -f nginx.yaml   # built-in copy of the tutorial's manifest");
                cluster.apply(FALLBACK);
            }
            System.out.println("deployment.apps/nginx-deployment created\n");
            cluster.advance(Duration.ofSeconds(42));
            section("$ kubectl get deployments -o json | jq .items[0].spec.strategy   (defaults of extensions/v1beta1)",
                    cluster.get("deploy", "default", "nginx-deployment").orElseThrow().json()
                            .path("spec").path("strategy").toPrettyString() + "\n");
            section("$ kubectl get deployments   (no controllers yet: nothing rolls out)", cluster.table("deploy", "default"));
            section("$ kubectl get services -A", cluster.table("services", null));
            System.out.println(cluster);
        }
    }

    private static void section(String command, String output) {
        System.out.println(command);
        System.out.println(output);
    }
}
