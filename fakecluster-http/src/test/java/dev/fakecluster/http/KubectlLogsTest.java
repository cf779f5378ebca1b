package dev.fakecluster.http;

import static dev.fakecluster.http.KubectlSession.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl logs} as the tutorial's chapters 5 and 8 use it, with kubectl 1.32: a Job's
 * output, {@code -c} for one container of several, {@code --tail}, {@code --previous} after a
 * restart; and the pod rows that go with them (BEHAVIOURS.md F, I).
 */
class KubectlLogsTest {

    private static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: chatty}
            spec:
              containers:
              - name: app
                image: busybox
                command: [sh, -c, 'i=1; while [ $i -le 5 ]; do echo "line $i"; i=$((i+1)); done; sleep 3600']
              - name: sidecar
                image: busybox
                command: [sh, -c, 'echo sidecar up; sleep 3600']
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: crasher}
            spec:
              restartPolicy: OnFailure
              containers:
              - name: crasher
                image: busybox
                command: [sh, -c, 'echo starting; sleep 5; echo failing; exit 1']
            """;

    @TempDir
    Path dir;
    KubectlSession k;

    @BeforeEach
    void start() {
        k = KubectlSession.start(dir);
    }

    @AfterEach
    void stop() {
        k.close();
    }

    @Test
    void aJobsOutputAndItsCompletedPod() {
        assertThat(k.out("apply", "-f", k.manifest("myjob.v1.yml"))).isEqualTo("job.batch/myjob created\n");
        k.advance(Duration.ofSeconds(15));
        String pod = k.pods("job-name=myjob").get(0);

        assertThat(k.out("get", "job")).isEqualTo(table(
                "NAME  STATUS  COMPLETIONS  DURATION  AGE",
                "myjob  Complete  1/1  " + jobDuration() + "  15s"));
        assertThat(k.out("get", "pod")).isEqualTo(table(
                "NAME  READY  STATUS  RESTARTS  AGE",
                pod + "  0/1  Completed  0  15s"));
        assertThat(k.out("logs", pod)).isEqualTo("hello k8s Job!\n");
        assertThat(k.out("logs", "job/myjob")).isEqualTo("hello k8s Job!\n");

        assertThat(k.out("delete", "-f", k.manifest("myjob.v1.yml"))).isEqualTo("job.batch \"myjob\" deleted\n");
        k.advance(Duration.ofSeconds(5));
        assertThat(k.ok("get", "pod").err()).as("its pod goes with it").isEqualTo("No resources found in default namespace.\n");
    }

    @Test
    void containerTailAndPreviousInstance() {
        assertThat(k.out("apply", "-f", k.file("pods.yaml", PODS))).isEqualTo("pod/chatty created\npod/crasher created\n");
        k.advance(Duration.ofSeconds(10));

        Kubectl.Result first = k.ok("logs", "chatty");
        assertThat(first.out()).isEqualTo("line 1\nline 2\nline 3\nline 4\nline 5\n");
        assertThat(first.err()).isEqualTo("Defaulted container \"app\" out of: app, sidecar\n");
        assertThat(k.out("logs", "chatty", "-c", "sidecar")).isEqualTo("sidecar up\n");
        assertThat(k.out("logs", "chatty", "-c", "app", "--tail=2")).isEqualTo("line 4\nline 5\n");
        assertThat(k.out("logs", "chatty", "--all-containers", "--prefix")).as("the containers in either order")
                .contains("""
                        [pod/chatty/app] line 1
                        [pod/chatty/app] line 2
                        [pod/chatty/app] line 3
                        [pod/chatty/app] line 4
                        [pod/chatty/app] line 5
                        """, "[pod/chatty/sidecar] sidecar up\n").hasLineCount(6);
        assertThat(k.fails("logs", "chatty", "-c", "nope")).isEqualTo("error: container nope is not valid for pod chatty\n");

        // Started at 2 s (the image pulled), failed at 7 s and restarted at once: since 1.22 kubectl tells when.
        assertThat(k.out("get", "pod", "crasher")).isEqualTo(table(
                "NAME  READY  STATUS  RESTARTS  AGE",
                "crasher  1/1  Running  1 (3s ago)  10s"));
        assertThat(k.out("logs", "crasher")).isEqualTo("starting\n");
        assertThat(k.out("logs", "crasher", "--previous")).isEqualTo("starting\nfailing\n");
        assertThat(k.out("logs", "crasher", "-p", "--tail=1")).isEqualTo("failing\n");
        assertThat(k.fails("logs", "chatty", "-c", "app", "--previous"))
                .isEqualTo("Error from server (BadRequest): previous terminated container \"app\" in pod \"chatty\" not found\n");
    }

    /** The job's DURATION: from its start to its completion. */
    private String jobDuration() {
        Resource job = k.cluster.get("jobs", "default", "myjob").orElseThrow();
        return Duration.between(Instant.parse(job.field("status.startTime").orElseThrow()),
                Instant.parse(job.field("status.completionTime").orElseThrow())).toSeconds() + "s";
    }
}
