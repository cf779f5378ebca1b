package dev.fakecluster.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh fake cluster: declare a {@link dev.fakecluster.Cluster} parameter on a test
 * method, a lifecycle method or the constructor, and it is built when first asked for, filled with
 * {@link #manifests()}, and closed after the test, also when the test fails. A test that asks for
 * no cluster gets none, so one that builds its own does not pay for a second. Simulated images and
 * other builder settings come from a {@link ClusterCustomizer} named in {@link #customizer()}.
 * With {@code fakecluster-http} on the test classpath, the cluster is also served over HTTP on first
 * request for a {@code FakeApiServer}, an {@link ApiServerUrl} or {@link Kubeconfig} parameter, or a
 * ready fabric8 {@code KubernetesClient} or official {@code ApiClient}. When a test fails, a snapshot
 * of the cluster (tables of the workloads, the last events and the last log lines of pods that
 * restarted or are not ready) is printed to stderr and attached to the test report.
 *
 * <pre>{@code
 * @FakeCluster(seed = 42, manifests = "nginx.yaml")
 * class WebTest {
 *     @Test
 *     void rollsOut(Cluster cluster) {
 *         cluster.advance(Duration.ofSeconds(10));
 *         assertThat(cluster).hasDeployment("default", "nginx-deployment").isRolledOut();
 *     }
 * }
 * }</pre>
 *
 * <p>On a method it overrides the class's; on a {@code @Nested} class it overrides the enclosing
 * class's: the nearest one wins. It may also be used as a meta-annotation. Requires JUnit Jupiter
 * 5.13 or later.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeClusterExtension.class)
public @interface FakeCluster {

    /** The seed of every random choice in the cluster (names, uids, IPs). */
    long seed() default 0;

    /** The nodes, in order: the first is the control plane; a single node is also schedulable. */
    String[] nodes() default {"node1", "node2", "node3"};

    /**
     * Manifests applied in order, like {@code kubectl apply -f}, when the cluster is created: each a
     * classpath resource ({@code manifests/web.yaml}) or, if there is none, a file path.
     */
    String[] manifests() default {};

    /** Lets the cluster's clock follow the wall clock instead of standing still until advanced. */
    boolean realTime() default false;

    /**
     * Runs kube-system's CoreDNS, calico-kube-controllers, kube-proxy and calico-node as the
     * tutorial's kubeadm cluster does (see {@link dev.fakecluster.ClusterBuilder#systemWorkloads()}).
     */
    boolean systemWorkloads() default false;

    /**
     * Where the virtual clock starts, as an ISO-8601 instant in UTC ({@code "2026-01-01T00:00:00Z"});
     * empty for the builder's default, 2025-01-01T00:00:00Z.
     */
    String startTime() default "";

    /**
     * Configures the cluster's builder further (simulated images and the like) after the attributes
     * above; made once per cluster and injected into parameters of its type. The default,
     * {@code ClusterCustomizer.class} itself, configures nothing.
     */
    Class<? extends ClusterCustomizer> customizer() default ClusterCustomizer.class;

    /** Whether each test gets its own cluster (the default) or the tests of a class share one. */
    Scope scope() default Scope.PER_METHOD;

    /**
     * With {@code scope = PER_CLASS}: closes the shared cluster after each test, so the next test
     * gets a new one built from these settings (seed, nodes, manifests), just as it was before the
     * first. The cluster is rebuilt rather than rolled back: kubelets, timers and controller caches
     * live outside the cluster's state, so there is no cheap way to restore it. Tests must then run
     * one after another, and a {@code @BeforeAll} method or constructor cannot take the cluster
     * (what they did would not last); {@code @Nested} classes share the reset.
     */
    boolean reset() default false;

    /** Whether a failing test prints and reports a snapshot of the cluster. */
    boolean diagnostics() default true;

    /**
     * How many of the last log lines the snapshot shows per container of a pod that restarted (from
     * the instance before the restart) or is not ready, for at most five pods; 0 leaves logs out.
     */
    int logLines() default 10;

    /** How long one cluster lives. */
    enum Scope {
        /** A new cluster for every test (every invocation of a parameterized or repeated test). */
        PER_METHOD,
        /**
         * One cluster for all tests of the annotated class and its {@code @Nested} classes, created
         * before the first and closed after the last; each test sees what the previous ones left.
         */
        PER_CLASS
    }
}
