package dev.fakecluster.junit;

import static dev.fakecluster.junit.FakeClusterExtensionTest.nodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which tests share a cluster: per method, per class, nested classes, parameterized and parallel tests. */
class FakeClusterScopeTest {

    /** Creates a ConfigMap the fixtures can count, failing if the cluster already has it. */
    static void mark(Cluster cluster, String name) {
        cluster.create("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + ", labels: {mark: \"yes\"}}\n");
    }

    static List<String> marks(Cluster cluster) {
        return cluster.list("configmaps", "default", "mark=yes").stream().map(Resource::name).toList();
    }

    @FakeCluster(scope = Scope.PER_CLASS, diagnostics = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @Fixture
    static class PerClassCases {

        private final Cluster fromConstructor;

        PerClassCases(Cluster cluster) {
            this.fromConstructor = cluster;
        }

        @BeforeAll
        static void setUp(Cluster cluster) {
            mark(cluster, "before-all");
        }

        @Test
        @Order(1)
        void first(Cluster cluster) {
            mark(cluster, "first");
            assertThat(fromConstructor).isSameAs(cluster);
        }

        @Test
        @Order(2)
        void secondSeesWhatTheFirstLeft(Cluster cluster) {
            assertThat(marks(cluster)).containsExactly("before-all", "first");
            assertThat(fromConstructor).isSameAs(cluster);
        }

        @Nested
        class Inner {
            @Test
            void nestedTestsShareTheAnnotatedClassesCluster(Cluster cluster) {
                assertThat(marks(cluster)).containsExactly("before-all", "first");
            }
        }
    }

    @Test
    void perClassScopeSharesOneClusterWithTheClassAndItsNestedClasses() {
        EngineRun.of(PerClassCases.class).succeeded(3);
    }

    @TestInstance(Lifecycle.PER_CLASS)
    @Fixture
    static class PerClassClosingCases {

        private final List<Cluster> seen = new CopyOnWriteArrayList<>();

        @Nested
        @FakeCluster(scope = Scope.PER_CLASS, diagnostics = false)
        class Shared {
            @Test
            void one(Cluster cluster) {
                seen.add(cluster);
            }

            @Test
            void two(Cluster cluster) {
                seen.add(cluster);
            }
        }

        @AfterAll
        void theSharedClusterIsClosedWithItsClass() {
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).isSameAs(seen.get(1));
            assertThatThrownBy(() -> seen.get(0).list("pods", null, null)).hasMessage("cluster is closed");
        }
    }

    @Test
    void aPerClassClusterIsClosedWhenItsClassEnds() {
        EngineRun.of(PerClassClosingCases.class).succeeded(2);
    }

    @FakeCluster(nodes = "outer", diagnostics = false)
    @Fixture
    static class NestedCases {

        @Test
        void outer(Cluster cluster) {
            assertThat(nodes(cluster)).containsExactly("outer");
        }

        @Nested
        class Inherits {
            @Test
            void seesTheEnclosingAnnotation(Cluster cluster) {
                assertThat(nodes(cluster)).containsExactly("outer");
                mark(cluster, "fresh");
            }

            @Test
            void andStillGetsAClusterOfItsOwn(Cluster cluster) {
                mark(cluster, "fresh");
            }

            @Nested
            @FakeCluster(nodes = "inner", diagnostics = false)
            class Overrides {
                @Test
                void theNearestAnnotationWins(Cluster cluster) {
                    assertThat(nodes(cluster)).containsExactly("inner");
                }

                @Test
                @FakeCluster(nodes = "method")
                void evenNearerOnTheMethod(Cluster cluster) {
                    assertThat(nodes(cluster)).containsExactly("method");
                }
            }
        }
    }

    @Test
    void nestedClassesSeeTheEnclosingAnnotationAndTheNearestWins() {
        EngineRun.of(NestedCases.class).succeeded(5);
    }

    @FakeCluster(diagnostics = false)
    @Fixture
    static class ParameterizedCases {

        @ParameterizedTest
        @ValueSource(strings = {"a", "b", "c"})
        void eachInvocationGetsAFreshCluster(String name, Cluster cluster) {
            mark(cluster, name);

            assertThat(marks(cluster)).containsExactly(name);
        }

        @RepeatedTest(2)
        void soDoesEachRepetition(Cluster cluster) {
            mark(cluster, "repeated");
        }
    }

    @Test
    void parameterizedAndRepeatedTestsGetAClusterPerInvocation() {
        EngineRun.of(ParameterizedCases.class).succeeded(5);
    }

    @FakeCluster(manifests = "manifests/web.yaml", diagnostics = false)
    @Execution(ExecutionMode.CONCURRENT)
    @Fixture
    static class ParallelCases {

        @RepeatedTest(8)
        void eachConcurrentTestHasItsOwnCluster(RepetitionInfo repetition, Cluster cluster) {
            String name = "run-" + repetition.getCurrentRepetition();
            mark(cluster, name);
            cluster.scale("deploy", "default", "web", repetition.getCurrentRepetition());
            cluster.advance(Duration.ofSeconds(10));

            assertThat(marks(cluster)).containsExactly(name);
            assertThat(cluster.list("pods", "default", "app=web")).hasSize(repetition.getCurrentRepetition());
        }
    }

    @Test
    void parallelTestsDoNotShareClusters() {
        EngineRun.of(ParallelCases.class, Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4")).succeeded(8);
    }
}
