package dev.fakecluster.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import dev.fakecluster.ClusterBuilder;
import dev.fakecluster.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Creating, configuring, injecting and closing the cluster of {@code @FakeCluster}. */
class FakeClusterExtensionTest {

    static List<String> nodes(Cluster cluster) {
        return cluster.list("nodes", null, null).stream().map(Resource::name).toList();
    }

    @FakeCluster(seed = 7, nodes = {"a", "b"})
    @Fixture
    static class InjectionCases {

        private final Cluster fromConstructor;
        private Cluster fromBeforeEach;

        InjectionCases(Cluster cluster) {
            this.fromConstructor = cluster;
        }

        @BeforeEach
        void setUp(Cluster cluster) {
            fromBeforeEach = cluster;
        }

        @Test
        void constructorLifecycleMethodAndTestGetTheSameCluster(Cluster cluster) {
            assertThat(fromConstructor).isSameAs(cluster);
            assertThat(fromBeforeEach).isSameAs(cluster);
        }

        @Test
        void theClusterIsBuiltWithTheAnnotationsSeedAndNodes(Cluster cluster) {
            assertThat(nodes(cluster)).containsExactly("a", "b");
            try (Cluster same = Cluster.builder().seed(7).nodes("a", "b").build()) {
                assertThat(cluster.get("node", null, "a").orElseThrow().uid())
                        .isEqualTo(same.get("node", null, "a").orElseThrow().uid());
            }
        }

        @Test
        @FakeCluster(nodes = "solo")
        void anAnnotationOnTheMethodWins(Cluster cluster) {
            assertThat(nodes(cluster)).containsExactly("solo");
            assertThat(fromConstructor).isSameAs(cluster);
        }

        @Test
        @FakeCluster(realTime = true)
        void aRealTimeClusterIsInjectedToo(Cluster cluster) {
            cluster.advance(Duration.ofSeconds(5));

            assertThat(nodes(cluster)).containsExactly("node1", "node2", "node3");
        }
    }

    @Test
    void injectsTheAnnotatedClusterIntoConstructorLifecycleMethodsAndTests() {
        EngineRun.of(InjectionCases.class).succeeded(4);
    }

    @FakeCluster(manifests = {"manifests/shop-namespace.yaml", "src/test/resources/manifests/shop-settings.yaml"})
    @Fixture
    static class ManifestCases {

        @Test
        void manifestsAreAppliedInOrderFromTheClasspathOrAFile(Cluster cluster) {
            assertThat(cluster.get("configmap", "shop", "settings").orElseThrow().field("data.currency")).contains("EUR");
        }

        @Test
        void eachTestStartsFromTheManifestsAlone(Cluster cluster) {
            cluster.delete("namespace", null, "shop");
            cluster.advance(Duration.ofSeconds(5));

            assertThat(cluster.get("namespace", null, "shop")).isEmpty();
        }

        @Test
        void andAgain(Cluster cluster) {
            assertThat(cluster.get("namespace", null, "shop")).isPresent();
        }
    }

    @Test
    void appliesTheManifestsInOrderBeforeEachTest() {
        EngineRun.of(ManifestCases.class).succeeded(3);
    }

    @FakeCluster(diagnostics = false)
    @TestInstance(Lifecycle.PER_CLASS)
    @Fixture
    static class ClosingCases {

        private final List<Cluster> seen = new CopyOnWriteArrayList<>();

        @Test
        void fails(Cluster cluster) {
            seen.add(cluster);
            throw new AssertionError("the test failed");
        }

        @Test
        void passes(Cluster cluster) {
            seen.add(cluster);
        }

        @Test
        void failsInAfterEach(Cluster cluster) {
            seen.add(cluster);
        }

        @AfterEach
        void tearDown(Cluster cluster, TestInfo test) {
            if (test.getTestMethod().orElseThrow().getName().equals("failsInAfterEach")) {
                throw new IllegalStateException("tear-down failed");
            }
        }

        @AfterAll
        void everyClusterIsClosedWhenItsTestEnds() {
            assertThat(seen).hasSize(3).doesNotHaveDuplicates().allSatisfy(cluster ->
                    assertThatThrownBy(() -> cluster.list("pods", null, null)).hasMessage("cluster is closed"));
        }
    }

    @Test
    void closesEachClusterAfterItsTestWhetherItPassedOrFailed() {
        EngineRun run = EngineRun.of(ClosingCases.class);

        assertThat(run.failures()).extracting(Throwable::getMessage)
                .containsExactlyInAnyOrder("the test failed", "tear-down failed");
    }

    @FakeCluster(nodes = {})
    @Fixture
    static class NoNodesCases {
        @Test
        void test(Cluster cluster) {
        }
    }

    @FakeCluster(nodes = {"node1", "Node_2"})
    @Fixture
    static class BadNodeNameCases {
        @Test
        void test(Cluster cluster) {
        }
    }

    @FakeCluster(manifests = "manifests/missing.yaml")
    @Fixture
    static class MissingManifestCases {
        @Test
        void test(Cluster cluster) {
        }
    }

    @FakeCluster(manifests = "manifests/invalid.yaml")
    @Fixture
    static class InvalidManifestCases {
        @Test
        void test(Cluster cluster) {
        }
    }

    @Fixture

    static class PerClassOnAMethodCases {
        @Test
        @FakeCluster(scope = FakeCluster.Scope.PER_CLASS)
        void test(Cluster cluster) {
        }
    }

    @FakeCluster
    @Fixture
    static class BeforeAllCases {
        @BeforeAll
        static void setUp(Cluster cluster) {
        }

        @Test
        void test() {
        }
    }

    @Test
    void misconfigurationNamesTheAttributeTheValueAndAFix() {
        assertThat(EngineRun.of(NoNodesCases.class).onlyFailure())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(nodes = {}) on NoNodesCases: a cluster needs at least one node,"
                        + " e.g. @FakeCluster(nodes = \"minikube\")");
        assertThat(EngineRun.of(BadNodeNameCases.class).onlyFailure())
                .isInstanceOf(ParameterResolutionException.class)   // the cluster is built when a parameter asks for it
                .cause().isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@FakeCluster(nodes = {\"node1\", \"Node_2\"}) on BadNodeNameCases: the API server"
                        + " rejected a node: Node \"Node_2\" is invalid: metadata.name: Invalid value: \"Node_2\":")
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
        assertThat(EngineRun.of(MissingManifestCases.class).onlyFailure())
                .isInstanceOf(ParameterResolutionException.class)
                .cause().isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@FakeCluster(manifests = \"manifests/missing.yaml\") on MissingManifestCases:"
                        + " there is no classpath resource or file of that name; put it under src/test/resources,"
                        + " or give a path from /");
        assertThat(EngineRun.of(InvalidManifestCases.class).onlyFailure())
                .isInstanceOf(ParameterResolutionException.class)
                .cause().isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(manifests = \"manifests/invalid.yaml\") on InvalidManifestCases:"
                        + " the API server rejected it: Deployment.apps \"no-selector\" is invalid:"
                        + " [spec.selector: Required value, spec.template.metadata.labels: Invalid value:"
                        + " map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`]");
        assertThat(EngineRun.of(PerClassOnAMethodCases.class).onlyFailure())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(scope = PER_CLASS) on PerClassOnAMethodCases.test(): a method has no"
                        + " class-wide cluster to share; put @FakeCluster(scope = PER_CLASS) on the class,"
                        + " or drop the scope here")
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
        assertThat(EngineRun.of(BadStartTimeCases.class).onlyFailure())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(startTime = \"2026-01-01\") on BadStartTimeCases: it is not an instant;"
                        + " write it in ISO-8601 with a Z, e.g. \"2026-01-01T00:00:00Z\"");
    }

    @FakeCluster(startTime = "2026-01-01")
    @Fixture
    static class BadStartTimeCases {
        @Test
        void test() {
        }
    }

    @FakeCluster(startTime = "2026-03-01T12:00:00Z")
    @Fixture
    static class StartTimeCases {
        @Test
        void theClockStartsThere(Cluster cluster) {
            assertThat(cluster.now()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
            assertThat(cluster.get("node", null, "node1").orElseThrow().creationTimestamp()).isEqualTo(cluster.now());
        }

        @Test
        @FakeCluster
        void withoutItTheBuildersDefault(Cluster cluster) {
            assertThat(cluster.now()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        }
    }

    @Test
    void startTimeSetsWhereTheClockStarts() {
        EngineRun.of(StartTimeCases.class).succeeded(2);
    }

    /** Would fail the build of any cluster: proof that none is built when no parameter asks for one. */
    static final class Unbuildable implements ClusterCustomizer {
        @Override
        public void customize(ClusterBuilder builder) {
            throw new IllegalStateException("no cluster should have been built");
        }
    }

    @FakeCluster(customizer = Unbuildable.class)
    @Fixture
    static class NoClusterCases {
        @Test
        void buildsItsOwn() {
            try (Cluster own = Cluster.builder().nodes("own").build()) {
                assertThat(nodes(own)).containsExactly("own");
            }
        }

        @Test
        void failsWithoutTakingACluster() {
            throw new AssertionError("the test failed");
        }
    }

    @Test
    void aTestThatTakesNoClusterGetsNoneAndNoSnapshotWhenItFails() {
        EngineRun run = EngineRun.of(NoClusterCases.class);

        assertThat(run.failures()).extracting(Throwable::getMessage).containsExactly("the test failed");
        assertThat(run.reported("fakecluster")).isEmpty();
    }

    @Test
    void aPerMethodClusterCannotBeInjectedBeforeAll() {
        assertThat(EngineRun.of(BeforeAllCases.class).onlyFailure())
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@FakeCluster on BeforeAllCases gives each test its own cluster, so there is none for"
                        + " BeforeAllCases.setUp(), which runs outside the tests; use @FakeCluster(scope = PER_CLASS)"
                        + " to share one cluster with @BeforeAll methods or a @TestInstance(PER_CLASS) constructor,"
                        + " or take the Cluster in the test method");
    }
}
