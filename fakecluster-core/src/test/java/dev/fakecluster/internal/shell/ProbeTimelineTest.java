package dev.fakecluster.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakecluster.internal.shell.Exec.ExecResult;
import dev.fakecluster.internal.shell.Process.Exited;
import dev.fakecluster.internal.shell.Process.Running;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tutorial's containers on virtual time, probed the way the kubelet probes them. */
class ProbeTimelineTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<String> LIVENESS = List.of("/bin/sh", "-c",
            "touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600");
    private static final List<String> PROBE = List.of("cat", "/tmp/healthy");
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final FileSystem fs = new FileSystem();
    private final List<String> logs = new ArrayList<>();

    private Process start(List<String> argv) {
        return Process.start(argv, fs, Map.of(), T0, logs::add);
    }

    private ExecResult probeAt(Process container, long seconds) {
        Instant at = T0.plusSeconds(seconds);
        container.advanceTo(at);
        return Exec.run(PROBE, fs, Map.of(), at, ONE_SECOND);
    }

    @Test
    void livenessFileExistsFromTheStartUntilTheThirtySecondSleepEnds() {
        Process container = start(LIVENESS);

        assertThat(container.state()).isEqualTo(new Running(T0.plusSeconds(30)));
        assertThat(fs.exists("/tmp/healthy")).isTrue();
        assertThat(probeAt(container, 10)).isEqualTo(new ExecResult(0, "", false));
        assertThat(probeAt(container, 25).exitCode()).isZero();

        container.advanceTo(T0.plusMillis(29_999));
        assertThat(fs.exists("/tmp/healthy")).isTrue();

        ExecResult atThirty = probeAt(container, 30);
        assertThat(atThirty).isEqualTo(new ExecResult(1,
                "cat: can't open '/tmp/healthy': No such file or directory\n", false));
        assertThat(container.state()).isEqualTo(new Running(T0.plusSeconds(630)));
        assertThat(probeAt(container, 35).exitCode()).isEqualTo(1);
        assertThat(logs).isEmpty();
    }

    @Test
    void livenessScriptExitsZeroAfterItsLastSleep() {
        Process container = start(LIVENESS);

        assertThat(container.advanceTo(T0.plusSeconds(629))).isInstanceOf(Running.class);
        assertThat(container.advanceTo(T0.plusSeconds(10_000))).isEqualTo(new Exited(0, T0.plusSeconds(630)));
    }

    @Test
    void readinessProbeSeesTheSameTimeline() {
        Process container = start(List.of("/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 600"));
        List<Integer> codes = new ArrayList<>();
        for (long s = 10; s <= 45; s += 5) {
            codes.add(probeAt(container, s).exitCode());
        }

        assertThat(codes).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void appV1BecomesReadyAtTenSecondsAndStaysReady() {
        Process container = start(List.of("/bin/sh", "-c", "sleep 10; touch /tmp/healthy; sleep 30000"));

        assertThat(Exec.run(PROBE, fs, Map.of(), T0, ONE_SECOND).exitCode()).isEqualTo(1);
        assertThat(probeAt(container, 9).exitCode()).isEqualTo(1);
        assertThat(probeAt(container, 10).exitCode()).isZero();
        assertThat(probeAt(container, 15_000).exitCode()).isZero();
        assertThat(container.advanceTo(T0.plusSeconds(30_010))).isEqualTo(new Exited(0, T0.plusSeconds(30_010)));
    }

    @Test
    void appV2NeverBecomesReady() {
        Process container = start(List.of("/bin/sh", "-c", "sleep 3000"));

        for (long s = 10; s < 3000; s += 500) {
            assertThat(probeAt(container, s).exitCode()).isEqualTo(1);
        }
    }

    @Test
    void healthcheckExitsOneAtTenSeconds() {
        Process container = start(List.of("/bin/sh", "-c", "sleep 10; exit 1"));

        assertThat(container.advanceTo(T0.plusMillis(9_999))).isEqualTo(new Running(T0.plusSeconds(10)));
        assertThat(container.advanceTo(T0.plusSeconds(10))).isEqualTo(new Exited(1, T0.plusSeconds(10)));
        assertThat(container.advanceTo(T0.plusSeconds(20))).isEqualTo(new Exited(1, T0.plusSeconds(10)));
    }

    @Test
    void jobCommandPrintsItsLineAndExits() {
        Process job = start(List.of("echo", "hello k8s Job!"));

        assertThat(job.state()).isEqualTo(new Exited(0, T0));
        assertThat(logs).containsExactly("hello k8s Job!");
    }

    @Test
    void badJobCommandDoesNotExist() {
        Process job = start(List.of("invalide command", "hello k8s Job!"));

        assertThat(Applets.exists("invalide command")).isFalse();
        assertThat(job.state()).isEqualTo(new Exited(127, T0));
        assertThat(logs).containsExactly("exec: \"invalide command\": executable file not found in $PATH");
    }

    @Test
    void execTimesOutWhenItSleepsPastItsTimeout() {
        ExecResult slow = Exec.run(List.of("sleep", "5"), fs, Map.of(), T0, ONE_SECOND);
        ExecResult justInTime = Exec.run(List.of("sleep", "1"), fs, Map.of(), T0, ONE_SECOND);
        ExecResult forever = Exec.run(List.of("sh", "-c", "echo started; sleep infinity"), fs, Map.of(), T0, ONE_SECOND);

        assertThat(slow).isEqualTo(new ExecResult(Exec.TIMED_OUT, "", true));
        assertThat(justInTime).isEqualTo(new ExecResult(0, "", false));
        assertThat(forever).isEqualTo(new ExecResult(Exec.TIMED_OUT, "started\n", true));
    }

    @Test
    void execChangesTheContainersFiles() {
        Exec.run(List.of("sh", "-c", "mkdir -p /data && echo ok > /data/status"), fs, Map.of(), T0, ONE_SECOND);

        assertThat(fs.read("/data/status")).isEqualTo("ok\n");
        assertThat(Exec.run(List.of("cat", "/data/status"), fs, Map.of(), T0, ONE_SECOND).output()).isEqualTo("ok\n");
    }

    @Test
    void sigtermIsIgnoredByPidOneAndSigkillEndsIt() {
        Process container = start(List.of("/bin/sh", "-c", "sleep 3000"));

        assertThat(container.terminate(T0.plusSeconds(5))).isFalse();
        assertThat(container.state()).isEqualTo(new Running(T0.plusSeconds(3000)));
        assertThat(container.kill(T0.plusSeconds(35))).isEqualTo(new Exited(Process.KILLED, T0.plusSeconds(35)));
    }

    @Test
    void terminateReportsAScriptThatExitedByThen() {
        Process container = start(List.of("/bin/sh", "-c", "sleep 10; exit 1"));

        assertThat(container.terminate(T0.plusSeconds(10))).isTrue();
        assertThat(container.kill(T0.plusSeconds(11))).isEqualTo(new Exited(1, T0.plusSeconds(10)));
    }
}
