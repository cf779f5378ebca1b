package dev.fakecluster.junit;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import java.time.Instant;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a CronJob; get one from {@code assertThat(cluster).hasCronJob(namespace, name)} or
 * {@code assertThat(resource).asCronJob()}.
 *
 * @since 0.1
 */
public final class CronJobAssert extends AbstractAssert<CronJobAssert, Resource> {

    private final Cluster cluster;

    CronJobAssert(Resource actual, Cluster cluster) {
        super(actual, CronJobAssert.class);
        this.cluster = cluster;
    }

    /**
     * Checks {@code spec.schedule}, as written.
     *
     * <pre>{@code
     * assertThat(cluster).hasCronJob("default", "hello").hasSchedule("0 3 * * *");   // passes for a job that runs at 03:00
     * }</pre>
     */
    public CronJobAssert hasSchedule(String expected) {
        isNotNull();
        String schedule = actual.field("spec.schedule").orElse("");
        if (!schedule.equals(expected)) {
            fail("have schedule \"" + expected + "\"", "its schedule is \"" + schedule + "\"");
        }
        return myself;
    }

    /**
     * Checks {@code status.lastScheduleTime}, the scheduled time of the last Job it created.
     *
     * <pre>{@code
     * cluster.advance(Duration.ofSeconds(70));
     * assertThat(cluster).hasCronJob("default", "hello").hasLastScheduleTime(Instant.parse("2025-01-01T00:01:00Z"));
     * }</pre>
     */
    public CronJobAssert hasLastScheduleTime(Instant expected) {
        isNotNull();
        Optional<Instant> last = actual.field("status.lastScheduleTime").map(Instant::parse);
        if (!last.equals(Optional.of(expected))) {
            fail("have been last scheduled at " + expected,
                    last.map(l -> "it was last scheduled at " + l).orElse("it has never been scheduled"));
        }
        return myself;
    }

    /**
     * Checks how many of its Jobs are running ({@code status.active}).
     *
     * <pre>{@code
     * cluster.advance(Duration.ofSeconds(60));
     * assertThat(cluster).hasCronJob("default", "hello").hasActiveJobs(1);   // the Job of 00:01 has just started
     * }</pre>
     */
    public CronJobAssert hasActiveJobs(int expected) {
        isNotNull();
        int active = actual.json().path("status").path("active").size();
        if (active != expected) {
            fail("have " + expected + " active jobs", "it has " + active);
        }
        return myself;
    }

    /**
     * Checks that {@code spec.suspend} is true: it starts no new Jobs.
     *
     * <pre>{@code
     * assertThat(cluster).hasCronJob("default", "hello").isSuspended();   // fails: it is not suspended
     * }</pre>
     */
    public CronJobAssert isSuspended() {
        isNotNull();
        if (!suspended()) {
            fail("be suspended", "it is not suspended");
        }
        return myself;
    }

    /**
     * Checks that {@code spec.suspend} is false or unset: it starts Jobs on schedule.
     *
     * <pre>{@code
     * assertThat(cluster).hasCronJob("default", "hello").isNotSuspended();
     * }</pre>
     */
    public CronJobAssert isNotSuspended() {
        isNotNull();
        if (suspended()) {
            fail("not be suspended", "it is suspended");
        }
        return myself;
    }

    private boolean suspended() {
        return actual.field("spec.suspend").map(Boolean::parseBoolean).orElse(false);
    }

    private void fail(String expectation, String found) {
        failWithMessage("Expecting cron job %s to %s,%nbut %s.%s", Fields.id(actual), expectation, found,
                Evidence.cronJob(cluster, actual));
    }

    /**
     * Goes back to the cluster, to check other objects or events in the same chain.
     *
     * <pre>{@code
     * assertThat(cluster).hasCronJob("default", "hello").hasActiveJobs(1).returnToCluster().hasJob("default", "hello-28000000").isComplete();
     * }</pre>
     */
    public ClusterAssert returnToCluster() {
        return ResourceAssert.backToCluster(cluster, info, "cron job", "assertThat(cluster).hasCronJob(namespace, name)");
    }
}
