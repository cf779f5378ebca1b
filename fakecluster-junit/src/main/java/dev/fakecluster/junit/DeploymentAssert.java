package dev.fakecluster.junit;

import static dev.fakecluster.junit.Fields.number;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.Fields.Condition;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Deployment; get one from {@code assertThat(cluster).hasDeployment(namespace, name)}
 * or {@code assertThat(resource).asDeployment()}.
 *
 * @since 0.1
 */
public final class DeploymentAssert extends AbstractAssert<DeploymentAssert, Resource> {

    private final Cluster cluster;

    DeploymentAssert(Resource actual, Cluster cluster) {
        super(actual, DeploymentAssert.class);
        this.cluster = cluster;
    }

    /**
     * Checks that the rollout has finished, as {@code kubectl rollout status} decides: the controller
     * has seen the latest spec, and every replica is updated and available, with no old ones left.
     *
     * <pre>{@code
     * cluster.advance(Duration.ofSeconds(10));
     * assertThat(cluster).hasDeployment("default", "web").isRolledOut();   // passes
     * cluster.setImage("default", "web", "nginx", "nginx:1.26");
     * assertThat(cluster).hasDeployment("default", "web").isRolledOut();   // fails: 1 of 3 replicas are updated
     * }</pre>
     */
    public DeploymentAssert isRolledOut() {
        isNotNull();
        long generation = actual.generation();
        long observed = number(actual, "status.observedGeneration");
        long wanted = number(actual, "spec.replicas");
        long replicas = number(actual, "status.replicas");
        long updated = number(actual, "status.updatedReplicas");
        long available = number(actual, "status.availableReplicas");
        String problem = observed < generation ? "the controller has not observed generation " + generation + " yet"
                : updated != wanted ? updated + " of " + wanted + " replicas are updated"
                : replicas != updated ? (replicas - updated) + " old replicas are pending termination"
                : available != updated ? available + " of " + updated + " updated replicas are available"
                : null;
        if (problem != null) {
            fail("be rolled out", problem + " (generation " + generation + ", observedGeneration " + observed
                    + ", spec.replicas " + wanted + ", replicas " + replicas + ", updated " + updated + ", ready "
                    + number(actual, "status.readyReplicas") + ", available " + available + ")");
        }
        return myself;
    }

    /**
     * Checks {@code status.availableReplicas}: pods ready for at least {@code minReadySeconds}.
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").hasAvailableReplicas(3);   // fails with "but it has 0"
     * }</pre>
     */
    public DeploymentAssert hasAvailableReplicas(int expected) {
        return hasCount("available", "status.availableReplicas", expected);
    }

    /**
     * Checks {@code status.readyReplicas}: pods whose Ready condition is True (the first number of
     * kubectl's READY column, {@code 8/10}).
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").hasReadyReplicas(3);   // fails with "but it has 0" while they start
     * }</pre>
     */
    public DeploymentAssert hasReadyReplicas(int expected) {
        return hasCount("ready", "status.readyReplicas", expected);
    }

    /**
     * Checks {@code status.updatedReplicas}: pods of the current template.
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").hasUpdatedReplicas(3);   // fails with "but it has 1"
     * }</pre>
     */
    public DeploymentAssert hasUpdatedReplicas(int expected) {
        return hasCount("updated", "status.updatedReplicas", expected);
    }

    /**
     * Checks that the rollout has given up: condition {@code Progressing} is False with reason
     * {@code ProgressDeadlineExceeded} ({@code spec.progressDeadlineSeconds} passed without progress).
     *
     * <pre>{@code
     * cluster.advance(Duration.ofMinutes(11));
     * assertThat(cluster).hasDeployment("default", "unschedulable").isStuckWithProgressDeadlineExceeded();   // passes
     * }</pre>
     */
    public DeploymentAssert isStuckWithProgressDeadlineExceeded() {
        isNotNull();
        Optional<Condition> progressing = Fields.condition(actual, "Progressing");
        if (progressing.isEmpty()) {
            fail("be stuck with ProgressDeadlineExceeded", "it has no Progressing condition");
        } else if (progressing.get().isTrue() || !"ProgressDeadlineExceeded".equals(progressing.get().reason())) {
            fail("be stuck with ProgressDeadlineExceeded", "its Progressing condition is " + progressing.get().describe());
        }
        return myself;
    }

    /**
     * Checks the revision ({@code deployment.kubernetes.io/revision}): 1 for the first template,
     * one more for each new one, and the newest after {@code rollback}.
     *
     * <pre>{@code
     * cluster.setImage("default", "web", "nginx", "nginx:1.26");
     * assertThat(cluster).hasDeployment("default", "web").hasRevision(2);   // passes
     * }</pre>
     */
    public DeploymentAssert hasRevision(long expected) {
        isNotNull();
        String revision = actual.annotations().get(Fields.REVISION);
        if (revision == null) {
            fail("be at revision " + expected, "it has no revision yet");
        } else if (Long.parseLong(revision) != expected) {
            fail("be at revision " + expected, "it is at revision " + revision);
        }
        return myself;
    }

    /**
     * Checks that one of its pod template's containers runs this image; with {@link #hasRevision}
     * it reads "is at revision N with image X".
     *
     * <pre>{@code
     * cluster.setImage("default", "web", "nginx", "nginx:1.26");
     * assertThat(cluster).hasDeployment("default", "web").hasRevision(2).hasImage("nginx:1.26");   // passes
     * }</pre>
     */
    public DeploymentAssert hasImage(String expected) {
        isNotNull();
        Fields.imageMissing(actual, expected).ifPresent(found -> fail("run image " + expected, found));
        return myself;
    }

    /**
     * Checks that one of its ReplicaSets holds revision {@code n} and continues with it: the
     * rollout history, as {@code kubectl rollout history --revision=n} reads it. Needs the cluster
     * (start from {@code assertThat(cluster).hasDeployment(...)}).
     *
     * <pre>{@code
     * cluster.setImage("default", "web", "nginx", "nginx:1.26");
     * cluster.advance(Duration.ofMinutes(1));
     * assertThat(cluster).hasDeployment("default", "web").hasReplicaSetOfRevision(1).hasImage("nginx:1.25").hasReplicas(0);
     * }</pre>
     */
    public ReplicaSetAssert hasReplicaSetOfRevision(long n) {
        isNotNull();
        List<Resource> owned = ResourceAssert.requireCluster(cluster, "the rollout history", "assertThat(cluster).hasDeployment(namespace, name)")
                .list("replicasets", actual.namespace(), null).stream()
                .filter(rs -> Fields.controller(rs).equals(Optional.of("Deployment/" + actual.name()))).toList();
        Optional<Resource> found = owned.stream()
                .filter(rs -> Long.toString(n).equals(rs.annotations().get(Fields.REVISION))).findFirst();
        if (found.isEmpty()) {
            fail("have a replica set of revision " + n, owned.isEmpty() ? "it has no replica sets"
                    : "its replica sets hold revisions " + String.join(", ", owned.stream()
                            .map(rs -> rs.annotations().getOrDefault(Fields.REVISION, "<none>")).sorted().toList()));
        }
        ReplicaSetAssert next = new ReplicaSetAssert(found.orElseThrow(), cluster);
        return info.hasDescription() ? next.as(info.description()) : next;
    }

    /**
     * Checks that an event about this Deployment (its controller's {@code ScalingReplicaSet}, say)
     * has this reason and a message containing {@code messageSubstring}, as {@code kubectl describe
     * deployment} lists them. Needs the cluster (start from {@code assertThat(cluster).hasDeployment(...)}).
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").hasEvent("ScalingReplicaSet", "to 3");   // passes
     * assertThat(cluster).hasDeployment("default", "web").hasEvent("Scheduled", "");   // fails: pods have those, not it
     * }</pre>
     */
    public DeploymentAssert hasEvent(String reason, String messageSubstring) {
        isNotNull();
        new EventMatch(reason, messageSubstring).missingAbout(ResourceAssert.requireCluster(cluster, "the events of a deployment",
                "assertThat(cluster).hasDeployment(namespace, name)"), "deployment", actual).ifPresent(message -> failWithMessage("%s", message));
        return myself;
    }

    /**
     * Goes back to the cluster, to check other objects or events in the same chain.
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").isRolledOut().returnToCluster().hasService("default", "web").hasReadyEndpointCount(3);
     * }</pre>
     */
    public ClusterAssert returnToCluster() {
        return ResourceAssert.backToCluster(cluster, info, "deployment", "assertThat(cluster).hasDeployment(namespace, name)");
    }

    private DeploymentAssert hasCount(String what, String field, int expected) {
        isNotNull();
        long found = number(actual, field);
        if (found != expected) {
            fail("have " + expected + " " + what + " replicas", "it has " + found);
        }
        return myself;
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting deployment %s to %s,%nbut %s.%s", Fields.id(actual), expectation, found,
                Evidence.deployment(cluster, actual));
    }
}
