package dev.fakecluster.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Cluster;
import dev.fakecluster.Resource;
import dev.fakecluster.internal.apiserver.ApiServer;
import dev.fakecluster.internal.apiserver.DeleteOptions;
import dev.fakecluster.internal.bootstrap.Topology;
import dev.fakecluster.internal.clock.VirtualClock;
import dev.fakecluster.internal.controlplane.ControlPlane;
import dev.fakecluster.internal.manifest.ManifestReader;
import dev.fakecluster.internal.store.ClusterState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobControllerTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String POD_NAME = "myjob-[bcdfghjklmnpqrstvwxz2456789]{5}";

    /** A manifest of the tutorial, as copied under src/test/resources/seed/manifests. */
    static String seed(String file) {
        try (InputStream in = JobControllerTest.class.getResourceAsStream("/seed/manifests/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Job whose pods sleep for an hour, with extra spec lines. */
    private static String sleeper(String specLines) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: sleeper}
                spec:
                %s
                  template:
                    spec:
                      containers:
                      - {name: main, image: busybox, command: [sleep, "3600"]}
                      restartPolicy: Never
                """.formatted(specLines.indent(2).stripTrailing());
    }

    static List<Resource> pods(Cluster cluster) {
        return cluster.list("pods", "default", null).stream()
                .sorted(Comparator.comparing(Resource::creationTimestamp).thenComparing(Resource::name)).toList();
    }

    static Resource job(Cluster cluster, String name) {
        return cluster.get("jobs", "default", name).orElseThrow();
    }

    /** The events about {@code object} as {@code type reason: message} from the given component. */
    static List<String> events(Cluster cluster, String object) {
        return cluster.events("default").stream()
                .filter(e -> e.field("involvedObject.name").orElseThrow().equals(object))
                .map(e -> e.field("type").orElseThrow() + " " + e.field("reason").orElseThrow() + ": "
                        + e.field("message").orElseThrow() + " [" + e.field("source.component").orElseThrow() + "]")
                .toList();
    }

    private static Instant time(Resource r, String path) {
        return Instant.parse(r.field(path).orElseThrow());
    }

    @Test
    void jobRunsToCompletionAndKeepsItsLog() {
        try (Cluster cluster = Cluster.builder().build()) {
            Resource created = cluster.apply(seed("myjob.v1.yml")).get(0);

            Resource pod = pods(cluster).get(0);
            assertThat(pod.name()).matches(POD_NAME);
            assertThat(pod.field("metadata.generateName")).contains("myjob-");
            assertThat(pod.labels()).containsEntry("job-name", "myjob").containsEntry("controller-uid", created.uid())
                    .containsEntry("batch.kubernetes.io/job-name", "myjob")
                    .containsEntry("batch.kubernetes.io/controller-uid", created.uid());
            assertThat(pod.field("metadata.finalizers[0]")).contains("batch.kubernetes.io/job-tracking");
            assertThat(pod.field("metadata.ownerReferences[0].kind")).contains("Job");
            assertThat(pod.field("metadata.ownerReferences[0].uid")).contains(created.uid());
            assertThat(pod.field("metadata.ownerReferences[0].controller")).contains("true");
            assertThat(pod.field("metadata.ownerReferences[0].blockOwnerDeletion")).contains("true");
            Resource running = job(cluster, "myjob");
            assertThat(running.json().path("status").toString()).isEqualTo("{\"startTime\":\"2025-01-01T00:00:00Z\","
                    + "\"active\":1,\"terminating\":0,\"uncountedTerminatedPods\":{},\"ready\":0}");

            cluster.advance(Duration.ofSeconds(10));

            assertThat(cluster.table("jobs", "default")).isEqualTo("""
                    NAME    STATUS     COMPLETIONS   DURATION   AGE
                    myjob   Complete   1/1           3s         10s
                    """);
            assertThat(cluster.table("pods", "default")).isEqualTo("""
                    NAME          READY   STATUS      RESTARTS   AGE
                    %s   0/1     Completed   0          10s
                    """.formatted(pod.name()));
            assertThat(cluster.logs("default", pod.name())).isEqualTo("hello k8s Job!\n");
            Resource done = job(cluster, "myjob");
            assertThat(done.field("status.conditions[0].type")).contains("SuccessCriteriaMet");
            assertThat(done.field("status.conditions[1].type")).contains("Complete");
            assertThat(done.field("status.conditions[1].reason")).contains("CompletionsReached");
            assertThat(done.field("status.conditions[1].message")).contains("Reached expected number of succeeded pods");
            assertThat(time(done, "status.completionTime")).isEqualTo(START.plusSeconds(3));
            assertThat(done.field("status.succeeded")).contains("1");
            assertThat(done.field("status.active")).isEmpty();
            assertThat(pods(cluster).get(0).field("metadata.finalizers")).isEmpty();
            assertThat(events(cluster, "myjob")).containsExactly(
                    "Normal SuccessfulCreate: Created pod: " + pod.name() + " [job-controller]",
                    "Normal Completed: Job completed [job-controller]");
        }
    }

    @Test
    void badCommandWithNeverCreatesNewPodsWithBackoffUntilTheLimit() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(seed("myjob.v2-bad-command.yml"));

            cluster.advance(Duration.ofMinutes(10));

            assertThat(pods(cluster)).hasSize(6);
            assertThat(job(cluster, "myjob").field("status.failed")).contains("6");
            assertThat(job(cluster, "myjob").field("status.conditions")).isEmpty();

            cluster.advance(Duration.ofMinutes(5));

            List<Resource> pods = pods(cluster);
            assertThat(pods).hasSize(7).allSatisfy(p -> {
                assertThat(p.name()).matches(POD_NAME);
                assertThat(p.field("status.phase")).contains("Failed");
                assertThat(p.field("status.containerStatuses[0].restartCount")).contains("0");
                assertThat(p.field("status.containerStatuses[0].state.terminated.reason")).contains("StartError");
            });
            for (int i = 0; i < 6; i++) {
                Instant failed = time(pods.get(i), "status.containerStatuses[0].state.terminated.finishedAt");
                Duration gap = Duration.between(failed, pods.get(i + 1).creationTimestamp());
                assertThat(gap).as("back-off after failure %d", i + 1).isEqualTo(Duration.ofSeconds(10L << i));
            }
            Resource job = job(cluster, "myjob");
            assertThat(job.field("status.conditions[0].type")).contains("FailureTarget");
            assertThat(job.field("status.conditions[1].type")).contains("Failed");
            assertThat(job.field("status.conditions[1].reason")).contains("BackoffLimitExceeded");
            assertThat(job.field("status.conditions[1].message")).contains("Job has reached the specified backoff limit");
            assertThat(job.field("status.failed")).contains("7");
            assertThat(job.field("status.completionTime")).isEmpty();
            assertThat(events(cluster, "myjob")).endsWith(
                    "Warning BackoffLimitExceeded: Job has reached the specified backoff limit [job-controller]");
            assertThat(cluster.table("jobs", "default")).isEqualTo("""
                    NAME    STATUS   COMPLETIONS   DURATION   AGE
                    myjob   Failed   0/1           15m        15m
                    """);
        }
    }

    @Test
    void badCommandWithOnFailureRestartsTheSamePod() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(seed("myjob.v3-bad-command-onfailure.yml"));
            String pod = pods(cluster).get(0).name();

            cluster.advance(Duration.ofSeconds(60));
            assertThat(pods(cluster)).extracting(Resource::name).containsExactly(pod);
            assertThat(pods(cluster).get(0).field("status.containerStatuses[0].restartCount")).contains("3");

            cluster.advance(Duration.ofSeconds(251));
            assertThat(pods(cluster).get(0).field("status.containerStatuses[0].restartCount")).contains("5");
            assertThat(job(cluster, "myjob").field("status.conditions")).isEmpty();

            cluster.advance(Duration.ofSeconds(2));
            Resource restarted = pods(cluster).get(0);
            assertThat(restarted.field("status.containerStatuses[0].restartCount")).contains("6");
            assertThat(restarted.deletionTimestamp()).isPresent();
            assertThat(job(cluster, "myjob").field("status.conditions[0].type")).contains("FailureTarget");

            cluster.advance(Duration.ofSeconds(10));
            assertThat(pods(cluster)).isEmpty();
            Resource job = job(cluster, "myjob");
            assertThat(job.field("status.conditions[1].type")).contains("Failed");
            assertThat(job.field("status.conditions[1].reason")).contains("BackoffLimitExceeded");
            assertThat(job.field("status.failed")).contains("1");
            assertThat(events(cluster, "myjob")).containsExactly(
                    "Normal SuccessfulCreate: Created pod: " + pod + " [job-controller]",
                    "Normal SuccessfulDelete: Deleted pod: " + pod + " [job-controller]",
                    "Warning BackoffLimitExceeded: Job has reached the specified backoff limit [job-controller]");
        }
    }

    @Test
    void parallelJobRunsPodsAtTheSameTime() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(seed("myjob.v4-parallel.yml"));

            List<Resource> pods = pods(cluster);
            assertThat(pods).hasSize(2).allSatisfy(p -> assertThat(p.creationTimestamp()).isEqualTo(START));
            assertThat(job(cluster, "myjob").field("status.active")).contains("2");

            cluster.advance(Duration.ofSeconds(17));

            assertThat(cluster.table("jobs", "default")).isEqualTo("""
                    NAME    STATUS     COMPLETIONS   DURATION   AGE
                    myjob   Complete   2/2           3s         17s
                    """);
            assertThat(pods(cluster)).allSatisfy(p -> assertThat(p.field("status.phase")).contains("Succeeded"));
        }
    }

    @Test
    void indexedJobNamesAndCompletesEveryIndex() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply("""
                    apiVersion: batch/v1
                    kind: Job
                    metadata: {name: sum}
                    spec:
                      completions: 3
                      parallelism: 2
                      completionMode: Indexed
                      template:
                        spec:
                          containers:
                          - {name: add, image: busybox, command: [echo, done]}
                          restartPolicy: Never
                    """);

            List<Resource> first = pods(cluster);
            assertThat(first).hasSize(2);
            for (int i = 0; i < 2; i++) {
                Resource pod = first.get(i);
                assertThat(pod.name()).matches("sum-" + i + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
                assertThat(pod.field("spec.hostname")).contains("sum-" + i);
                assertThat(pod.annotations()).containsEntry("batch.kubernetes.io/job-completion-index", "" + i);
                assertThat(pod.labels()).containsEntry("batch.kubernetes.io/job-completion-index", "" + i);
                assertThat(pod.field("spec.containers[0].env[0].name")).contains("JOB_COMPLETION_INDEX");
                assertThat(pod.field("spec.containers[0].env[0].valueFrom.fieldRef.fieldPath"))
                        .contains("metadata.labels['batch.kubernetes.io/job-completion-index']");
            }

            cluster.advance(Duration.ofSeconds(3));

            assertThat(job(cluster, "sum").field("status.completedIndexes")).contains("0,1");
            assertThat(job(cluster, "sum").field("status.succeeded")).contains("2");
            assertThat(pods(cluster).get(2).name()).startsWith("sum-2-");

            cluster.advance(Duration.ofSeconds(3));

            assertThat(job(cluster, "sum").field("status.completedIndexes")).contains("0-2");
            assertThat(cluster.table("jobs", "default")).isEqualTo("""
                    NAME   STATUS     COMPLETIONS   DURATION   AGE
                    sum    Complete   3/3           6s         6s
                    """);
        }
    }

    @Test
    void activeDeadlineFailsTheJob() {
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(sleeper("activeDeadlineSeconds: 30"));
            String pod = pods(cluster).get(0).name();

            cluster.advance(Duration.ofSeconds(29));
            assertThat(job(cluster, "sleeper").field("status.conditions")).isEmpty();
            assertThat(pods(cluster).get(0).field("status.phase")).contains("Running");

            cluster.advance(Duration.ofSeconds(1));
            Resource target = job(cluster, "sleeper");
            assertThat(target.field("status.conditions[0].type")).contains("FailureTarget");
            assertThat(target.field("status.conditions[0].reason")).contains("DeadlineExceeded");
            assertThat(target.field("status.terminating")).contains("1");
            assertThat(pods(cluster).get(0).deletionTimestamp()).contains(START.plusSeconds(60));

            // `sleep` as PID 1 ignores SIGTERM: the pod goes when the 30 s grace period ends
            cluster.advance(Duration.ofSeconds(29));
            assertThat(pods(cluster)).hasSize(1);
            cluster.advance(Duration.ofSeconds(1));
            assertThat(pods(cluster)).isEmpty();
            cluster.advance(Duration.ofSeconds(1));
            Resource failed = job(cluster, "sleeper");
            assertThat(failed.field("status.conditions[1].type")).contains("Failed");
            assertThat(failed.field("status.conditions[1].reason")).contains("DeadlineExceeded");
            assertThat(failed.field("status.conditions[1].message"))
                    .contains("Job was active longer than specified deadline");
            assertThat(failed.field("status.failed")).contains("1");
            assertThat(failed.field("status.active")).isEmpty();
            assertThat(failed.field("status.completionTime")).isEmpty();
            assertThat(events(cluster, "sleeper")).containsExactly(
                    "Normal SuccessfulCreate: Created pod: " + pod + " [job-controller]",
                    "Normal SuccessfulDelete: Deleted pod: " + pod + " [job-controller]",
                    "Warning DeadlineExceeded: Job was active longer than specified deadline [job-controller]");
        }
    }

    @Test
    void deletingAJobThroughTheApiOrphansPodsButKubectlDeletesThem() {
        VirtualClock clock = VirtualClock.virtual(START);
        ControlPlane plane = ControlPlane.over(ClusterState.empty(1000), clock, 1);
        ApiServer api = plane.api();
        Topology.create(api, List.of("node1", "node2", "node3"));
        api.create(ManifestReader.read(seed("myjob.v1.yml")).get(0), "default", false);
        plane.loop().run();
        String pod = api.list(api.resolveKind("pods"), "default", null, null).items().get(0).name();

        api.delete(api.resolveKind("jobs"), "default", "myjob", DeleteOptions.defaults());
        plane.loop().run();

        assertThat(api.get(api.resolveKind("jobs"), "default", "myjob")).isEmpty();
        var orphan = api.get(api.resolveKind("pods"), "default", pod).orElseThrow();
        assertThat(orphan.ownerUids()).isEmpty();
        assertThat(orphan.hasFinalizer(JobPods.TRACKING_FINALIZER)).isFalse();
        assertThat(orphan.isDeleting()).isFalse();

        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(seed("myjob.v1.yml"));
            cluster.advance(Duration.ofSeconds(10));

            cluster.delete("job", "default", "myjob");

            assertThat(cluster.list("jobs", "default", null)).isEmpty();
            assertThat(pods(cluster)).isEmpty();
        }
    }

    @Test
    void suspendDeletesActivePods() {
        String running = sleeper("completions: 4\nparallelism: 2");
        try (Cluster cluster = Cluster.builder().build()) {
            cluster.apply(running);
            cluster.advance(Duration.ofSeconds(5));
            List<String> first = pods(cluster).stream().map(Resource::name).toList();

            cluster.apply(sleeper("completions: 4\nparallelism: 2\nsuspend: true"));

            assertThat(pods(cluster)).hasSize(2).allSatisfy(p -> {
                assertThat(p.deletionTimestamp()).isPresent();
                assertThat(p.field("metadata.finalizers")).isEmpty();
            });
            Resource suspended = job(cluster, "sleeper");
            assertThat(suspended.field("status.conditions[0].type")).contains("Suspended");
            assertThat(suspended.field("status.conditions[0].status")).contains("True");
            assertThat(suspended.field("status.conditions[0].reason")).contains("JobSuspended");
            assertThat(suspended.field("status.active")).isEmpty();
            assertThat(suspended.field("status.terminating")).contains("2");
            assertThat(suspended.field("status.failed")).as("pods removed by suspension are not failures").isEmpty();
            assertThat(events(cluster, "sleeper")).endsWith(
                    "Normal SuccessfulDelete: Deleted pod: " + first.get(0) + " [job-controller]",
                    "Normal SuccessfulDelete: Deleted pod: " + first.get(1) + " [job-controller]",
                    "Normal Suspended: Job suspended [job-controller]");

            cluster.advance(Duration.ofSeconds(31));
            assertThat(pods(cluster)).isEmpty();
            assertThat(job(cluster, "sleeper").field("status.terminating")).contains("0");
            assertThat(cluster.table("jobs", "default")).isEqualTo("""
                    NAME      STATUS      COMPLETIONS   DURATION   AGE
                    sleeper   Suspended   0/4           36s        36s
                    """);

            cluster.apply(running);

            Resource resumed = job(cluster, "sleeper");
            assertThat(resumed.field("status.conditions[0].status")).contains("False");
            assertThat(resumed.field("status.conditions[0].reason")).contains("JobResumed");
            assertThat(resumed.field("status.conditions[0].message")).contains("Job resumed");
            assertThat(time(resumed, "status.startTime")).isEqualTo(START.plusSeconds(36));
            assertThat(pods(cluster)).hasSize(2).noneMatch(p -> first.contains(p.name()));
            assertThat(events(cluster, "sleeper")).contains("Normal Resumed: Job resumed [job-controller]");
        }
    }
}
