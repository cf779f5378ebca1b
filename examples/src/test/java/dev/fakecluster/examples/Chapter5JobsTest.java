package dev.fakecluster.examples;

import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Chapter 5, part 4 (BEHAVIOURS.md F): Jobs run pods to completion, retry failures by their restart
 * policy, run in parallel; a CronJob starts a Job every minute.
 */
@FakeCluster
class Chapter5JobsTest {

    @Test
    @FakeCluster(manifests = "myjob.v1.yml")
    void aJobRunsItsPodToCompletionAndKeepsWhatItPrinted(Cluster cluster) {
        // "kubectl get job -> myjob 1/1", "myjob-k7sfw 0/1 Completed 0", "kubectl logs myjob-k7sfw -> hello k8s Job!"
        cluster.advance(Duration.ofSeconds(14));

        assertThat(cluster).hasJob("default", "myjob").isComplete().hasSucceeded(1);
        Resource pod = cluster.list("pods", "default", "job-name=myjob").get(0);
        assertThat(pod.name()).matches("myjob-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(cluster).hasPod("default", pod.name()).hasStatus("Completed").isNotReady().hasRestartCount(0);
        assertThat(cluster.logs("default", pod.name())).isEqualTo("hello k8s Job!\n");

        cluster.delete("job", "default", "myjob");                     // "kubectl delete -f myjob.yml": its pods go too
        cluster.advance(Duration.ofSeconds(1));
        assertThat(cluster.list("pods", "default", null)).isEmpty();
    }

    @Test
    @FakeCluster(manifests = "myjob.v2-bad-command.yml")
    void withRestartPolicyNeverEachFailureGetsANewPodUntilTheBackoffLimit(Cluster cluster) {
        // "myjob 0/1" and several pods for one Job, none restarted; backoffLimit 6 -> Failed (derived)
        cluster.advance(Duration.ofSeconds(30));
        List<Resource> pods = cluster.list("pods", "default", "job-name=myjob");
        assertThat(pods).hasSizeGreaterThan(1);
        for (Resource pod : pods) {
            assertThat(cluster).hasPod("default", pod.name()).hasStatus("StartError").hasRestartCount(0);
        }

        cluster.advance(Duration.ofMinutes(15));                         // back-off 10 s, 20 s, 40 s ... per new pod

        assertThat(cluster).hasJob("default", "myjob").isFailedWith("BackoffLimitExceeded").hasSucceeded(0);
        assertThat(cluster.list("pods", "default", "job-name=myjob")).hasSize(7);    // the first try and 6 retries
    }

    @Test
    @FakeCluster(manifests = "myjob.v3-bad-command-onfailure.yml")
    void withRestartPolicyOnFailureTheSamePodRestartsItsContainer(Cluster cluster) {
        // "myjob-ltnrm 0/1 RunContainerError 2": one pod only, restarted in place
        cluster.advance(Duration.ofSeconds(75));

        List<Resource> pods = cluster.list("pods", "default", "job-name=myjob");
        assertThat(pods).hasSize(1);
        // today's kubelet restarts at once, then after 10, 20 and 40 s of back-off; the notes caught 1.13 between tries
        assertThat(cluster).hasPod("default", pods.get(0).name()).hasStatus("CrashLoopBackOff").hasRestartCount(4);
        assertThat(cluster.table("jobs", "default")).contains("myjob   Running   0/1");
    }

    @Test
    @FakeCluster(manifests = "myjob.v4-parallel.yml")
    void completionsTwoParallelismTwoRunsBothPodsAtOnce(Cluster cluster) {
        // "myjob 2/2", pods myjob-t8sfj and myjob-zlfq2 both "0/1 Completed 0" with the same age
        cluster.advance(Duration.ofSeconds(16));

        assertThat(cluster).hasJob("default", "myjob").isComplete().hasSucceeded(2);
        List<Resource> pods = cluster.list("pods", "default", "job-name=myjob");
        assertThat(pods).hasSize(2).extracting(Resource::creationTimestamp).containsOnly(pods.get(0).creationTimestamp());
    }

    @Test
    @FakeCluster(manifests = "mycronjob.yml", startTime = "2019-05-10T09:46:00Z")     // the notes' day and hour
    void aCronJobStartsOneJobEveryMinuteNamedByItsScheduledMinute(Cluster cluster) {
        // "hello */1 * * * * False 0 <none>", then jobs hello-1557481620, -680, -740, each "1/1", pods printing "hello k8s CronJob!"
        assertThat(cluster).hasCronJob("default", "hello").hasSchedule("*/1 * * * *").isNotSuspended().hasActiveJobs(0);

        cluster.advance(Duration.ofSeconds(3 * 60 + 30));

        // today's controller names a Job by its scheduled minute since the epoch, 1.13's by the second
        List<String> jobs = List.of("hello-25958027", "hello-25958028", "hello-25958029");   // 09:47, 09:48, 09:49
        assertThat(cluster).hasCronJob("default", "hello").hasLastScheduleTime(Instant.parse("2019-05-10T09:49:00Z"));
        assertThat(cluster.list("jobs", "default", null)).extracting(Resource::name).containsExactlyElementsOf(jobs);
        for (String job : jobs) {
            assertThat(cluster).hasJob("default", job).isComplete().hasSucceeded(1);
        }
        Resource pod = cluster.list("pods", "default", "job-name=" + jobs.get(2)).get(0);
        assertThat(pod.name()).startsWith(jobs.get(2) + "-");
        assertThat(cluster.logs("default", pod.name())).isEqualTo("hello k8s CronJob!\n");
    }
}
