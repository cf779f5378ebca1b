package dev.fakecluster.examples;

import static dev.fakecluster.examples.Tutorial.row;
import static dev.fakecluster.junit.ClusterAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.junit.FakeCluster;
import java.time.Duration;
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
        assertThat(row(cluster, "default", pod.name())).isEqualTo("0/1 Completed 0");
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
        assertThat(pods).hasSizeGreaterThan(1)
                .allSatisfy(pod -> assertThat(row(cluster, "default", pod.name())).isEqualTo("0/1 StartError 0"));

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
        assertThat(Integer.parseInt(pods.get(0).field("status.containerStatuses[0].restartCount").orElseThrow()))
                .isGreaterThanOrEqualTo(2);
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
    @FakeCluster(manifests = "mycronjob.yml")
    void aCronJobStartsOneJobEveryMinuteNamedByItsScheduledMinute(Cluster cluster) {
        // "hello */1 * * * * False 0 <none>", then jobs 60 s apart, each "1/1", pods printing "hello k8s CronJob!"
        assertThat(cluster.table("cronjobs", "default")).contains("hello   */1 * * * *   <none>     False     0        <none>");
        long minute = cluster.now().getEpochSecond() / 60;              // the clock starts on a full minute

        cluster.advance(Duration.ofSeconds(3 * 60 + 30));

        List<String> jobs = List.of("hello-" + (minute + 1), "hello-" + (minute + 2), "hello-" + (minute + 3));
        assertThat(cluster.list("jobs", "default", null)).extracting(Resource::name).containsExactlyElementsOf(jobs);
        for (String job : jobs) {
            assertThat(cluster).hasJob("default", job).isComplete().hasSucceeded(1);
        }
        Resource pod = cluster.list("pods", "default", "job-name=" + jobs.get(2)).get(0);
        assertThat(pod.name()).startsWith(jobs.get(2) + "-");
        assertThat(cluster.logs("default", pod.name())).isEqualTo("hello k8s CronJob!\n");
    }
}
