package dev.fakecluster.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.ClusterBuilder;
import dev.fakecluster.ContainerBehaviour;
import dev.fakecluster.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** {@code @FakeCluster(customizer = ...)}: a builder configured from code, and the customizer injected. */
class ClusterCustomizerTest {

    /** An image that answers with a greeting the test may change. */
    static final class Greeter implements ClusterCustomizer {
        private volatile String greeting = "hello";

        @Override
        public void customize(ClusterBuilder builder) {
            builder.image("greeter", ContainerBehaviour.httpServer(request -> Reply.of(200, greeting)));
        }

        void greet(String greeting) {
            this.greeting = greeting;
        }
    }

    static String greeting(Cluster cluster) {
        cluster.apply("apiVersion: v1\nkind: Pod\nmetadata: {name: greeter}\n"
                + "spec: {containers: [{name: main, image: greeter, ports: [{containerPort: 8080}]}]}\n");
        cluster.advance(Duration.ofSeconds(5));
        String ip = cluster.get("pod", "default", "greeter").orElseThrow().field("status.podIP").orElseThrow();
        return cluster.http().get("http://" + ip + ":8080/").body();
    }

    @FakeCluster(customizer = Greeter.class, nodes = "solo")
    @Fixture
    static class InjectionCases {

        private final Greeter fromConstructor;

        InjectionCases(Greeter greeter) {
            this.fromConstructor = greeter;
        }

        @Test
        void theCustomizersImageAnswersAsTheTestTellsIt(Cluster cluster, Greeter greeter) {
            assertThat(greeter).isSameAs(fromConstructor);
            assertThat(greeting(cluster)).isEqualTo("hello");

            greeter.greet("bonjour");

            String ip = cluster.get("pod", "default", "greeter").orElseThrow().field("status.podIP").orElseThrow();
            assertThat(cluster.http().get("http://" + ip + ":8080/").body()).isEqualTo("bonjour");
        }

        @Test
        void itCanBeAskedForByItsInterface(ClusterCustomizer customizer, Greeter greeter) {
            assertThat(customizer).isSameAs(greeter);
        }
    }

    @Test
    void theCustomizerConfiguresTheBuilderAndIsInjected() {
        EngineRun.of(InjectionCases.class).succeeded(2);
    }

    @FakeCluster(customizer = Greeter.class, nodes = "solo")
    @TestInstance(Lifecycle.PER_CLASS)
    @Fixture
    static class OnePerClusterCases {

        private final List<Greeter> seen = new CopyOnWriteArrayList<>();

        @Test
        void first(Greeter greeter) {
            seen.add(greeter);
        }

        @Test
        void second(Greeter greeter) {
            seen.add(greeter);
        }

        @AfterAll
        void eachClusterHadItsOwn() {
            assertThat(seen).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void eachClusterGetsANewCustomizer() {
        EngineRun.of(OnePerClusterCases.class).succeeded(2);
    }

    /** Sets the start time too, overriding the annotation. */
    static final class LaterStart implements ClusterCustomizer {
        @Override
        public void customize(ClusterBuilder builder) {
            builder.startTime(Instant.parse("2030-01-01T00:00:00Z"));
        }
    }

    @FakeCluster(startTime = "2026-01-01T00:00:00Z", customizer = LaterStart.class)
    @Fixture
    static class LastWordCases {
        @Test
        void theCustomizerWins(Cluster cluster) {
            assertThat(cluster.now()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        }
    }

    @Test
    void theCustomizerRunsAfterTheAttributes() {
        EngineRun.of(LastWordCases.class).succeeded(1);
    }

    abstract static class AbstractCustomizer implements ClusterCustomizer {
    }

    final class InnerCustomizer implements ClusterCustomizer {
        @Override
        public void customize(ClusterBuilder builder) {
        }
    }

    static final class ThrowingConstructor implements ClusterCustomizer {
        ThrowingConstructor() {
            throw new IllegalStateException("boom");
        }

        @Override
        public void customize(ClusterBuilder builder) {
        }
    }

    static final class NegativeTimings implements ClusterCustomizer {
        @Override
        public void customize(ClusterBuilder builder) {
            builder.podTimings(Duration.ofSeconds(-1), Duration.ZERO);
        }
    }

    @FakeCluster(customizer = AbstractCustomizer.class)
    @Fixture
    static class AbstractCases {
        @Test
        void test() {
        }
    }

    @FakeCluster(customizer = InnerCustomizer.class)
    @Fixture
    static class InnerCases {
        @Test
        void test() {
        }
    }

    @FakeCluster(customizer = ThrowingConstructor.class)
    @Fixture
    static class ThrowingConstructorCases {
        @Test
        void test(Cluster cluster) {
        }
    }

    @FakeCluster(customizer = NegativeTimings.class)
    @Fixture
    static class ThrowingCustomizeCases {
        @Test
        void test(Cluster cluster) {
        }
    }

    @Test
    void aCustomizerTheExtensionCannotUseIsAConfigurationError() {
        assertThat(EngineRun.of(AbstractCases.class).onlyFailure())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(customizer = AbstractCustomizer.class) on AbstractCases: it is abstract;"
                        + " name a class the extension can make an instance of");
        assertThat(EngineRun.of(InnerCases.class).onlyFailure())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(customizer = InnerCustomizer.class) on InnerCases: it has no constructor"
                        + " without parameters (an inner class takes its enclosing instance); make it a top-level"
                        + " or static nested class with one");
        assertThat(EngineRun.of(ThrowingConstructorCases.class).onlyFailure())
                .isInstanceOf(ParameterResolutionException.class)
                .cause().isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(customizer = ThrowingConstructor.class) on ThrowingConstructorCases:"
                        + " its constructor threw java.lang.IllegalStateException: boom");
        assertThat(EngineRun.of(ThrowingCustomizeCases.class).onlyFailure())
                .isInstanceOf(ParameterResolutionException.class)
                .cause().isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@FakeCluster(customizer = NegativeTimings.class) on ThrowingCustomizeCases:"
                        + " customize(ClusterBuilder) threw java.lang.IllegalArgumentException: pod timings cannot be negative");
    }

    @FakeCluster
    @Fixture
    static class NoCustomizerCases {
        @Test
        void test(Greeter greeter) {
        }
    }

    @FakeCluster(customizer = LaterStart.class)
    @Fixture
    static class OtherCustomizerCases {
        @Test
        void test(Greeter greeter) {
        }
    }

    @Test
    void aCustomizerParameterNeedsTheAnnotationToNameItsClass() {
        assertThat(EngineRun.of(NoCustomizerCases.class).onlyFailure())
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("the Greeter parameter of NoCustomizerCases.test() asks for a customizer, but @FakeCluster"
                        + " on NoCustomizerCases names none; name it there: @FakeCluster(customizer = Greeter.class)");
        assertThat(EngineRun.of(OtherCustomizerCases.class).onlyFailure())
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("the Greeter parameter of OtherCustomizerCases.test() asks for a customizer, but @FakeCluster"
                        + " on OtherCustomizerCases names LaterStart.class; name it there: @FakeCluster(customizer = Greeter.class)");
    }
}
