package dev.fakecluster.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link java.nio.file.Path} parameter to receive a kubeconfig file for the test's cluster
 * served over HTTP (context {@code fakecluster}, namespace {@code default}), for kubectl or any
 * client. Needs {@code dev.fakecluster:fakecluster-http} on the test classpath; the file is deleted
 * when the cluster closes.
 *
 * <pre>{@code
 * @Test
 * void kubectlSeesTheNodes(@Kubeconfig Path kubeconfig) {
 *     // kubectl --kubeconfig <kubeconfig> get nodes
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Kubeconfig {
}
