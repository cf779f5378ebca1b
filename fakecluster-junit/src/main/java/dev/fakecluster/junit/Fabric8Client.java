package dev.fakecluster.junit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;

/** Builds a fabric8 client for a served cluster; loaded only when a test asks for one. */
final class Fabric8Client {

    private Fabric8Client() {
    }

    /** A client for {@code url}, namespace {@code default}, ignoring the user's own kubeconfig and environment. */
    static KubernetesClient create(URI url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url.toString()).withNamespace("default").build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
