package dev.fakecluster.junit;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extension without its optional dependencies: run by a surefire execution of its own whose
 * classpath lacks fakecluster-http, fabric8 and the official client (see this module's pom).
 */
@EnabledIfSystemProperty(named = "fakecluster.without.optional", matches = "true")
@FakeCluster(manifests = "manifests/web.yaml")
class WithoutOptionalDependenciesTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev.fakecluster.http.FakeApiServer", "io.fabric8.kubernetes.client.KubernetesClient",
            "io.kubernetes.client.openapi.ApiClient"})
    void theOptionalClassesAreReallyAbsent(String name) {
        assertThatThrownBy(() -> Class.forName(name)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aClusterIsInjectedAndTheAssertionsWork(Cluster cluster) {
        cluster.advance(Duration.ofSeconds(10));

        assertThat(cluster).hasDeployment("default", "web").isRolledOut();
    }

    @FakeCluster(diagnostics = false)
    @Fixture
    static class KubeconfigCases {
        @Test
        void test(@Kubeconfig Path kubeconfig) {
        }
    }

    @Test
    void askingForTheServerNamesTheArtifactToAdd() {
        assertThat(EngineRun.of(KubeconfigCases.class).onlyFailure()).isInstanceOf(ParameterResolutionException.class)
                .hasMessage("the Path parameter of KubeconfigCases.test() needs dev.fakecluster:fakecluster-http on the"
                        + " test classpath; add it as a test dependency");
    }
}
