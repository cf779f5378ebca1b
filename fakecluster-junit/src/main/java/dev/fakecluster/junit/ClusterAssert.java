package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Cluster}: what it holds and which events it recorded. The {@code hasX}
 * methods read the object as it is now and continue with assertions on it.
 *
 * @since 0.1
 */
public final class ClusterAssert extends AbstractAssert<ClusterAssert, Cluster> {

    ClusterAssert(Cluster actual) {
        super(actual, ClusterAssert.class);
    }

    /**
     * Checks that a Deployment exists (a null namespace means {@code default}) and continues with it.
     *
     * <pre>{@code
     * assertThat(cluster).hasDeployment("default", "web").isRolledOut();
     * assertThat(cluster).hasDeployment("default", "nope");   // fails, showing the deployments there are
     * }</pre>
     */
    public DeploymentAssert hasDeployment(String namespace, String name) {
        return described(new DeploymentAssert(existing("deployment", "deployments", namespace, name), actual));
    }

    /**
     * Checks that a Pod exists (a null namespace means {@code default}) and continues with it.
     *
     * <pre>{@code
     * assertThat(cluster).hasPod("default", "healthcheck").hasRestartCount(1);
     * }</pre>
     */
    public PodAssert hasPod(String namespace, String name) {
        return described(new PodAssert(existing("pod", "pods", namespace, name), actual));
    }

    /**
     * Checks that a Job exists (a null namespace means {@code default}) and continues with it.
     *
     * <pre>{@code
     * assertThat(cluster).hasJob("default", "myjob").isComplete().hasSucceeded(1);
     * }</pre>
     */
    public JobAssert hasJob(String namespace, String name) {
        return described(new JobAssert(existing("job", "jobs", namespace, name), actual));
    }

    /**
     * Checks that a ReplicaSet exists (a null namespace means {@code default}) and continues with it.
     *
     * <pre>{@code
     * assertThat(cluster).hasReplicaSet("default", "web-d88c78859").isOwnedByDeployment("web").hasReadyReplicas(3);
     * }</pre>
     */
    public ReplicaSetAssert hasReplicaSet(String namespace, String name) {
        return described(new ReplicaSetAssert(existing("replica set", "replicasets", namespace, name), actual));
    }

    /**
     * Checks that a Service exists (a null namespace means {@code default}) and continues with it.
     *
     * <pre>{@code
     * assertThat(cluster).hasService("default", "httpd-svc").hasType("NodePort").routes(30, "/").acrossAtLeast(3);
     * }</pre>
     */
    public ServiceAssert hasService(String namespace, String name) {
        return described(new ServiceAssert(existing("service", "services", namespace, name), actual));
    }

    /**
     * Checks that a CronJob exists (a null namespace means {@code default}) and continues with it.
     *
     * <pre>{@code
     * assertThat(cluster).hasCronJob("default", "hello").isNotSuspended().hasActiveJobs(0);
     * }</pre>
     */
    public CronJobAssert hasCronJob(String namespace, String name) {
        return described(new CronJobAssert(existing("cron job", "cronjobs", namespace, name), actual));
    }

    /**
     * Checks that a Node exists and continues with it.
     *
     * <pre>{@code
     * assertThat(cluster).hasNode("node2").isReady().isSchedulable();
     * assertThat(cluster).hasNode("node9");   // fails, showing the nodes there are
     * }</pre>
     */
    public NodeAssert hasNode(String name) {
        isNotNull();
        Optional<Resource> found = actual.get("nodes", null, name);
        if (found.isEmpty()) {
            failWithMessage("Expecting node %s to exist,%nbut there is no such node.%s", name,
                    Evidence.table(actual, "nodes", null));
        }
        return described(new NodeAssert(found.orElseThrow(), actual));
    }

    /**
     * Checks that a namespace (null: any) has an Event with this reason whose message contains
     * {@code messageSubstring}; on failure the message lists the namespace's last events.
     *
     * <pre>{@code
     * assertThat(cluster).hasEvent("default", "ScalingReplicaSet", "scaled up replica set web-");   // passes
     * assertThat(cluster).hasEvent("default", "BackOff", "");   // fails, listing the events there are
     * }</pre>
     */
    public ClusterAssert hasEvent(String namespace, String reason, String messageSubstring) {
        isNotNull();
        List<Resource> events = actual.events(namespace);
        EventMatch match = new EventMatch(reason, messageSubstring);
        if (!match.anyIn(events)) {
            failWithMessage("Expecting an event %s %s,%nbut %s.%s",
                    namespace == null ? "in any namespace" : "in namespace " + namespace, match,
                    events.isEmpty() ? "there are no events" : "none of the " + events.size() + " events there matches",
                    Evidence.events(events, namespace == null));
        }
        return myself;
    }

    private Resource existing(String kind, String plural, String namespace, String name) {
        isNotNull();
        String ns = namespace == null ? "default" : namespace;
        Optional<Resource> found = actual.get(plural, ns, name);
        if (found.isEmpty()) {
            failWithMessage("Expecting %s %s/%s to exist,%nbut there is no such %s.%s", kind, ns, name, kind,
                    Evidence.table(actual, plural, ns));
        }
        return found.orElseThrow();
    }

    /** Carries this assertion's {@code as(...)} description over to the one it leads to. */
    private <A extends AbstractAssert<A, ?>> A described(A next) {
        return info.hasDescription() ? next.as(info.description()) : next;
    }
}
