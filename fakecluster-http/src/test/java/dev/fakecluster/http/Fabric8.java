package dev.fakecluster.http;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;

/** What the fabric8 test classes share: a client for a server, and the Deployment they roll out. */
final class Fabric8 {

    private Fabric8() {
    }

    /** A fabric8 client of the server (see {@link #config}). */
    static KubernetesClient client(FakeApiServer server) {
        return new KubernetesClientBuilder().withConfig(config(server)).build();
    }

    /** The server, namespace {@code default}, with short timeouts so that a hang fails the test. */
    static Config config(FakeApiServer server) {
        return new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace("default")
                .withRequestTimeout(10_000).withConnectionTimeout(10_000).build();
    }

    /** Deployment {@code web}: {@code app=web}, one {@code nginx:1.25} container named {@code nginx}. */
    static Deployment web(int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.25").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
