package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Resource} snapshot, by kind: {@code assertThat(resource).asPod().isReady()}.
 * A snapshot knows no cluster, so failure messages show the object's status rather than tables;
 * start from {@code assertThat(cluster)} for those.
 *
 * @since 0.1
 */
public final class ResourceAssert extends AbstractAssert<ResourceAssert, Resource> {

    ResourceAssert(Resource actual) {
        super(actual, ResourceAssert.class);
    }

    /**
     * Checks that it is a Deployment and continues with Deployment assertions.
     *
     * <pre>{@code
     * assertThat(cluster.get("deploy", "default", "web").orElseThrow()).asDeployment().hasRevision(1);
     * }</pre>
     */
    public DeploymentAssert asDeployment() {
        return described(new DeploymentAssert(ofKind("Deployment"), null));
    }

    /**
     * Checks that it is a Pod and continues with Pod assertions.
     *
     * <pre>{@code
     * assertThat(cluster.list("pods", "default", "app=web").get(0)).asPod().isReady();
     * }</pre>
     */
    public PodAssert asPod() {
        return described(new PodAssert(ofKind("Pod"), null));
    }

    /**
     * Checks that it is a Job and continues with Job assertions.
     *
     * <pre>{@code
     * assertThat(cluster.list("jobs", "default", null).get(0)).asJob().isComplete();
     * }</pre>
     */
    public JobAssert asJob() {
        return described(new JobAssert(ofKind("Job"), null));
    }

    /**
     * Checks that it is a ReplicaSet and continues with ReplicaSet assertions.
     *
     * <pre>{@code
     * assertThat(cluster.list("rs", "default", "app=web").get(0)).asReplicaSet().isOwnedByDeployment("web");
     * }</pre>
     */
    public ReplicaSetAssert asReplicaSet() {
        return described(new ReplicaSetAssert(ofKind("ReplicaSet"), null));
    }

    /**
     * Checks that it is a Service and continues with Service assertions (those on its endpoints
     * and routing need {@code assertThat(cluster).hasService(...)}).
     *
     * <pre>{@code
     * assertThat(cluster.get("svc", "default", "web").orElseThrow()).asService().hasType("NodePort");
     * }</pre>
     */
    public ServiceAssert asService() {
        return described(new ServiceAssert(ofKind("Service"), null));
    }

    /**
     * Checks that it is a Node and continues with Node assertions.
     *
     * <pre>{@code
     * assertThat(cluster.node("node2").resource()).asNode().isReady();
     * }</pre>
     */
    public NodeAssert asNode() {
        return described(new NodeAssert(ofKind("Node"), null));
    }

    /**
     * Checks that it is a CronJob and continues with CronJob assertions.
     *
     * <pre>{@code
     * assertThat(cluster.get("cronjob", "default", "hello").orElseThrow()).asCronJob().isNotSuspended();
     * }</pre>
     */
    public CronJobAssert asCronJob() {
        return described(new CronJobAssert(ofKind("CronJob"), null));
    }

    /**
     * The cluster an assertion needs beyond the object itself; a snapshot has none, which is a
     * mistake in the test rather than a failed check, so it throws.
     */
    static Cluster requireCluster(Cluster cluster, String what, String start) {
        if (cluster == null) {
            throw new IllegalStateException("checking " + what + " needs the cluster, which a Resource snapshot does not"
                    + " know: start from " + start);
        }
        return cluster;
    }

    /** A kind's {@code returnToCluster()}: the cluster assertion, keeping the description given so far. */
    static ClusterAssert backToCluster(Cluster cluster, org.assertj.core.api.WritableAssertionInfo info, String kind,
            String start) {
        ClusterAssert back = new ClusterAssert(requireCluster(cluster, "anything beyond the " + kind, start));
        return info.hasDescription() ? back.as(info.description()) : back;
    }

    private Resource ofKind(String kind) {
        isNotNull();
        if (!actual.kind().equals(kind)) {
            failWithMessage("Expecting %s %s to be a %s,%nbut it is a %s.", actual.kind(), Fields.id(actual), kind,
                    actual.kind());
        }
        return actual;
    }

    private <A extends AbstractAssert<A, ?>> A described(A next) {
        return info.hasDescription() ? next.as(info.description()) : next;
    }
}
