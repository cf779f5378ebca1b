package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;

/**
 * The entry point of the fake cluster's AssertJ assertions. Static-import it next to AssertJ's
 * {@code Assertions}: the overloads do not clash.
 *
 * <pre>{@code
 * import static dev.fakecluster.junit.ClusterAssertions.assertThat;
 *
 * assertThat(cluster).hasDeployment("default", "web").isRolledOut().hasRevision(1);
 * assertThat(cluster).hasEvent("default", "ScalingReplicaSet", "to 3");
 * assertThat(pod).asPod().isReady().runsOnNode("node2");
 * }</pre>
 *
 * @since 0.1
 */
public final class ClusterAssertions {

    private ClusterAssertions() {
    }

    /** Starts assertions on a cluster: the objects it holds, the events it recorded. */
    public static ClusterAssert assertThat(Cluster actual) {
        return new ClusterAssert(actual);
    }

    /** Starts assertions on an object read earlier; continue with {@code asDeployment()}, {@code asPod()}, {@code asJob()}. */
    public static ResourceAssert assertThat(Resource actual) {
        return new ResourceAssert(actual);
    }
}
