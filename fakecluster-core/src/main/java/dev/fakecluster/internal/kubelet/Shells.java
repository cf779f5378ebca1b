package dev.fakecluster.internal.kubelet;

import dev.fakecluster.internal.shell.Exec;
import dev.fakecluster.internal.shell.FileSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Commands run inside images that are not userland images themselves: a fresh, empty userland each time. */
final class Shells {

    private Shells() {
    }

    /** Runs a hook in a fresh userland; when it finished, or {@code deadline}. */
    static Instant runHook(List<String> argv, Instant at, Instant deadline) {
        return finish(dev.fakecluster.internal.shell.Process.start(argv, new FileSystem(), Map.of(), at, line -> { }),
                deadline);
    }

    /** When {@code process} exits, or {@code deadline} if it is still running then. */
    static Instant finish(dev.fakecluster.internal.shell.Process process, Instant deadline) {
        var state = process.advanceTo(deadline);
        return state instanceof dev.fakecluster.internal.shell.Process.Exited e && !e.at().isAfter(deadline) ? e.at() : deadline;
    }

    static ContainerProcess.ExecOutcome exec(List<String> argv, Instant at, Duration timeout) {
        Exec.ExecResult r = Exec.run(argv, new FileSystem(), Map.of(), at, timeout);
        return new ContainerProcess.ExecOutcome(r.exitCode(), r.output(), r.timedOut());
    }
}
