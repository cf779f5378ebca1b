package dev.fakecluster.benchmarks;

import dev.fakecluster.Cluster;
import dev.fakecluster.http.FakeApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fabric8 client 8 against our {@link FakeApiServer} and against fabric8's own
 * {@link KubernetesMockServer} in CRUD mode, in one run, for docs/performance.md:
 *
 * <ul>
 *   <li>start-up from a cold JVM: {@code java -jar fakecluster-server.jar}, and a JVM running the
 *       mock server, each from process start to the first answered {@code GET /version};
 *   <li>start-up in a warm JVM: a fresh server (for ours, a fresh cluster too) to the first answered
 *       {@code GET /version};
 *   <li>ConfigMap create / get / list with a label selector / update / delete, one client thread,
 *       operations per second;
 *   <li>watch latency: from just before a create to its ADDED event reaching the client's watcher.
 * </ul>
 *
 * A bench main, not JMH: each phase is a fixed loop after a full warm-up round on both servers.
 *
 * <pre>mvn -B -ntp -q -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp benchmarks/target/classes:$(cat benchmarks/target/classpath.txt) dev.fakecluster.benchmarks.ServerBench</pre>
 */
public final class ServerBench {

    private static final int OBJECTS = 1_000;
    private static final int LISTS = 200;
    private static final int WATCHED = 300;
    private static final int COLD_STARTS = 5;
    private static final int WARM_STARTS = 20;
    private static final String MOCK_SERVER = "mock-server";
    /** The mock logs every request at INFO through java.util.logging: console output would dominate its timings. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private ServerBench() {
    }

    /** A server under test: its URL and how to stop it. */
    private record Server(String name, String url, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(MOCK_SERVER)) {
            serveMock();
            return;
        }
        Path jar = Path.of(args.length > 0 ? args[0] : "fakecluster-http/target/fakecluster-server.jar");
        System.out.printf("java %s, %d cores%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        System.out.println("\n== start-up in a cold JVM (process start to first answered GET /version), ms");
        coldStarts("java -jar fakecluster-server.jar", List.of(java(), "-jar", jar.toString(), "--port", "0",
                "--kubeconfig", Files.createTempFile("bench-", ".kubeconfig").toString()));
        coldStarts("fabric8 mock (CRUD)", List.of(java(), "-cp", System.getProperty("java.class.path"),
                ServerBench.class.getName(), MOCK_SERVER));

        System.out.println("\n== start-up in a warm JVM (new server to first answered GET /version), ms");
        warmStarts(ServerBench::ours, WARM_STARTS);
        warmStarts(ServerBench::mock, WARM_STARTS);
        report("FakeApiServer + Cluster", warmStarts(ServerBench::ours, WARM_STARTS));
        report("fabric8 mock (CRUD)", warmStarts(ServerBench::mock, WARM_STARTS));

        for (String round : List.of("warm-up", "measured")) {
            for (Supplier<Server> start : List.<Supplier<Server>>of(ServerBench::ours, ServerBench::mock)) {
                try (Server server = start.get(); KubernetesClient client = client(server.url())) {
                    System.out.printf("%n== %s round: %s%n", round, server.name());
                    operations(client);
                    watchLatency(client);
                }
            }
        }
    }

    // ---- the two servers ------------------------------------------------------------------------

    private static Server ours() {
        Cluster cluster = Cluster.builder().build();
        FakeApiServer server = FakeApiServer.start(cluster);
        return new Server("FakeApiServer", server.url(), () -> {
            server.close();
            cluster.close();
        });
    }

    private static Server mock() {
        KubernetesMockServer server = startMock();
        return new Server("fabric8 KubernetesMockServer (CRUD)", server.url("/").replaceAll("/$", ""), server::destroy);
    }

    private static KubernetesMockServer startMock() {
        MOCK_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** The cold-start child: a JVM that starts the mock server, prints its URL and waits to be killed. */
    private static void serveMock() throws InterruptedException {
        KubernetesMockServer server = startMock();
        System.out.println("listening on " + server.url("/"));
        System.out.flush();
        Thread.currentThread().join();
    }

    private static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default").build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    // ---- start-up -------------------------------------------------------------------------------

    private static void coldStarts(String label, List<String> command) throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        int status = 0;
        for (int i = 0; i < COLD_STARTS; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line;
                String url = null;
                while (url == null && (line = out.readLine()) != null) {
                    int at = line.indexOf("listening on ");
                    if (at >= 0) {
                        url = line.substring(at + "listening on ".length()).replaceAll("/$", "");
                    }
                }
                if (url == null) {
                    throw new IllegalStateException("the server printed no URL: " + command);
                }
                status = firstAnswer(url);
                millis.add((System.nanoTime() - start) / 1e6);
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        report(label + " (" + status + ")", millis);
    }

    private static List<Double> warmStarts(Supplier<Server> start, int times) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            try (Server server = start.get()) {
                int status = firstAnswer(server.url());
                millis.add((System.nanoTime() - t0) / 1e6);
                check(status < 500, "GET /version answered " + status);
            }
        }
        return millis;
    }

    /** GET /version until something answers (whatever the status); plain JDK HTTP, so no client start-up is counted. */
    private static int firstAnswer(String baseUrl) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + "/version").toURL().openConnection();
                int code = c.getResponseCode();
                (code < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes();
                c.disconnect();
                return code;
            } catch (IOException notYet) {
                Thread.sleep(1);
            }
        }
        throw new IOException("no answer from " + baseUrl);
    }

    // ---- operations -----------------------------------------------------------------------------

    private static void operations(KubernetesClient client) {
        List<ConfigMap> created = new ArrayList<>();
        long t = System.nanoTime();
        for (int i = 0; i < OBJECTS; i++) {
            created.add(client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("cm-" + i)
                    .withLabels(Map.of("app", "app-" + i % 10, "tier", "web")).endMetadata()
                    .addToData("k", Integer.toString(i)).build()).create());
        }
        rate("create", OBJECTS, t);

        t = System.nanoTime();
        for (int i = 0; i < OBJECTS; i++) {
            check(client.configMaps().withName("cm-" + i).get() != null, "get");
        }
        rate("get", OBJECTS, t);

        t = System.nanoTime();
        for (int i = 0; i < LISTS; i++) {
            int found = client.configMaps().withLabel("app", "app-" + i % 10).list().getItems().size();
            check(found == OBJECTS / 10, "list returned " + found);
        }
        rate("list app=app-N (" + OBJECTS / 10 + " of " + OBJECTS + ")", LISTS, t);

        t = System.nanoTime();
        for (ConfigMap cm : created) {
            cm.getData().put("k", "updated");
            client.configMaps().resource(cm).update();
        }
        rate("update (PUT)", OBJECTS, t);

        t = System.nanoTime();
        for (int i = 0; i < OBJECTS; i++) {
            check(!client.configMaps().withName("cm-" + i).delete().isEmpty(), "delete");
        }
        rate("delete", OBJECTS, t);
    }

    private static void watchLatency(KubernetesClient client) throws InterruptedException {
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        Watch watch = client.configMaps().withLabel("bench", "watch").watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                if (action == Action.ADDED) {
                    arrivals.add(System.nanoTime());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        try {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < WATCHED; i++) {
                long start = System.nanoTime();
                client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("watched-" + i)
                        .addToLabels("bench", "watch").endMetadata().build()).create();
                Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
                check(arrived != null, "no ADDED event within 10 s");
                millis.add((arrived - start) / 1e6);
            }
            report("watch latency, create to ADDED (" + WATCHED + ")", millis);
        } finally {
            watch.close();
            client.configMaps().withLabel("bench", "watch").delete();
        }
    }

    // ---- reporting ------------------------------------------------------------------------------

    private static void rate(String what, int ops, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("  %-40s %,10.0f ops/s  (%,.0f µs each)%n", what, ops / seconds, seconds * 1e6 / ops);
    }

    private static void report(String what, List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("  %-40s median %8.2f ms   min %8.2f   p90 %8.2f   max %8.2f   (n=%d)%n", what,
                percentile(sorted, 50), sorted[0], percentile(sorted, 90), sorted[sorted.length - 1], sorted.length);
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark went wrong: " + what);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
