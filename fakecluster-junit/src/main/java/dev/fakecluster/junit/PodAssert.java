package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.Fields.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Pod; get one from {@code assertThat(cluster).hasPod(namespace, name)} or
 * {@code assertThat(resource).asPod()}.
 *
 * @since 0.1
 */
public final class PodAssert extends AbstractAssert<PodAssert, Resource> {

    private final Cluster cluster;

    PodAssert(Resource actual, Cluster cluster) {
        super(actual, PodAssert.class);
        this.cluster = cluster;
    }

    /**
     * Checks that condition {@code Ready} is True: every container runs and passes its readiness probe.
     *
     * <pre>{@code
     * cluster.advance(Duration.ofSeconds(5));
     * assertThat(cluster).hasPod("default", "web").isReady();   // passes once started
     * }</pre>
     */
    public PodAssert isReady() {
        isNotNull();
        Optional<Condition> ready = Fields.condition(actual, "Ready");
        if (ready.isEmpty()) {
            fail("be ready", "it has no Ready condition (phase " + phase() + ")");
        } else if (!ready.get().isTrue()) {
            fail("be ready", "its Ready condition is " + ready.get().describe());
        }
        return myself;
    }

    /**
     * Checks that condition {@code Ready} is not True: a container is starting, waiting, or failing
     * its readiness probe, so Services send the pod no traffic.
     *
     * <pre>{@code
     * assertThat(cluster).hasPod("default", "web").isNotReady();   // passes while it starts
     * cluster.advance(Duration.ofSeconds(5));
     * assertThat(cluster).hasPod("default", "web").isNotReady();   // fails: its Ready condition is True
     * }</pre>
     */
    public PodAssert isNotReady() {
        isNotNull();
        Optional<Condition> ready = Fields.condition(actual, "Ready");
        if (ready.filter(Condition::isTrue).isPresent()) {
            fail("not be ready", "its Ready condition is " + ready.get().describe());
        }
        return myself;
    }

    /**
     * Checks the STATUS column {@code kubectl get pods} shows for it: {@code Running},
     * {@code ContainerCreating}, {@code CrashLoopBackOff}, {@code Completed}, {@code Terminating}
     * and the like. Needs the cluster (start from {@code assertThat(cluster).hasPod(...)}).
     *
     * <pre>{@code
     * cluster.advance(Duration.ofSeconds(23));
     * assertThat(cluster).hasPod("default", "healthcheck").hasStatus("CrashLoopBackOff");   // passes
     * assertThat(cluster).hasPod("default", "healthcheck").hasStatus("Running");            // fails: its status is CrashLoopBackOff
     * }</pre>
     */
    public PodAssert hasStatus(String expected) {
        isNotNull();
        Optional<String> status = Fields.column(ResourceAssert.requireCluster(cluster, "the STATUS column",
                "assertThat(cluster).hasPod(namespace, name)"), "pods", actual, "STATUS");
        if (status.isEmpty()) {
            fail("have status " + expected, "it is gone");
        } else if (!status.get().equals(expected)) {
            fail("have status " + expected, "its status is " + status.get());
        }
        return myself;
    }

    /**
     * Checks that an event about this pod (not its namespace's others) has this reason and a
     * message containing {@code messageSubstring}, as {@code kubectl describe pod} lists them.
     * Needs the cluster (start from {@code assertThat(cluster).hasPod(...)}).
     *
     * <pre>{@code
     * assertThat(cluster).hasPod("default", "liveness").hasEvent("Killing", "failed liveness probe");
     * assertThat(cluster).hasPod("default", "web").hasEvent("BackOff", "");   // fails, listing the pod's events
     * }</pre>
     */
    public PodAssert hasEvent(String reason, String messageSubstring) {
        isNotNull();
        new EventMatch(reason, messageSubstring).missingAbout(ResourceAssert.requireCluster(cluster, "the events of a pod",
                "assertThat(cluster).hasPod(namespace, name)"), "pod", actual).ifPresent(message -> failWithMessage("%s", message));
        return myself;
    }

    /**
     * Goes back to the cluster, to check other objects or events in the same chain.
     *
     * <pre>{@code
     * assertThat(cluster).hasPod("default", "web").isReady().returnToCluster().hasNode("node2").isReady();
     * }</pre>
     */
    public ClusterAssert returnToCluster() {
        return ResourceAssert.backToCluster(cluster, info, "pod", "assertThat(cluster).hasPod(namespace, name)");
    }

    /**
     * Checks that {@code status.phase} is Running: bound to a node, containers started, not all finished.
     *
     * <pre>{@code
     * assertThat(cluster).hasPod("default", "web").isRunning();   // fails with "but its phase is Pending"
     * }</pre>
     */
    public PodAssert isRunning() {
        isNotNull();
        if (!"Running".equals(phase())) {
            fail("be running", "its phase is " + phase());
        }
        return myself;
    }

    /**
     * Checks the restarts of all its containers together (kubectl's RESTARTS column).
     *
     * <pre>{@code
     * cluster.advance(Duration.ofSeconds(35));
     * assertThat(cluster).hasPod("default", "healthcheck").hasRestartCount(2);
     * }</pre>
     */
    public PodAssert hasRestartCount(int expected) {
        isNotNull();
        long restarts = 0;
        for (int i = 0; actual.field(container(i) + "name").isPresent(); i++) {
            restarts += Fields.number(actual, container(i) + "restartCount");
        }
        if (restarts != expected) {
            fail("have restarted " + times(expected), "it has restarted " + times(restarts));
        }
        return myself;
    }

    /**
     * Checks that a container's last termination (its current state if terminated, else its last
     * state) ended with this exit code, e.g. 137 for a kill, 1 for an error.
     *
     * <pre>{@code
     * assertThat(cluster).hasPod("default", "healthcheck").wasLastTerminatedWithExitCode(1);
     * }</pre>
     */
    public PodAssert wasLastTerminatedWithExitCode(int expected) {
        isNotNull();
        List<String> terminations = new ArrayList<>();
        for (int i = 0; actual.field(container(i) + "name").isPresent(); i++) {
            String at = actual.field(container(i) + "state.terminated.exitCode").isPresent()
                    ? container(i) + "state.terminated." : container(i) + "lastState.terminated.";
            Optional<String> code = actual.field(at + "exitCode");
            if (code.isPresent()) {
                if (Integer.parseInt(code.get()) == expected) {
                    return myself;
                }
                terminations.add(actual.field(container(i) + "name").orElseThrow() + " last exited with " + code.get()
                        + actual.field(at + "reason").map(r -> " (" + r + ")").orElse(""));
            }
        }
        fail("have been last terminated with exit code " + expected,
                terminations.isEmpty() ? "no container has terminated yet" : String.join(", ", terminations));
        return myself;
    }

    /**
     * Checks {@code spec.nodeName}, the node the scheduler bound it to.
     *
     * <pre>{@code
     * assertThat(cluster).hasPod("default", "web").runsOnNode("node2");
     * }</pre>
     */
    public PodAssert runsOnNode(String expected) {
        isNotNull();
        Optional<String> node = actual.field("spec.nodeName");
        if (node.isEmpty()) {
            fail("run on node " + expected, "it is not scheduled yet");
        } else if (!node.get().equals(expected)) {
            fail("run on node " + expected, "it runs on " + node.get());
        }
        return myself;
    }

    private String phase() {
        return actual.field("status.phase").orElse("<none>");
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    private static String container(int i) {
        return "status.containerStatuses[" + i + "].";
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting pod %s to %s,%nbut %s.%s", Fields.id(actual), expectation, found,
                Evidence.pod(cluster, actual));
    }
}
