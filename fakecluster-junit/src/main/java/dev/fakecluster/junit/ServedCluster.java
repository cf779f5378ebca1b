package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.http.FakeApiServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * A cluster's HTTP API server, whose kubeconfig it writes on demand and deletes when it closes. The
 * only class that names fakecluster-http: it is loaded only after {@link ServerParameters} found
 * that module.
 */
final class ServedCluster implements AutoCloseable {

    private final FakeApiServer server;

    private ServedCluster(FakeApiServer server) {
        this.server = server;
    }

    /** Serves the cluster on 127.0.0.1 and a free port. */
    static ServedCluster start(Cluster cluster) {
        return new ServedCluster(FakeApiServer.start(cluster));
    }

    FakeApiServer server() {
        return server;
    }

    URI url() {
        return URI.create(server.url());
    }

    Path kubeconfig() {
        return server.kubeconfig();
    }

    /** Stops the server and deletes its kubeconfig; the cluster stays open (its handle closes it). */
    @Override
    public void close() {
        server.close();
    }
}
