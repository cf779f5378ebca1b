package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.http.FakeApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster's HTTP API server and a kubeconfig for it in a directory of its own. The only class
 * that names fakecluster-http: it is loaded only after {@link ServerParameters} found that module.
 */
final class ServedCluster implements AutoCloseable {

    private final FakeApiServer server;
    private final Path kubeconfig;

    private ServedCluster(FakeApiServer server, Path kubeconfig) {
        this.server = server;
        this.kubeconfig = kubeconfig;
    }

    /** Serves the cluster on 127.0.0.1 and a free port, and writes its kubeconfig. */
    static ServedCluster start(Cluster cluster) {
        FakeApiServer server = FakeApiServer.start(cluster);
        try {
            Path dir = Files.createTempDirectory("fakecluster-");
            return new ServedCluster(server, server.writeKubeconfig(dir.resolve("kubeconfig")));
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot create a directory for the kubeconfig", e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    FakeApiServer server() {
        return server;
    }

    URI url() {
        return URI.create(server.url());
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /** Stops the server (the cluster stays open: its handle closes it) and deletes the kubeconfig. */
    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            Files.deleteIfExists(kubeconfig);
            Files.deleteIfExists(kubeconfig.getParent());
        }
    }
}
