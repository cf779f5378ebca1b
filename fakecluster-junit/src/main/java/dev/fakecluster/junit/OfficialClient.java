package dev.fakecluster.junit;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The official Java client's {@link ApiClient} for a served cluster, read from its kubeconfig;
 * loaded only when a test asks for one. {@code ApiClient} has no {@code close()}: closing this
 * stops its OkHttp threads and connections.
 */
record OfficialClient(ApiClient client) implements AutoCloseable {

    static OfficialClient create(Path kubeconfig) {
        try {
            return new OfficialClient(Config.fromConfig(kubeconfig.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfig, e);
        }
    }

    @Override
    public void close() {
        client.getHttpClient().dispatcher().executorService().shutdown();
        client.getHttpClient().connectionPool().evictAll();
    }
}
