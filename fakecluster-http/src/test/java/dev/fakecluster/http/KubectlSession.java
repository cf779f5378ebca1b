package dev.fakecluster.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fakecluster.Cluster;
import dev.fakecluster.ClusterBuilder;
import dev.fakecluster.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The tutorial's setting for one test: a cluster with a virtual clock behind a server, and the real
 * kubectl pointed at it. Starting one skips the test where no kubectl is installed.
 */
final class KubectlSession implements AutoCloseable {

    private static final Path MANIFESTS = Path.of(System.getProperty("fakecluster.seed.manifests",
            "../fakecluster-core/src/test/resources/seed/manifests"));

    final Cluster cluster;
    final FakeApiServer server;
    final Kubectl kubectl;
    private final Path dir;

    private KubectlSession(Cluster cluster, FakeApiServer server, Kubectl kubectl, Path dir) {
        this.cluster = cluster;
        this.server = server;
        this.kubectl = kubectl;
        this.dir = dir;
    }

    /** A three-node cluster (seed 42) and kubectl working in {@code dir}. */
    static KubectlSession start(Path dir) {
        return start(dir, Cluster.builder().seed(42));
    }

    /** The cluster {@code builder} makes, and kubectl working in {@code dir}. */
    static KubectlSession start(Path dir, ClusterBuilder builder) {
        Optional<Path> binary = Kubectl.find();
        assumeTrue(binary.isPresent(), "kubectl is not installed on this machine (not on PATH): kubectl tests skipped");
        Cluster cluster = builder.build();
        // Silent watches are probed every 200 ms, so a watch whose kubectl was stopped ends soon after.
        FakeApiServer server = FakeApiServer.builder().cluster(cluster).watchKeepAlive(Duration.ofMillis(200)).build().start();
        return new KubectlSession(cluster, server, new Kubectl(binary.get(), server, dir), dir);
    }

    /** Runs kubectl; it must succeed. */
    Kubectl.Result ok(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exitCode()).as("kubectl %s failed: %s", String.join(" ", args), r.err()).isZero();
        return r;
    }

    /** What kubectl prints when it succeeds without a word on standard error. */
    String out(String... args) {
        Kubectl.Result r = ok(args);
        assertThat(r.err()).as("standard error of kubectl %s", String.join(" ", args)).isEmpty();
        return r.out();
    }

    /** What kubectl prints on standard error when it fails (exit code 1). */
    String fails(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exitCode()).as("kubectl %s should fail; it printed %s", String.join(" ", args), r.out()).isEqualTo(1);
        return r.err();
    }

    /** The path of one of the tutorial's manifests. */
    String manifest(String name) {
        return MANIFESTS.resolve(name).toString();
    }

    /** Writes a manifest of the test's own and returns its path. */
    String file(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void advance(Duration d) {
        cluster.advance(d);
    }

    /** The names of the pods a selector picks in {@code default}, in name order. */
    List<String> pods(String selector) {
        return cluster.list("pods", "default", selector).stream().map(Resource::name).sorted().toList();
    }

    /** A field of a pod in {@code default}, e.g. {@code status.podIP}. */
    String field(String pod, String path) {
        return field("default", pod, path);
    }

    /** A field of a pod, e.g. {@code spec.nodeName}. */
    String field(String namespace, String pod, String path) {
        return cluster.get("pods", namespace, pod).orElseThrow().field(path).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        cluster.close();
    }

    /** {@code kubectl describe}'s text with each top-level field's padding cut to one space: {@code Type: ClusterIP}. */
    static String fields(String describe) {
        return describe.replaceAll("(?m)^(\\S[^:\n]*:) +", "$1 ");
    }

    /**
     * A table as kubectl prints it: each row's cells (given separated by two or more spaces) padded
     * to the column's widest cell plus 3 spaces, at least 6 wide, the last cell unpadded (Go's
     * tabwriter as kubectl sets it up).
     */
    static String table(String... rows) {
        return table(List.of(rows));
    }

    /** {@link #table(String...)} of a header and rows given in any order, printed in name order as the API server lists them. */
    static String table(String header, Collection<String> rows) {
        List<String> all = new ArrayList<>(List.of(header));
        rows.stream().sorted().forEach(all::add);
        return table(all);
    }

    private static String table(List<String> rows) {
        List<String[]> cells = new ArrayList<>();
        for (String row : rows) {
            cells.add(row.strip().split(" {2,}"));
        }
        int[] widths = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], Math.max(6, row[i].length() + 3));
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                b.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s", row[i]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
