package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakecluster.Cluster;
import dev.fakecluster.ContainerBehaviour;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pods/binding, namespaces/finalize, pods/log with follow, and discovery listing what is served. */
class SubresourcesTest {

    private static final String UNSCHEDULED = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "custom"},
             "spec": {"schedulerName": "my-scheduler", "containers": [{"name": "c", "image": "nginx"}]}}
            """;

    @TempDir
    Path dir;
    private Cluster cluster;
    private FakeApiServer server;
    private Http http;

    @BeforeEach
    void start() {
        cluster = Cluster.builder()
                .image("ticker", ContainerBehaviour.script("i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"))
                .build();
        server = FakeApiServer.start(cluster);
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
        cluster.close();
    }

    @Test
    void aBindingPlacesAPodTheDefaultSchedulerLeavesAloneAndOnlyOnce() {
        http.post("/api/v1/namespaces/default/pods", UNSCHEDULED);
        cluster.advance(Duration.ofSeconds(5));
        assertThat(http.get("/api/v1/namespaces/default/pods/custom").json().path("spec").has("nodeName")).isFalse();

        Http.Reply bound = http.post("/api/v1/namespaces/default/pods/custom/binding", """
                {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "custom", "annotations": {"by": "me"}},
                 "target": {"apiVersion": "v1", "kind": "Node", "name": "node3"}}
                """);
        cluster.advance(Duration.ofSeconds(5));

        assertThat(bound.code()).isEqualTo(201);
        assertThat(bound.json().path("status").asText()).isEqualTo("Success");
        JsonNode pod = http.get("/api/v1/namespaces/default/pods/custom").json();
        assertThat(pod.path("spec").path("nodeName").asText()).isEqualTo("node3");
        assertThat(pod.path("metadata").path("annotations").path("by").asText()).isEqualTo("me");
        assertThat(pod.path("status").path("phase").asText()).as("node3's kubelet started it").isEqualTo("Running");

        Http.Reply again = http.post("/api/v1/namespaces/default/pods/custom/binding",
                "{\"metadata\": {\"name\": \"custom\"}, \"target\": {\"name\": \"node2\"}}");
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.json().path("message").asText())
                .isEqualTo("Operation cannot be fulfilled on pods \"custom\": pod custom is already assigned to node \"node3\"");
    }

    @Test
    void aBindingIsValidated() {
        http.post("/api/v1/namespaces/default/pods", UNSCHEDULED);

        Http.Reply wrongName = http.post("/api/v1/namespaces/default/pods/custom/binding",
                "{\"metadata\": {\"name\": \"other\"}, \"target\": {\"name\": \"node2\"}}");
        Http.Reply noTarget = http.post("/api/v1/namespaces/default/pods/custom/binding",
                "{\"metadata\": {\"name\": \"custom\"}, \"target\": {\"kind\": \"Pod\"}}");

        assertThat(wrongName.code()).isEqualTo(400);
        assertThat(wrongName.json().path("message").asText()).isEqualTo("name in URL does not match name in Binding object");
        assertThat(noTarget.code()).isEqualTo(422);
        assertThat(noTarget.json().path("message").asText()).isEqualTo("Binding \"custom\" is invalid: "
                + "[target.kind: Unsupported value: \"Pod\": supported values: \"Node\", \"<empty>\", target.name: Required value]");
        assertThat(http.get("/api/v1/namespaces/default/pods/custom").json().path("spec").has("nodeName")).isFalse();
    }

    @Test
    void finalizeRemovesTheKubernetesFinalizerAndATerminatingNamespaceGoes() {
        http.post("/api/v1/namespaces", "{\"metadata\": {\"name\": \"stuck\"}}");
        JsonNode ns = http.get("/api/v1/namespaces/stuck").json();
        assertThat(ns.path("spec").path("finalizers").get(0).asText()).isEqualTo("kubernetes");

        Http.Reply emptied = http.put("/api/v1/namespaces/stuck/finalize",
                "{\"metadata\": {\"name\": \"stuck\"}, \"spec\": {\"finalizers\": []}}");
        assertThat(emptied.code()).isEqualTo(200);
        assertThat(emptied.json().path("spec").path("finalizers")).isEmpty();
        assertThat(http.get("/api/v1/namespaces/stuck").code()).as("not deleting: it stays").isEqualTo(200);

        assertThat(http.put("/api/v1/namespaces/stuck/finalize",
                "{\"metadata\": {\"name\": \"stuck\", \"resourceVersion\": \"1\"}, \"spec\": {\"finalizers\": []}}").code())
                .as("a stale resourceVersion").isEqualTo(409);
        assertThat(http.post("/api/v1/namespaces/stuck/finalize", "{}").code()).isEqualTo(405);
    }

    @Test
    void discoveryListsTheSubresourcesServed() {
        List<String> names = new ArrayList<>();
        http.get("/api/v1").json().path("resources").forEach(r -> names.add(r.path("name").asText()));

        assertThat(names).containsSubsequence("pods", "pods/binding", "pods/eviction", "pods/log", "pods/status");
        assertThat(names).contains("namespaces/finalize");
        JsonNode eviction = null;
        for (JsonNode r : http.get("/api/v1").json().path("resources")) {
            if (r.path("name").asText().equals("pods/eviction")) {
                eviction = r;
            }
        }
        assertThat(eviction.path("group").asText()).isEqualTo("policy");
        assertThat(eviction.path("kind").asText()).isEqualTo("Eviction");
    }

    @Test
    void followingALogStreamsNewLinesAsTheClockAdvancesAndEndsWithTheContainer() throws Exception {
        cluster.apply("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "ticker"},
                 "spec": {"containers": [{"name": "c", "image": "ticker"}]}}
                """);
        cluster.advance(Duration.ofSeconds(5));
        StringBuilder received = new StringBuilder();
        Response response = http.client.newCall(new okhttp3.Request.Builder()
                .url(server.url() + "/api/v1/namespaces/default/pods/ticker/log?follow=true&tailLines=1").build()).execute();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            byte[] buffer = new byte[256];
            try (response; InputStream body = response.body().byteStream()) {
                int n;
                while ((n = body.read(buffer)) > 0) {
                    synchronized (received) {
                        received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String last = cluster.logs("default", "ticker").lines().reduce((x, y) -> y).orElseThrow();
        int n = Integer.parseInt(last.substring("tick ".length()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> text(received).equals(last + "\n"));

        cluster.advance(Duration.ofSeconds(2));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> text(received).equals(last + "\ntick " + (n + 1) + "\ntick " + (n + 2) + "\n"));

        cluster.delete("pods", "default", "ticker");
        cluster.advance(Duration.ofSeconds(31));
        done.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(text(received)).as("the stream ended when the container stopped")
                .startsWith(last + "\ntick " + (n + 1) + "\ntick " + (n + 2) + "\n");
    }

    @Test
    void kubectlDrainEvictsThroughTheEvictionApiAndAPodDisruptionBudgetHoldsIt() {
        Optional<Path> kubectl = Kubectl.find();
        assumeTrue(kubectl.isPresent(), "kubectl is not installed on this machine (not on PATH): kubectl tests skipped");
        cluster.apply("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "lonely", "labels": {"app": "lonely"}},
                 "spec": {"nodeName": "node2", "containers": [{"name": "c", "image": "nginx"}]}}
                """);
        cluster.apply("""
                {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "keep"},
                 "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "lonely"}}}}
                """);
        cluster.advance(Duration.ofSeconds(5));
        Kubectl k = new Kubectl(kubectl.get(), server, dir);

        Kubectl.Result blocked = k.run("drain", "node2", "--force", "--timeout=2s");

        assertThat(blocked.exitCode()).isNotZero();
        assertThat(blocked.out() + blocked.err()).contains("evicting pod default/lonely",
                "Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(cluster.get("pods", "default", "lonely")).as("the budget held it").isPresent();
    }

    private static String text(StringBuilder b) {
        synchronized (b) {
            return b.toString();
        }
    }
}
