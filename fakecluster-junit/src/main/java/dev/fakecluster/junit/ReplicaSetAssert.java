package dev.fakecluster.junit;

import static dev.fakecluster.junit.Fields.number;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a ReplicaSet; get one from {@code assertThat(cluster).hasReplicaSet(namespace, name)},
 * from a Deployment's {@code hasReplicaSetOfRevision(n)}, or {@code assertThat(resource).asReplicaSet()}.
 *
 * @since 0.1
 */
public final class ReplicaSetAssert extends AbstractAssert<ReplicaSetAssert, Resource> {

    private final Cluster cluster;

    ReplicaSetAssert(Resource actual, Cluster cluster) {
        super(actual, ReplicaSetAssert.class);
        this.cluster = cluster;
    }

    /**
     * Checks {@code spec.replicas}, the pods it is asked for (kubectl's DESIRED).
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").hasReplicaSetOfRevision(1).hasDesiredReplicas(0);   // scaled down
     * }</pre>
     */
    public ReplicaSetAssert hasDesiredReplicas(int expected) {
        return hasCount("desired", "spec.replicas", expected);
    }

    /**
     * Checks {@code status.replicas}, the pods it has (kubectl's CURRENT).
     *
     * <pre>{@code
     * assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasReplicas(3);   // fails with "but it has 0"
     * }</pre>
     */
    public ReplicaSetAssert hasReplicas(int expected) {
        return hasCount("current", "status.replicas", expected);
    }

    /**
     * Checks {@code status.readyReplicas}, its pods whose Ready condition is True.
     *
     * <pre>{@code
     * assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasReadyReplicas(3);
     * }</pre>
     */
    public ReplicaSetAssert hasReadyReplicas(int expected) {
        return hasCount("ready", "status.readyReplicas", expected);
    }

    /**
     * Checks {@code status.availableReplicas}, its pods ready for at least {@code minReadySeconds}.
     *
     * <pre>{@code
     * assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasAvailableReplicas(3);
     * }</pre>
     */
    public ReplicaSetAssert hasAvailableReplicas(int expected) {
        return hasCount("available", "status.availableReplicas", expected);
    }

    /**
     * Checks that its controlling owner is the Deployment of that name.
     *
     * <pre>{@code
     * assertThat(cluster).hasReplicaSet("default", "web-d88c78859").isOwnedByDeployment("web");
     * }</pre>
     */
    public ReplicaSetAssert isOwnedByDeployment(String deployment) {
        isNotNull();
        Optional<String> owner = Fields.controller(actual);
        if (!owner.equals(Optional.of("Deployment/" + deployment))) {
            fail("be owned by deployment " + deployment, owner.map(o -> "it is owned by " + o).orElse("it has no controller"));
        }
        return myself;
    }

    /**
     * Checks its {@code pod-template-hash} label, the suffix the Deployment controller gave its name.
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").hasReplicaSetOfRevision(1).hasTemplateHash("d88c78859");
     * }</pre>
     */
    public ReplicaSetAssert hasTemplateHash(String expected) {
        isNotNull();
        String hash = actual.labels().get("pod-template-hash");
        if (!expected.equals(hash)) {
            fail("have template hash " + expected, hash == null ? "it has no pod-template-hash label" : "its hash is " + hash);
        }
        return myself;
    }

    /**
     * Checks that one of its pod template's containers runs this image.
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").hasReplicaSetOfRevision(1).hasImage("nginx:1.25");
     * }</pre>
     */
    public ReplicaSetAssert hasImage(String expected) {
        isNotNull();
        Fields.imageMissing(actual, expected).ifPresent(found -> fail("run image " + expected, found));
        return myself;
    }

    /**
     * Checks the Deployment revision it holds ({@code deployment.kubernetes.io/revision}).
     *
     * <pre>{@code
     * assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasRevision(1);
     * }</pre>
     */
    public ReplicaSetAssert hasRevision(long expected) {
        isNotNull();
        String revision = actual.annotations().get(Fields.REVISION);
        if (!Long.toString(expected).equals(revision)) {
            fail("hold revision " + expected, revision == null ? "it has no revision" : "it holds revision " + revision);
        }
        return myself;
    }

    private ReplicaSetAssert hasCount(String what, String field, int expected) {
        isNotNull();
        long found = number(actual, field);
        if (found != expected) {
            fail("have " + expected + " " + what + " replicas", "it has " + found);
        }
        return myself;
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting replica set %s to %s,%nbut %s.%s", Fields.id(actual), expectation, found,
                Evidence.replicaSet(cluster, actual));
    }

    /**
     * Goes back to the cluster, to check other objects or events in the same chain.
     *
     * <pre>{@code
     * assertThat(cluster).hasReplicaSet("default", "web-d88c78859").hasReadyReplicas(3).returnToCluster().hasDeployment("default", "web").isRolledOut();
     * }</pre>
     */
    public ClusterAssert returnToCluster() {
        return ResourceAssert.backToCluster(cluster, info, "replica set", "assertThat(cluster).hasReplicaSet(namespace, name)");
    }
}
