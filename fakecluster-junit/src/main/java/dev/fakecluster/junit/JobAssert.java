package dev.fakecluster.junit;

import static dev.fakecluster.junit.Fields.number;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.Fields.Condition;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Job; get one from {@code assertThat(cluster).hasJob(namespace, name)} or
 * {@code assertThat(resource).asJob()}.
 *
 * @since 0.1
 */
public final class JobAssert extends AbstractAssert<JobAssert, Resource> {

    private final Cluster cluster;

    JobAssert(Resource actual, Cluster cluster) {
        super(actual, JobAssert.class);
        this.cluster = cluster;
    }

    /**
     * Checks that condition {@code Complete} is True: enough pods succeeded.
     *
     * <pre>{@code
     * cluster.advance(Duration.ofSeconds(15));
     * assertThat(cluster).hasJob("default", "myjob").isComplete();   // passes
     * }</pre>
     */
    public JobAssert isComplete() {
        isNotNull();
        if (!isTrue("Complete")) {
            Optional<Condition> failed = Fields.condition(actual, "Failed").filter(Condition::isTrue);
            fail("be complete", failed.map(f -> "it failed: " + f.reason() + " (" + f.message() + ")")
                    .orElseGet(() -> "it is still running: " + pods()));
        }
        return myself;
    }

    /**
     * Checks {@code status.succeeded}, the number of pods that finished with exit code 0.
     *
     * <pre>{@code
     * assertThat(cluster).hasJob("default", "parallel").isComplete().hasSucceeded(2);
     * }</pre>
     */
    public JobAssert hasSucceeded(int expected) {
        isNotNull();
        long succeeded = number(actual, "status.succeeded");
        if (succeeded != expected) {
            fail("have " + expected + " succeeded pods", "it has " + succeeded + ": " + pods());
        }
        return myself;
    }

    /**
     * Checks that condition {@code Failed} is True with this reason, e.g. {@code BackoffLimitExceeded}
     * or {@code DeadlineExceeded}.
     *
     * <pre>{@code
     * cluster.advance(Duration.ofMinutes(15));
     * assertThat(cluster).hasJob("default", "myjob").isFailedWith("BackoffLimitExceeded");
     * }</pre>
     */
    public JobAssert isFailedWith(String reason) {
        isNotNull();
        Optional<Condition> failed = Fields.condition(actual, "Failed").filter(Condition::isTrue);
        if (failed.isEmpty()) {
            fail("have failed with " + reason, isTrue("Complete") ? "it is complete" : "it has not failed: " + pods());
        } else if (!failed.get().reason().equals(reason)) {
            fail("have failed with " + reason, "it failed with " + failed.get().reason() + " (" + failed.get().message() + ")");
        }
        return myself;
    }

    private boolean isTrue(String condition) {
        return Fields.condition(actual, condition).filter(Condition::isTrue).isPresent();
    }

    private String pods() {
        return number(actual, "status.active") + " active, " + number(actual, "status.succeeded") + " succeeded, "
                + number(actual, "status.failed") + " failed";
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting job %s to %s,%nbut %s.%s", Fields.id(actual), expectation, found,
                Evidence.job(cluster, actual));
    }

    /**
     * Goes back to the cluster, to check other objects or events in the same chain.
     *
     * <pre>{@code
     * assertThat(cluster).hasJob("default", "pi").isComplete().returnToCluster().hasCronJob("default", "hello").hasActiveJobs(0);
     * }</pre>
     */
    public ClusterAssert returnToCluster() {
        return ResourceAssert.backToCluster(cluster, info, "job", "assertThat(cluster).hasJob(namespace, name)");
    }
}
