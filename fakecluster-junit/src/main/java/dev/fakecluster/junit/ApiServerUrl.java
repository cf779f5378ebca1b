package dev.fakecluster.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link java.net.URI} or {@code String} parameter to receive the base URL of the test's
 * cluster served over HTTP, e.g. {@code http://127.0.0.1:40123}. Needs
 * {@code dev.fakecluster:fakecluster-http} on the test classpath; the server starts on first use
 * and stops with the cluster.
 *
 * <pre>{@code
 * @Test
 * void servesTheApi(Cluster cluster, @ApiServerUrl URI url) { ... }
 * }</pre>
 *
 * @since 0.1
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ApiServerUrl {
}
