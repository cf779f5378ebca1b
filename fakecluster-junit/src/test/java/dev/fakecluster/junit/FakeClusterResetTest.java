package dev.fakecluster.junit;

import static dev.fakecluster.junit.FakeClusterScopeTest.mark;
import static dev.fakecluster.junit.FakeClusterScopeTest.marks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakecluster.Cluster;
import dev.fakecluster.http.FakeApiServer;
import dev.fakecluster.junit.FakeCluster.Scope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** {@code @FakeCluster(scope = PER_CLASS, reset = true)}: a shared cluster, rebuilt from the settings after each test. */
class FakeClusterResetTest {

    @FakeCluster(scope = Scope.PER_CLASS, reset = true, manifests = "manifests/shop-namespace.yaml", diagnostics = false)
    @TestInstance(Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @Fixture
    static class ResetCases {

        private final List<Cluster> clusters = new CopyOnWriteArrayList<>();
        private final List<FakeApiServer> servers = new CopyOnWriteArrayList<>();
        private Cluster fromBeforeEach;

        @BeforeEach
        void setUp(Cluster cluster) {
            fromBeforeEach = cluster;
            mark(cluster, "before-each");
        }

        @Test
        @Order(1)
        void first(Cluster cluster, FakeApiServer server) {
            assertThat(fromBeforeEach).isSameAs(cluster);
            mark(cluster, "first");
            clusters.add(cluster);
            servers.add(server);
        }

        @Test
        @Order(2)
        void secondStartsFromTheManifestsAgain(Cluster cluster, FakeApiServer server) {
            assertThat(marks(cluster)).containsExactly("before-each");
            assertThat(cluster.get("namespace", null, "shop")).isPresent();
            clusters.add(cluster);
            servers.add(server);
        }

        @Nested
        class Inner {
            @Test
            void nestedTestsAreResetToo(Cluster cluster) {
                assertThat(marks(cluster)).containsExactly("before-each");
                clusters.add(cluster);
            }
        }

        @AfterAll
        void eachTestHadANewClusterAndServerClosedAfterIt() {
            assertThat(clusters).hasSize(3).doesNotHaveDuplicates().allSatisfy(cluster ->
                    assertThatThrownBy(() -> cluster.list("pods", null, null)).hasMessage("cluster is closed"));
            assertThat(servers).hasSize(2).doesNotHaveDuplicates()
                    .allSatisfy(server -> assertThat(server).hasToString("FakeApiServer[closed]"));
        }
    }

    @Test
    void eachTestOfAResetClassGetsANewClusterBuiltFromTheSameSettings() {
        EngineRun.of(ResetCases.class).succeeded(3);
    }

    @FakeCluster(scope = Scope.PER_CLASS, reset = true)
    @Fixture
    static class BeforeAllCases {
        @BeforeAll
        static void setUp(Cluster cluster) {
        }

        @Test
        void test(Cluster cluster) {
        }
    }

    @Test
    void aBeforeAllMethodCannotSetUpAClusterThatIsRebuiltBeforeEachTest() {
        assertThat(EngineRun.of(BeforeAllCases.class).onlyFailure()).isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@FakeCluster(reset = true) on BeforeAllCases gives each test a new cluster, so what"
                        + " BeforeAllCases.setUp() did to one would not last; set the cluster up with manifests or in a"
                        + " @BeforeEach method");
    }

    @FakeCluster(reset = true)
    @Fixture
    static class PerMethodCases {
        @Test
        void test(Cluster cluster) {
        }
    }

    @FakeCluster(scope = Scope.PER_CLASS, reset = true)
    @Execution(ExecutionMode.CONCURRENT)
    @Fixture
    static class ConcurrentCases {
        @Test
        void test(Cluster cluster) {
        }
    }

    @Test
    void resetIsRefusedWhereItMeansNothingOrCannotWork() {
        assertThat(EngineRun.of(PerMethodCases.class).onlyFailure()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(reset = true) on PerMethodCases: under scope = PER_METHOD every test already"
                        + " gets a new cluster; reset applies to scope = PER_CLASS");
        assertThat(EngineRun.of(ConcurrentCases.class).onlyFailure()).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(reset = true) on ConcurrentCases: the tests sharing the cluster run concurrently,"
                        + " so one would close the cluster under another; add @Execution(SAME_THREAD) to the class");
    }
}
