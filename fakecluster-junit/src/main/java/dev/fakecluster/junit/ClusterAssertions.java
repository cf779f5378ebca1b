package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Reply;
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
 * assertThat(cluster).hasService("default", "web").hasReadyEndpointCount(3).routes(30, "/").acrossAtLeast(3);
 * assertThat(cluster.http().get("http://web:80/")).hasStatus(200).hasBodyContaining("Welcome");
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

    /** Starts assertions on an object read earlier; continue with {@code asDeployment()}, {@code asPod()} and the like. */
    public static ResourceAssert assertThat(Resource actual) {
        return new ResourceAssert(actual);
    }

    /** Starts assertions on a reply, typically one {@code cluster.http()} routed: its status, body, headers and pod. */
    public static ReplyAssert assertThat(Reply actual) {
        return new ReplyAssert(actual);
    }
}
