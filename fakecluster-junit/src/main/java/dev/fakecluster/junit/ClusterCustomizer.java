package dev.fakecluster.junit;

import dev.fakecluster.ClusterBuilder;

/**
 * Configures a {@link FakeCluster} cluster beyond the annotation's attributes: simulated images,
 * unpullable images, pod timings, load balancing. Name the class in
 * {@code @FakeCluster(customizer = ...)}; the extension makes one instance per cluster with its
 * no-argument constructor, calls {@link #customize} after applying the annotation's attributes (so
 * what it sets wins), and injects that same instance into a test's parameters of its type, so the
 * test can drive what it registered.
 *
 * <pre>{@code
 * static final class MyApp implements ClusterCustomizer {
 *     final AtomicBoolean healthy = new AtomicBoolean(true);
 *
 *     @Override
 *     public void customize(ClusterBuilder builder) {
 *         builder.image("myapp", ContainerBehaviour.httpServer(request ->
 *                 healthy.get() ? Reply.of(200, "ok") : Reply.of(503, "sick")));
 *     }
 * }
 *
 * @Test
 * @FakeCluster(manifests = "myapp.yaml", customizer = MyApp.class)
 * void staysUpWhileHealthy(Cluster cluster, MyApp app) {
 *     app.healthy.set(false);
 *     // ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ClusterCustomizer {

    /** Configures the builder the cluster is about to be built from. */
    void customize(ClusterBuilder builder);
}
