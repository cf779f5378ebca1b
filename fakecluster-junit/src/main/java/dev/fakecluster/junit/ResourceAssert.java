package dev.fakecluster.junit;

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
